// The Cron Trigger's retention job (src/index.ts scheduled): for each pledge whose
// retention period ended (retention.ts), erase its signers' personal data, then its mail
// ledger rows, in batches, at most ERASE_PER_RUN rows per run (a bigger backlog goes on
// at the next run); a pledge is marked done when nothing is left, so later runs skip it.
// Safe to run any number of times.
import { eraseLedgerBatch } from '../platform/mail/ledger.ts';
import { eraseSignatureBatch, markPledgeErased, pledgesDueForErasure } from './retention.queries.ts';
import { ERASE_BATCH, ERASE_PER_RUN } from './retention.ts';

export type Erased = { pledges: number; signatures: number; mails: number };

export async function eraseExpiredPersonalData(d1: D1Database, now: number, budget = ERASE_PER_RUN): Promise<Erased> {
  const out: Erased = { pledges: 0, signatures: 0, mails: 0 };
  let left = budget;
  // Runs batches until one comes back short (nothing left: false) or the budget is
  // spent (true: more may remain).
  const drain = async (batch: (limit: number) => Promise<number>, what: 'signatures' | 'mails'): Promise<boolean> => {
    for (;;) {
      if (left <= 0) return true;
      const limit = Math.min(ERASE_BATCH, left);
      const n = await batch(limit);
      out[what] += n;
      left -= n;
      if (n < limit) return false;
    }
  };
  for (const pledge of await pledgesDueForErasure(d1, now)) {
    if (await drain((limit) => eraseSignatureBatch(d1, pledge.id, now, limit), 'signatures')) break;
    if (await drain((limit) => eraseLedgerBatch(d1, pledge.id, limit), 'mails')) break;
    await markPledgeErased(d1, pledge.id, now);
    out.pledges++;
  }
  return out;
}
