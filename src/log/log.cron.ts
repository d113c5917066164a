// The Cron Trigger's part (every 15 minutes): hash whatever the log gained, sign a new
// checkpoint for every pledge with a log, grown or idle (an idle log's has the same size
// and root and a new timestamp, so the latest checkpoint is at most one run old), and
// have the configured witnesses cosign it: a witness accepts the same size and root
// again (c2sp.org/tlog-witness) and answers a cosignature with a new timestamp, which is
// how the signed note (which has no time of its own) shows it is current.

import { pledgesWithLogs } from './log.queries.ts';
import { CRON_BUDGET, CRON_REFRESH_AFTER_MS, ensureCheckpoint, type LogEnv, LogKeyMissing } from './log.ts';
import { requestCosignatures } from './witnesses.ts';

export async function checkpointAll(env: LogEnv, now: number): Promise<void> {
  for (const pledge of await pledgesWithLogs(env.DB)) {
    try {
      const checkpoint = await ensureCheckpoint(env, pledge, { now, minIntervalMs: 0, budget: CRON_BUDGET, refreshAfterMs: CRON_REFRESH_AFTER_MS });
      if (checkpoint && env.PUBLIC_URL) {
        for (const w of await requestCosignatures(env, pledge, checkpoint, now)) {
          if (!w.ok) console.warn(`log: witness ${w.witness} did not cosign pledge ${pledge.id} at ${checkpoint.treeSize}: ${w.detail}`);
        }
      }
    } catch (err) {
      if (err instanceof LogKeyMissing) {
        console.warn(`log: ${err.message}`);
        return;
      }
      console.error(`log: checkpoint for pledge ${pledge.id} failed: ${err instanceof Error ? err.message.slice(0, 200) : 'error'}`);
    }
  }
}
