// The Cron Trigger's part (every 15 minutes): hash whatever the log gained, sign a
// checkpoint for every pledge whose log grew (requests also do this, at most once per
// interval), and have the configured witnesses cosign the latest checkpoint, also when
// the log is idle: their timestamped cosignatures say the checkpoint is still current.

import { pledgesWithLogs } from './log.queries.ts';
import { CRON_BUDGET, ensureCheckpoint, type LogEnv, LogKeyMissing } from './log.ts';
import { requestCosignatures } from './witnesses.ts';

export async function checkpointAll(env: LogEnv, now: number): Promise<void> {
  for (const pledge of await pledgesWithLogs(env.DB)) {
    try {
      const checkpoint = await ensureCheckpoint(env, pledge, { now, minIntervalMs: 0, budget: CRON_BUDGET });
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
