import type { Context } from 'hono';
import { afterCountsChanged } from '../counts/counts.actions.ts';
import { type ReviewResult, rejectEndorsement, verifyEndorsement } from '../endorsements/endorsements.actions.ts';
import { JUST_VERIFIED } from '../endorsements/endorsements.queries.ts';
import type { InvalidationCategory } from '../log/entry.ts';
import { baseUrl } from '../platform/http/client.ts';
import type { Lang } from '../platform/i18n/lang.ts';
import { mailerFor } from '../platform/mail/mailer.ts';
import { forgetPledges } from '../pledges/pledges.cache.ts';
import { getCurrentTexts, getPledgeBySlug, pickText } from '../pledges/pledges.queries.ts';
import { mailReleasedSignature } from '../signatures/signatures.actions.ts';
import { auditStatement, recordAudit } from './audit.ts';
import { type AdminEnv, appContext } from './auth.ts';
import { previewReject, type QueueFilter, type RejectPreview, rejectBulk } from './endorsement-queue.queries.ts';
import * as m from './moderation.queries.ts';
import type { BulkFilter } from './moderation.ts';
import type { PledgeInput } from './pledge-editor.input.ts';
import { createPledge, type EditResult, updatePledge } from './pledge-editor.ts';

// Organiser actions shared by the JSON API and the HTML console: each changes state,
// writes the audit log, and pushes new counts when they changed.
type C = Context<AdminEnv>;

const countsChanged = (c: C, pledgeId: number) => afterCountsChanged(appContext(c), pledgeId);

const audit = (c: C, action: string, target: string | null, detail: Record<string, unknown> | null = null) => recordAudit(c.env.DB, c.get('actor'), { action, target, detail });

// A pledge filter given by slug: its id, null when none was given, 'unknown' when no such pledge.
export async function pledgeIdFor(c: C, slug: string | null | undefined): Promise<number | null | 'unknown'> {
  if (!slug) return null;
  const pledge = await getPledgeBySlug(c.var.db, slug);
  return pledge ? pledge.id : 'unknown';
}

function reviewDeps(c: C) {
  const d = c.var.db;
  return {
    d1: c.env.DB,
    mailer: mailerFor(c.env),
    now: Date.now(),
    baseUrl: baseUrl(appContext(c)),
    mailKeySecret: c.env.IP_HASH_SECRET,
    pledgeTitle: async (pledgeId: number, lang: Lang) => {
      const pledge = await d.query.pledges.findFirst({ where: (p, { eq }) => eq(p.id, pledgeId) });
      return pickText(await getCurrentTexts(d, pledgeId), lang, pledge?.defaultLang ?? 'zh-Hans')?.title ?? '';
    },
  };
}

export async function verifyAction(c: C, id: number): Promise<ReviewResult> {
  // The audit entry is written in the verification's own batch, only if it took effect.
  const result = await verifyEndorsement(reviewDeps(c), id, (endorsementId, at) => [
    auditStatement(c.env.DB, c.get('actor'), { action: 'endorsement.verify', target: `endorsement:${endorsementId}` }, at, { sql: JUST_VERIFIED, params: [endorsementId, at] }),
  ]);
  if (result.ok) countsChanged(c, result.endorsement.pledgeId);
  return result;
}

export async function rejectAction(c: C, id: number, reason: string): Promise<ReviewResult> {
  const result = await rejectEndorsement(reviewDeps(c), id, reason);
  if (result.ok) {
    await audit(c, 'endorsement.reject', `endorsement:${id}`, { societyId: result.endorsement.societyId, pledge: result.endorsement.pledgeSlug, reason });
    countsChanged(c, result.endorsement.pledgeId);
  }
  return result;
}

export type SignatureAction = 'hide' | 'unhide' | 'invalidate' | 'release';

// One signature: hide/unhide from the public list, invalidate, or release a held one.
export async function signatureAction(c: C, id: number, action: SignatureAction, category?: InvalidationCategory): Promise<boolean> {
  const now = Date.now();
  const changed =
    action === 'hide' || action === 'unhide'
      ? await m.setHidden(c.env.DB, id, action === 'hide', now)
      : action === 'invalidate'
        ? await m.invalidateSignature(c.env.DB, id, now, category)
        : await m.releaseSignature(c.env.DB, id, now);
  if (!changed) return false;
  await audit(c, `signature.${action}`, `signature:${id}`, 'state' in changed ? { state: changed.state } : action === 'invalidate' ? { category: category ?? 'other' } : null);
  if (action === 'invalidate' || action === 'release') countsChanged(c, changed.pledgeId);
  // A held signature was never mailed (issue 13): released unconfirmed, its confirmation
  // goes out now, within the recipient's mail cap. The release stands if mail fails.
  if (action === 'release' && 'state' in changed && changed.state === 'pending') {
    const deps = reviewDeps(c);
    try {
      await mailReleasedSignature(deps, id, deps.pledgeTitle);
    } catch (err) {
      console.error(`confirmation mail failed for released signature ${id}: ${err instanceof Error ? err.name : 'error'}`);
    }
  }
  return true;
}

export type BulkOutcome = { ok: true; invalidated: number; ids: number[] } | { ok: false; preview: m.BulkPreview };

// Runs a bulk invalidation if the rows matching still number what the organiser
// previewed (when given); otherwise answers the fresh preview.
export async function bulkInvalidateAction(c: C, filter: BulkFilter, expected: number | null, category?: InvalidationCategory): Promise<BulkOutcome> {
  if (expected !== null) {
    const preview = await m.previewBulk(c.env.DB, filter);
    if (preview.matching !== expected) return { ok: false, preview };
  }
  const rows = await m.invalidateBulk(c.env.DB, filter, Date.now(), c.get('actor'), category);
  const ids = rows.map((r) => r.id);
  for (const pledgeId of new Set(rows.map((r) => r.pledgeId))) countsChanged(c, pledgeId);
  return { ok: true, invalidated: ids.length, ids };
}

export async function createPledgeAction(c: C, input: PledgeInput): Promise<EditResult> {
  const result = await createPledge(c.env.DB, input, Date.now());
  forgetPledges();
  if (result.ok) await audit(c, 'pledge.create', `pledge:${result.id}`, { slug: result.slug, status: input.status ?? 'draft', versions: result.newVersions });
  return result;
}

export async function updatePledgeAction(c: C, pledge: { id: number; slug: string; status: string }, input: PledgeInput): Promise<EditResult> {
  const result = await updatePledge(c.env.DB, pledge, input, Date.now());
  forgetPledges();
  if (result.ok) {
    const { texts: _texts, ...fields } = input;
    await audit(c, 'pledge.update', `pledge:${pledge.id}`, { slug: result.slug, fields, newVersions: result.newVersions });
    countsChanged(c, pledge.id);
  }
  return result;
}

export { audit as recordAdminAction };

export type BulkRejectOutcome = { ok: true; rejected: number; ids: number[] } | { ok: false; preview: RejectPreview };

// Rejects every submission matching the filter if they still number what the organiser
// previewed; otherwise answers the fresh preview. Audited in the same batch.
export async function bulkRejectAction(c: C, filter: QueueFilter, reason: string, expected: number): Promise<BulkRejectOutcome> {
  const preview = await previewReject(c.env.DB, filter);
  if (preview.matching !== expected) return { ok: false, preview };
  const ids = await rejectBulk(c.env.DB, filter, reason, Date.now(), c.get('actor'));
  return { ok: true, rejected: ids.length, ids };
}
