import { z } from 'zod';
import { named } from '../platform/openapi/operation.ts';
import { PLEDGE_STATUSES } from '../pledges/pledges.ts';

export const CountsBody = named(
  'Counts',
  z.object({
    slug: z.string(),
    individuals: z.number().int().describe('Confirmed individual signatures'),
    societies: z.number().int().describe('Verified society co-signatures'),
    updatedAt: z.number().int().describe('Last change of either counter, ms since the epoch'),
    verified: z
      .object({
        institution: z.number().int().describe('Confirmed signatures whose mailbox is at an academic or research institution (and not ORCID-verified)'),
        orcid: z.number().int().describe('Confirmed signatures whose signer proved an ORCID iD by signing in with ORCID'),
      })
      .describe('Individuals by verification level beyond a confirmed mailbox; each signature counts at its strongest level, so email = individuals - institution - orcid'),
    goal: z.number().int().nullable().describe('Target number of individual signatures, if set'),
    status: z.enum(PLEDGE_STATUSES),
    closesAt: z.number().int().nullable().describe('When signing closes, ms since the epoch, if set'),
  }),
  'Headline totals, read from the counters (never a scan of signatures).',
);
export type CountsBody = z.infer<typeof CountsBody>;

const GroupSchema = named(
  'Group',
  z.object({
    key: z.string().describe('Field name, region code (ISO 3166-2:CN or ISO 3166-1 alpha-2), or society id; "*" for the suppressed groups taken together'),
    label: z.string().describe('The group name in the requested language'),
    count: z.number().int().nullable().describe('null when suppressed'),
    suppressed: z
      .boolean()
      .describe(
        'true: the entry "*" standing for every group of fewer than minGroupSize signatures (and any hidden so that such a group cannot be derived); their keys are not published',
      ),
  }),
  'One group of a breakdown. Groups smaller than minGroupSize are suppressed: they are published only together, as one entry with key "*", count null and suppressed true.',
);

const PointSchema = named('Point', z.object({ bucket: z.string().describe('UTC hour YYYY-MM-DDTHH or day YYYY-MM-DD'), count: z.number().int() }));

export const StatsBody = named(
  'Stats',
  z.object({
    slug: z.string(),
    individuals: z.number().int(),
    updatedAt: z.number().int(),
    minGroupSize: z.number().int(),
    timeZone: z.literal('UTC'),
    byField: z.array(GroupSchema),
    byRegion: z.array(GroupSchema),
    bySociety: z.array(GroupSchema).describe('Membership of a society, for signers who gave one'),
    perHour: z.array(PointSchema).describe('Confirmed signatures per hour, the last 48 hours'),
    perDay: z.array(PointSchema).describe('Confirmed signatures per day, from the first to today'),
    removals: z
      .object({
        withdrawn: z.number().int().describe('Individual signatures withdrawn by their signers'),
        invalidated: z.number().int().describe('Individual signatures invalidated by an organiser'),
        byCategory: z.record(z.string(), z.number().int()).describe('Invalidations by category (duplicate, fraud, suspicious, other, deleted)'),
      })
      .describe('Removals from the count, as the public log records them (removals logged before reasons were recorded are not included)'),
    byVerification: z
      .object({ email: z.number().int(), institution: z.number().int(), orcid: z.number().int() })
      .describe(
        'Confirmed signatures by verification level, each at its strongest: email (mailbox confirmed), institution (academic or research mailbox), orcid (ORCID iD proven by sign-in); they add up to individuals',
      ),
  }),
  'Breakdowns of confirmed signatures, from a snapshot of the counters taken at most once an hour (the same answer until the next UTC hour).',
);
export type StatsBody = z.infer<typeof StatsBody>;
export type GroupBody = z.infer<typeof GroupSchema>;
