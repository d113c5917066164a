import type { Counts } from '../counts/counts.queries.ts';

// Tells the pledge's live-count object about new counts. Best effort: if the object is
// unavailable the pages and the counts API still work, and clients fall back to polling.
export async function publishCounts(env: Pick<Env, 'LIVE'>, slug: string, counts: Counts): Promise<void> {
  try {
    const stub = env.LIVE.get(env.LIVE.idFromName(slug));
    await stub.publish(counts);
  } catch (err) {
    console.warn(`live counts unavailable for ${slug}: ${err instanceof Error ? err.message : 'error'}`);
  }
}
