import { foldSearchKeys } from './signatories.queries.ts';

// Cron Trigger: fold the search keys that triggers wrote raw since the last run, so
// searches find across scripts without folding on the request path.
export async function foldSearchBacklog(d1: D1Database, rounds = 10): Promise<number> {
  let total = 0;
  for (let i = 0; i < rounds; i++) {
    const n = await foldSearchKeys(d1, 500);
    total += n;
    if (n < 500) break;
  }
  return total;
}
