import { type Context, Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { csrf } from 'hono/csrf';
import { clientIpHash } from '../platform/http/client.ts';
import { formBodyLimit, formStrings, MAX_EDITOR_FORM_BYTES, MAX_FORM_BYTES, privatePage } from '../platform/http/pages.ts';
import { pageQuery } from '../platform/http/query.ts';
import { errorPage } from '../platform/ui/ErrorPage.tsx';
import { overBurstLimit } from '../pledges/submission.ts';
import { AdminLayout } from './AdminLayout.tsx';
import { adminPage, backTo } from './AdminPage.tsx';
import { AdminHome, AuditTable, LoginForm } from './AdminPages.tsx';
import { auditQuery } from './admin.input.ts';
import { adminWords } from './admin.messages.ts';
import { listAudit, recordAudit } from './audit.ts';
import { type AdminEnv, type AuthOptions, appContext, isAdminToken, requireAccessIfConfigured, requireAdminSession, sessionKeys } from './auth.ts';
import { listQueue } from './endorsement-queue.queries.ts';
import { endorsementRoutes } from './endorsements.pages.tsx';
import { institutionRoutes } from './institutions.pages.tsx';
import { listAllPledges } from './pledge-editor.ts';
import { pledgeUpdateRoutes } from './pledge-updates.pages.tsx';
import { pledgeRoutes } from './pledges.pages.tsx';
import { createSession, endSession, isActorName, SESSION_COOKIE, SESSION_TTL_MS } from './session.ts';
import { signatureRoutes } from './signatures.pages.tsx';

// The organisers' console at /admin: server-rendered, usable without JavaScript.
// Every form POST is checked by Origin (hono/csrf); the session cookie is SameSite=Strict.
export function adminPages(opts: AuthOptions = {}) {
  const pages = new Hono<AdminEnv>();
  pages.use('*', privatePage());
  pages.use('*', csrf());
  const session = requireAdminSession(opts);
  const accessOnly = requireAccessIfConfigured(opts);
  pages.use('*', (c, next) => (c.req.path === '/admin/login' ? accessOnly(c, next) : session(c, next)));
  // After the session check, so only organisers get the pledge editor's larger allowance.
  pages.use(
    '*',
    formBodyLimit(
      (c) => errorPage(appContext(c), 413),
      (path) => (path.startsWith('/admin/pledges') ? MAX_EDITOR_FORM_BYTES : MAX_FORM_BYTES),
    ),
  );

  const loginPage = (c: Context<AdminEnv>, error?: string, status: 200 | 401 | 429 = 200) => {
    const lang = c.get('lang');
    const w = adminWords(lang);
    return c.html(
      <AdminLayout lang={lang} path={c.req.path} title={w.loginTitle} error={Boolean(error)}>
        <LoginForm lang={lang} next={backTo(c.req.query('next'), '/admin')} error={error} />
      </AdminLayout>,
      status,
    );
  };

  pages.get('/login', (c) => loginPage(c));

  pages.post('/login', async (c) => {
    const w = adminWords(c.get('lang'));
    const ipHash = await clientIpHash(appContext(c));
    if (await overBurstLimit(c.env, `admin-login:${ipHash ?? ''}`)) return loginPage(c, w.tooMany, 429);
    const form = await formStrings(c);
    if (!(await isAdminToken(c.env, form.token))) return loginPage(c, w.badLogin, 401);
    const actor = form.actor?.trim() && isActorName(form.actor.trim()) ? form.actor.trim() : 'organiser';
    const now = Date.now();
    setCookie(c, SESSION_COOKIE, await createSession(c.env.DB, sessionKeys(c.env), actor, now), {
      path: '/admin',
      httpOnly: true,
      secure: true,
      sameSite: 'Strict',
      maxAge: SESSION_TTL_MS / 1000,
    });
    await recordAudit(c.env.DB, actor, { action: 'admin.login' }, now);
    return c.redirect(backTo(form.next, '/admin'), 303);
  });

  pages.post('/logout', async (c) => {
    await endSession(c.env.DB, sessionKeys(c.env), getCookie(c, SESSION_COOKIE));
    await recordAudit(c.env.DB, c.get('actor'), { action: 'admin.logout' });
    deleteCookie(c, SESSION_COOKIE, { path: '/admin', secure: true, httpOnly: true, sameSite: 'Strict' });
    return c.redirect('/admin/login', 303);
  });

  pages.get('/', async (c) => {
    // The true number awaiting an organiser (not capped by a page size).
    const [queue, pledges] = await Promise.all([
      listQueue(c.env.DB, { state: 'confirmed', pledgeId: null, q: null }, { sort: 'oldest', cursor: null, limit: 1 }),
      listAllPledges(c.env.DB),
    ]);
    return adminPage(c, adminWords(c.get('lang')).console, <AdminHome lang={c.get('lang')} awaiting={queue.total} pledges={pledges} />);
  });

  pages.get('/audit', async (c) => {
    const { before = null } = pageQuery(c, auditQuery);
    const rows = await listAudit(c.env.DB, 100, before);
    return adminPage(c, adminWords(c.get('lang')).nav.audit, <AuditTable lang={c.get('lang')} rows={rows} />);
  });

  pages.route('/endorsements', endorsementRoutes());
  pages.route('/', signatureRoutes());
  pages.route('/', pledgeRoutes());
  pages.route('/', pledgeUpdateRoutes());
  pages.route('/', institutionRoutes());
  return pages;
}
