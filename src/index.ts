// App wiring: middleware, routes, error handling, and the Worker's exports.
import { Hono } from 'hono';
import { csrf } from 'hono/csrf';
import { HTTPException } from 'hono/http-exception';
import { adminPages } from './admin/admin.pages.tsx';
import { api, openApiDocument } from './api.ts';
import { expirePending, recount } from './counts/counts.cron.ts';
import { publishCounts } from './counts/live/live.ts';
import { docsPages } from './docs/docs.pages.tsx';
import { endorsementPages } from './endorsements/endorsements.pages.tsx';
import { wellKnown } from './log/log.api.ts';
import { checkpointAll } from './log/log.cron.ts';
import { logPages } from './log/log.pages.tsx';
import { logProblems } from './log/log.ts';
import { publicLogCors, tlogApi } from './log/tlog.api.ts';
import { orcidPages } from './orcid/orcid.pages.tsx';
import { ConfigError, config } from './platform/config.ts';
import { db } from './platform/db/client.ts';
import type { AppEnv } from './platform/env.ts';
import { publicCache } from './platform/http/cache.ts';
import { apiError, isTransientFailure, RETRY_AFTER_SECONDS } from './platform/http/errors.ts';
import { hotResponse } from './platform/http/hot-responses.ts';
import { jsonBodyLimit, wellFormedJson } from './platform/http/json.ts';
import { allowedMethods } from './platform/http/methods.ts';
import { formBodyLimit } from './platform/http/pages.ts';
import { securityHeaders } from './platform/http/security.ts';
import { language } from './platform/i18n/lang.middleware.ts';
import type { Mail } from './platform/mail/mailer.ts';
import { outbox } from './platform/mail/outbox.api.ts';
import { deliverMail, MAIL_QUEUE } from './platform/mail/queue.ts';
import { errorPage, notFoundPage } from './platform/ui/ErrorPage.tsx';
import { pledgePages } from './pledge-page/pledge-page.pages.tsx';
import { sharePages } from './share/share.pages.tsx';
import { foldSearchBacklog } from './signatories/signatories.cron.ts';
import { signatoriesPages } from './signatories/signatories.pages.tsx';
import { hotConfirm, isHotConfirm } from './signatures/confirm.hot.ts';
import { managePages } from './signatures/manage.pages.tsx';
import { eraseExpiredPersonalData } from './signatures/retention.cron.ts';
import { recordSignatures, SIGN_QUEUE } from './signatures/signatures.consumer.ts';
import type { SignRequest } from './signatures/signatures.handlers.ts';
import { signaturePages } from './signatures/signatures.pages.tsx';
import { mailWaitingUpdates } from './signatures/subscribers.cron.ts';
import { snapshotStats } from './stats/stats.cron.ts';
import { statsPages } from './stats/stats.pages.tsx';
import { publishCrossedMilestones } from './updates/updates.cron.ts';

export { LiveCounts } from './counts/live/LiveCounts.ts';

export const app = new Hono<AppEnv>();

// The configuration first: a bad value fails the first request with a ConfigError that
// names the variable (in the log), instead of NaN somewhere later.
app.use(async function loadConfig(c, next) {
  config(c.env);
  c.set('db', db(c.env.DB));
  await next();
});
app.use(securityHeaders());
app.use(language());
app.use('/api/*', jsonBodyLimit());
app.use('/api/*', wellFormedJson());
// Form posts: a body limit checked before parsing (the console sets its own, after its
// session check, for the larger pledge editor).
const formLimit = formBodyLimit((c) => errorPage(c, 413));
app.use(async function formBodyLimits(c, next) {
  return c.req.path.startsWith('/api/') || c.req.path === '/admin' || c.req.path.startsWith('/admin/') ? next() : formLimit(c, next);
});
// Every state-changing request to a page must come from our own origin. The JSON API
// needs no such check: it only accepts application/json, which a cross-site form cannot send.
// One exemption: RFC 8058 one-click unsubscribe, which mail clients POST from their own
// origin (or none) with no session; the token in the URL is its only authority, and it
// can only turn a signer's update mails off (src/signatures/manage.pages.tsx).
const sameOrigin = csrf();
const ONE_CLICK_UNSUBSCRIBE = /^\/unsubscribe\/[A-Za-z0-9_-]{43}$/;
app.use(async function formCsrf(c, next) {
  if (c.req.path.startsWith('/api/')) return next();
  if (c.req.method === 'POST' && ONE_CLICK_UNSUBSCRIBE.test(c.req.path)) return next();
  return sameOrigin(c, next);
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

// Public pages are the same bytes for every visitor of a language (no per-response
// nonce), so browsers and shared caches may keep them briefly and revalidate by ETag.
for (const path of ['/p/:slug', '/p/:slug/stats', '/p/:slug/signatories', '/p/:slug/verify', '/p/:slug/endorse', '/embed/:slug', '/docs/api']) {
  app.get(path, publicCache());
}

app.route('/', api);
app.route('/', wellKnown);
app.route('/', tlogApi);
app.route('/', outbox);
app.route('/admin', adminPages());
app.route('/', pledgePages);
app.route('/', statsPages);
app.route('/', sharePages);
app.route('/', docsPages(openApiDocument));
app.route('/', signaturePages);
app.route('/', managePages);
app.route('/', endorsementPages);
app.route('/', signatoriesPages);
app.route('/', logPages);
app.route('/', orcidPages);

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
  console.error(
    `request failed: ${c.req.method} ${c.req.routePath}: ${err instanceof Error ? `${err.name}: ${err.message.slice(0, err instanceof ConfigError ? 2000 : 200)}` : 'error'}`,
  );
  const status = storage ? 503 : 500;
  if (storage) c.header('Retry-After', String(RETRY_AFTER_SECONDS));
  if (c.req.path.startsWith('/api/')) {
    return apiError(c, status, storage ? 'unavailable' : 'internal', storage ? 'The service is briefly unavailable; try again shortly.' : 'Internal error.');
  }
  return errorPage(c, status);
});

export default {
  // The hottest public reads come from kept responses when warm (hot-responses.ts); a
  // JSON confirmation is answered before the router when it succeeds (confirm.hot.ts).
  fetch(request, env, ctx) {
    const url = new URL(request.url);
    if (isHotConfirm(request, url)) return hotConfirm(request, url, env, ctx, async (r) => app.fetch(r, env, ctx));
    return hotResponse(request, env, async () => app.fetch(request, env, ctx));
  },
  // Queue consumers (wrangler.toml): signatures written in batches; mail delivered.
  async queue(batch, env) {
    if (batch.queue === SIGN_QUEUE) await recordSignatures(batch as MessageBatch<SignRequest>, env);
    else if (batch.queue === MAIL_QUEUE) await deliverMail(batch as MessageBatch<Mail>, env);
    else for (const message of batch.messages) message.ack();
  },
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
        await snapshotStats(env.DB);
        await foldSearchBacklog(env.DB);
        // Issue 15: milestones crossed since, then the update mails still waiting.
        await publishCrossedMilestones(env.DB);
        await mailWaitingUpdates(env);
        const expired = await expirePending(env.DB);
        if (expired > 0) console.log(`expired ${expired} unconfirmed signature(s)`);
        const erased = await eraseExpiredPersonalData(env.DB, Date.now());
        if (erased.signatures + erased.mails > 0)
          console.log(`retention: erased ${erased.signatures} signature(s) and ${erased.mails} mail record(s); ${erased.pledges} pledge(s) done`);
      })(),
    );
  },
} satisfies ExportedHandler<Env, unknown>;
