// App wiring: middleware, routes, error handling, and the Worker's exports.
import { Hono } from 'hono';
import { csrf } from 'hono/csrf';
import { HTTPException } from 'hono/http-exception';
import { adminApi } from './admin/admin.api.ts';
import { adminPages } from './admin/admin.pages.tsx';
import { countsApi } from './counts/counts.api.ts';
import { endorsementsApi } from './endorsements/endorsements.api.ts';
import { endorsementPages } from './endorsements/endorsements.pages.tsx';
import { expirePending, recount } from './counts/counts.cron.ts';
import { statsApi } from './stats/stats.api.ts';
import { statsPages } from './stats/stats.pages.tsx';
import type { AppEnv } from './platform/env.ts';
import { apiError, isTransientFailure, RETRY_AFTER_SECONDS } from './platform/http/errors.ts';
import { jsonBodyLimit } from './platform/http/json.ts';
import { allowedMethods } from './platform/http/methods.ts';
import { securityHeaders } from './platform/http/security.ts';
import { language } from './platform/i18n/lang.middleware.ts';
import { liveApi } from './counts/live/live.api.ts';
import { publishCounts } from './counts/live/live.ts';
import { logApi, wellKnown } from './log/log.api.ts';
import { checkpointAll } from './log/log.cron.ts';
import { logPages } from './log/log.pages.tsx';
import { logProblems } from './log/log.ts';
import { publicLogCors, tlogApi } from './log/tlog.api.ts';
import { outbox } from './platform/mail/outbox.api.ts';
import { docsPages } from './docs/docs.pages.tsx';
import { openApiApi } from './docs/docs.api.ts';
import { notFoundPage } from './platform/ui/ErrorPage.tsx';
import { pledgesApi } from './pledges/pledges.api.ts';
import { pledgePages } from './pledge-page/pledge-page.pages.tsx';
import { sharePages } from './share/share.pages.tsx';
import { signatoriesApi } from './signatories/signatories.api.ts';
import { signatoriesPages } from './signatories/signatories.pages.tsx';
import { signaturesApi } from './signatures/signatures.api.ts';
import { signaturePages } from './signatures/signatures.pages.tsx';
import { errorPage } from './platform/ui/ErrorPage.tsx';

export { LiveCounts } from './counts/live/LiveCounts.ts';

export const app = new Hono<AppEnv>();

app.use(securityHeaders());
app.use(language());
app.use('/api/*', jsonBodyLimit());
// Every state-changing request to a page must come from our own origin. The JSON API
// needs no such check: it only accepts application/json, which a cross-site form cannot send.
const sameOrigin = csrf();
app.use(async function formCsrf(c, next) {
  return c.req.path.startsWith('/api/') ? next() : sameOrigin(c, next);
});

// A misconfigured log (e.g. the published development key on a public site) is reported
// here: 503 with the problems, so a deployment check fails.
app.get('/healthz', async (c) => {
  await c.env.DB.prepare('SELECT 1').first();
  const problems = await logProblems(c.env);
  return problems.length > 0 ? c.json({ ok: false, problems }, 503) : c.json({ ok: true });
});

// Third-party monitors read the public log from their own origins.
app.use('/api/pledges/:slug/log/*', publicLogCors);
app.use('/.well-known/pledge-log-key', publicLogCors);

app.route('/api/admin', adminApi());
app.route('/api', pledgesApi);
app.route('/api', countsApi);
app.route('/api', statsApi);
app.route('/api', signaturesApi);
app.route('/api', signatoriesApi);
app.route('/api', liveApi);
app.route('/api', endorsementsApi);
app.route('/api', openApiApi);
app.route('/api', logApi);
app.route('/', wellKnown);
app.route('/', tlogApi);
app.route('/', outbox);
app.route('/admin', adminPages());
app.route('/', pledgePages);
app.route('/', statsPages);
app.route('/', sharePages);
app.route('/', docsPages);
app.route('/', signaturePages);
app.route('/', endorsementPages);
app.route('/', signatoriesPages);
app.route('/', logPages);

const methodsFor = allowedMethods(app);

app.notFound((c) => {
  const allowed = methodsFor(c.req.path);
  if (allowed.length > 0) {
    c.header('Allow', allowed.join(', '));
    if (c.req.path.startsWith('/api/')) return apiError(c, 405, 'method_not_allowed', `Use ${allowed.join(' or ')}.`);
    return errorPage(c, 405);
  }
  return c.req.path.startsWith('/api/') ? apiError(c, 404, 'not_found', 'No such resource.') : notFoundPage(c);
});

app.onError((err, c) => {
  // Deliberate refusals from middleware (CSRF 403, malformed input 400...).
  if (err instanceof HTTPException && err.status < 500) {
    if (c.req.path.startsWith('/api/')) return apiError(c, err.status, err.status === 403 ? 'forbidden' : 'bad_request', err.message || 'Request refused.');
    return errorPage(c, err.status);
  }
  const storage = isTransientFailure(err);
  // Log the kind of failure, never request data (it may hold personal data).
  console.error(`request failed: ${c.req.method} ${c.req.routePath}: ${err instanceof Error ? `${err.name}: ${err.message.slice(0, 200)}` : 'error'}`);
  const status = storage ? 503 : 500;
  if (storage) c.header('Retry-After', String(RETRY_AFTER_SECONDS));
  if (c.req.path.startsWith('/api/')) {
    return apiError(c, status, storage ? 'unavailable' : 'internal', storage ? 'The service is briefly unavailable; try again shortly.' : 'Internal error.');
  }
  return errorPage(c, status);
});

export default {
  fetch: app.fetch,
  // Cron Trigger: repair counter drift, cross-check the counters against the public log,
  // sign checkpoints for logs that grew, and expire stale pending signatures.
  async scheduled(_controller, env, ctx) {
    ctx.waitUntil(
      (async () => {
        const { drift, logDrift } = await recount(env.DB);
        if (drift.length > 0) console.warn(`recount repaired ${drift.length} counter(s): ${JSON.stringify(drift.slice(0, 20))}`);
        if (logDrift.length > 0) console.error(`counters differ from the public log: ${JSON.stringify(logDrift.slice(0, 20))}`);
        // Repaired totals reach open pages too.
        await Promise.all([...new Set(drift.map((d) => d.pledgeId))].map((id) => publishCounts(env, id)));
        await checkpointAll(env, Date.now());
        const expired = await expirePending(env.DB);
        if (expired > 0) console.log(`expired ${expired} unconfirmed signature(s)`);
      })(),
    );
  },
} satisfies ExportedHandler<Env>;
