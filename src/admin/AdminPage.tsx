import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { AdminLayout } from './AdminLayout.tsx';
import { adminWords, fill } from './admin.messages.ts';
import type { AdminEnv } from './auth.ts';

// Renders a console page inside the admin layout. A 400 is a form shown again with its
// errors: the title then starts with the error prefix.
export function adminPage(c: Context<AdminEnv>, title: string, children: Child, opts: { notice?: string; status?: ContentfulStatusCode } = {}) {
  const lang = c.get('lang');
  return c.html(
    <AdminLayout lang={lang} path={c.req.path} title={title} actor={c.get('actor')} notice={opts.notice} error={opts.status === 400}>
      {children}
    </AdminLayout>,
    opts.status ?? 200,
  );
}

// The notice named by ?notice= after a redirect (done | wrongState | an action on row
// ?ref=): it says what happened ("Invalidated signature #14").
export function noticeFrom(c: Context<AdminEnv>): string | undefined {
  const w = adminWords(c.get('lang'));
  const n = c.req.query('notice');
  const ref = c.req.query('ref');
  if (n && Object.hasOwn(w.notices, n) && ref && /^\d{1,12}$/.test(ref)) return fill(w.notices[n]!, { id: ref });
  return n === 'done' ? w.done : n === 'wrongState' ? w.wrongState : undefined;
}

// Where to go back to after an action: only console pages of this site.
export function backTo(value: string | undefined, fallback: string): string {
  return value && /^\/admin(\/[\w/.-]*)?(\?[\w=&%.+-]*)?$/.test(value) ? value : fallback;
}

export function withNotice(path: string, notice: string, ref?: number): string {
  const url = new URL(path, 'http://x');
  url.searchParams.set('notice', notice);
  if (ref === undefined) url.searchParams.delete('ref');
  else url.searchParams.set('ref', String(ref));
  return `${url.pathname}${url.search}`;
}
