import { config } from '../platform/config.ts';
import { mailPendingUpdates, type SubscriberEnv } from './subscribers.actions.ts';

// Cron Trigger: mail the rest of every update (and milestone) still being mailed, a
// batch at a time. Links in these mails need PUBLIC_URL (there is no request to take
// the address from): without it nothing is mailed here, and the log says so.
export async function mailWaitingUpdates(env: SubscriberEnv & { PUBLIC_URL?: string }, now = Date.now()): Promise<number> {
  const base = config(env).publicUrl;
  if (!base) {
    console.warn('updates wait to be mailed, but PUBLIC_URL is not set');
    return 0;
  }
  return mailPendingUpdates(env, base, now, 200);
}
