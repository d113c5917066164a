// The Cron Trigger's part: hash whatever the log gained and sign a checkpoint for every
// pledge whose log grew (requests also do this, at most once per interval).
import { CRON_BUDGET, ensureCheckpoint, LogKeyMissing, type LogEnv } from './log.ts';
import { pledgesWithLogs } from './log.queries.ts';

export async function checkpointAll(env: LogEnv, now: number): Promise<void> {
  for (const pledge of await pledgesWithLogs(env.DB)) {
    try {
      await ensureCheckpoint(env, pledge, { now, minIntervalMs: 0, budget: CRON_BUDGET });
    } catch (err) {
      if (err instanceof LogKeyMissing) {
        console.warn('log: LOG_SIGNING_KEY is not set; no checkpoints are signed');
        return;
      }
      console.error(`log: checkpoint for pledge ${pledge.id} failed: ${err instanceof Error ? err.message.slice(0, 200) : 'error'}`);
    }
  }
}
