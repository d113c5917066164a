import { Hono } from 'hono';
import { QUEUE_STATES } from '../endorsements/endorsements.ts';
import { pageQuery } from '../platform/http/query.ts';
import { endorsementsQuery } from './admin.input.ts';
import { listByState } from '../endorsements/endorsements.queries.ts';
import { formStrings } from '../platform/http/pages.ts';
import { EndorsementQueue } from './AdminEndorsements.tsx';
import { rejectAction, verifyAction } from './admin.actions.ts';
import { adminWords } from './admin.messages.ts';
import type { AdminEnv } from './auth.ts';
import { adminPage, backTo, noticeFrom, withNotice } from './AdminPage.tsx';

// /admin/endorsements: the queue of societies awaiting verification, and the others.
export function endorsementRoutes() {
  const r = new Hono<AdminEnv>();

  r.get('/', async (c) => {
    const { state = 'pending' } = pageQuery(c, endorsementsQuery);
    const items = await listByState(c.env.DB, QUEUE_STATES[state], null);
    const w = adminWords(c.get('lang'));
    return adminPage(c, `${w.nav.endorsements}: ${w.queue[state]}`, <EndorsementQueue lang={c.get('lang')} state={state} items={items} />, { notice: noticeFrom(c) });
  });

  r.post('/:id/verify', async (c) => {
    const form = await formStrings(c);
    const result = await verifyAction(c, Number(c.req.param('id')) || 0);
    return c.redirect(withNotice(backTo(form.back, '/admin/endorsements'), result.ok ? 'done' : 'wrongState'), 303);
  });

  r.post('/:id/reject', async (c) => {
    const form = await formStrings(c);
    const reason = (form.reason ?? '').trim().slice(0, 1000);
    const result = reason ? await rejectAction(c, Number(c.req.param('id')) || 0, reason) : { ok: false };
    return c.redirect(withNotice(backTo(form.back, '/admin/endorsements'), result.ok ? 'done' : 'wrongState'), 303);
  });

  return r;
}
