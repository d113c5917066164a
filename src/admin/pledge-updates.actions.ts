import type { Context } from 'hono';
import { baseUrl } from '../platform/http/client.ts';
import { keepAliveOf } from '../platform/http/keep-alive.ts';
import type { Pledge } from '../pledges/pledges.ts';
import { mailPendingUpdates } from '../signatures/subscribers.actions.ts';
import { publishUpdate, reachMilestones, saveMilestones, type UpdateInput } from '../updates/updates.actions.ts';
import type { MilestoneSettings } from '../updates/updates.queries.ts';
import type { PledgeUpdate } from '../updates/updates.ts';
import { recordAudit } from './audit.ts';
import { type AdminEnv, appContext } from './auth.ts';

// Organisers' updates and milestones (issue 15), shared by the console and the JSON API;
// audited like every organiser action (ids and languages, never text or signer data).
type C = Context<AdminEnv>;

function afterResponse(c: C, work: Promise<unknown>): void {
  const guarded = work.catch((err: unknown) => console.error(`update mailing failed: ${err instanceof Error ? err.message.slice(0, 200) : 'error'}`));
  keepAliveOf(c)(guarded);
}

export async function publishUpdateAction(c: C, pledge: Pledge, input: UpdateInput): Promise<PledgeUpdate> {
  const now = Date.now();
  const update = await publishUpdate(c.var.db, pledge.id, input, c.get('actor'), now);
  await recordAudit(c.env.DB, c.get('actor'), {
    action: 'pledge.update.publish',
    target: `pledge:${pledge.id}`,
    detail: { slug: pledge.slug, updateId: update.id, notify: input.notify, langs: Object.keys(input.title) },
  });
  // The first batches go out now, after the response; the Cron Trigger mails the rest.
  if (input.notify) afterResponse(c, mailPendingUpdates(c.env, baseUrl(appContext(c)), now));
  return update;
}

export async function saveMilestonesAction(c: C, pledge: Pledge, settings: MilestoneSettings): Promise<void> {
  const now = Date.now();
  await saveMilestones(c.var.db, pledge.id, settings, now);
  await recordAudit(c.env.DB, c.get('actor'), { action: 'pledge.milestones', target: `pledge:${pledge.id}`, detail: { slug: pledge.slug, ...settings } });
  // A threshold the count already passed fires now (once); mailed if chosen.
  afterResponse(
    c,
    reachMilestones(c.var.db, pledge.id, now).then((created) =>
      created.some((u) => u.kind === 'milestone') && settings.notify ? mailPendingUpdates(c.env, baseUrl(appContext(c)), now) : 0,
    ),
  );
}
