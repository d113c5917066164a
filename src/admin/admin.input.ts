import { z } from 'zod';
import { QUEUE_STATES, type QueueState } from '../endorsements/endorsements.ts';
import { VERIFICATION_LEVELS } from '../platform/db/states.ts';
import { queryEnum, queryInt, queryText } from '../platform/http/query.ts';
import { SEARCH_STATES, TRENDING_MIN } from './moderation.ts';

// Requests of the organisers' JSON API (src/admin/admin.api.ts); the console pages read
// the same queries with pageQuery.

const QUEUE = Object.keys(QUEUE_STATES) as [QueueState, ...QueueState[]];

export const idParams = z.object({
  id: z
    .string()
    .regex(/^[1-9]\d{0,15}$/, 'invalid')
    .transform(Number)
    .pipe(z.number().max(Number.MAX_SAFE_INTEGER, 'invalid'))
    .describe('Numeric id'),
});

export const pledgeSlugParams = z.object({ slug: z.string().describe('The pledge slug') });

const pledge = queryText(100, 'Limit to one pledge, by slug');

export const pledgeQuery = z.object({ pledge });

export const endorsementsQuery = z.object({
  state: queryEnum(QUEUE, `${QUEUE.join(' | ')}; pending = awaiting the organiser (default)`),
  pledge,
  limit: queryInt(1, 200, 'At most this many, oldest first; 1-200, default 200'),
});

export const signaturesQuery = z.object({
  q: queryText(200, 'Search in name, affiliation and email'),
  state: queryEnum(SEARCH_STATES),
  pledge,
  verification: queryEnum(VERIFICATION_LEVELS, 'Verification level: email | institution | orcid'),
  limit: queryInt(1, 500, 'Page size, 1-500, default 50'),
  offset: queryInt(0, 1_000_000_000, 'Rows to skip, default 0'),
});

export const trendingQuery = z.object({ min: queryInt(1, 1_000_000, `Signatures in the last hour that count as many, default ${TRENDING_MIN}`) });

export const auditQuery = z.object({
  limit: queryInt(1, 500, 'Page size, 1-500, default 100'),
  before: queryInt(1, Number.MAX_SAFE_INTEGER, 'Only entries with a smaller id (the last id of the previous page)'),
});

// POST /api/admin/endorsements/:id/reject: the reason is told to the contact.
export const rejectBody = z.object({
  reason: z
    .string({ error: (iss) => (iss.input === undefined || iss.input === null ? 'required' : 'invalid') })
    .trim()
    .min(1, 'required')
    .max(1000, 'tooLong')
    .describe('Told to the contact, 1-1000 characters'),
});

// The bulk form, prefilled from a trending link (?ipHash= or ?emailDomain=).
export const bulkPrefillQuery = z.object({ ipHash: queryText(64), emailDomain: queryText(253) });
