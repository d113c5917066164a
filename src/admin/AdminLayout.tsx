import type { Child } from 'hono/jsx';
import type { Lang } from '../platform/i18n/lang.ts';
import { InlineStyle } from '../platform/ui/InlineStyle.tsx';
import { Layout } from '../platform/ui/Layout.tsx';
import { adminWords } from './admin.messages.ts';

// Console-only styles, kept out of the public pages' critical CSS.
const ADMIN_CSS =
  '.wrap{max-width:80rem}.admin-nav ul{display:flex;flex-wrap:wrap;gap:.25rem 1rem;list-style:none;padding:0;margin:.5rem 0}' +
  '.admin-nav [aria-current]{font-weight:700}table{border-collapse:collapse;width:100%;font-size:.9rem}' +
  'th,td{border-bottom:1px solid var(--line);padding:.35rem .5rem;text-align:left;vertical-align:top}' +
  '.inline{display:inline}.inline button{margin:0 .25rem .25rem 0;padding:.2rem .6rem;font-size:.85rem}' +
  '.notice{border-left:4px solid var(--accent);padding:.5rem 1rem;background:var(--card)}' +
  // Reversible actions: the plain button. Irreversible ones: red, and confirmed first.
  '.inline button{background:var(--card);color:var(--fg);box-shadow:inset 0 0 0 1px var(--muted)}.inline button.danger{background:var(--err);color:var(--bg);box-shadow:none}' +
  '.danger-outline{background:transparent;color:var(--err);box-shadow:inset 0 0 0 2px var(--err)}' +
  'details.confirm{display:inline-block;vertical-align:top}details.confirm>summary{list-style:none;margin:0 .25rem .25rem 0;padding:.2rem .6rem;font-size:.85rem}' +
  'details.confirm>summary::-webkit-details-marker{display:none}.confirm-box{border:2px solid var(--err);padding:.5rem;margin:.25rem 0;max-width:22rem}.confirm-box p{margin:0}' +
  '.warning{font-weight:700;color:var(--err)}.mono{font-family:ui-monospace,monospace;font-size:.8rem;word-break:break-all}' +
  // On a phone a wide table scrolls in its own box, not the page.
  '@media(max-width:48rem){main table{display:block;overflow-x:auto;max-width:100%}}';

const NAV = [
  ['home', '/admin'],
  ['endorsements', '/admin/endorsements'],
  ['signatures', '/admin/signatures'],
  ['bulk', '/admin/signatures/bulk'],
  ['trending', '/admin/trending'],
  ['pledges', '/admin/pledges'],
  ['institutions', '/admin/institutions'],
  ['audit', '/admin/audit'],
] as const;

export type AdminPageProps = { lang: Lang; path: string; title: string; actor?: string; notice?: string; error?: boolean; children: Child };

export function AdminLayout(props: AdminPageProps) {
  const w = adminWords(props.lang);
  const section = NAV.filter(([, href]) => props.path === href || props.path.startsWith(`${href}/`)).at(-1)?.[1];
  return (
    <Layout lang={props.lang} path={props.path} title={`${props.title} · ${w.console}`} error={props.error} head={<InlineStyle css={ADMIN_CSS} />}>
      {props.actor ? (
        <nav class="admin-nav" aria-label={w.console}>
          <ul>
            {NAV.map(([key, href]) => (
              <li>
                <a href={href} aria-current={href === section ? 'page' : undefined}>
                  {w.nav[key]}
                </a>
              </li>
            ))}
            <li>
              <form method="post" action="/admin/logout" class="inline">
                <button type="submit">
                  {w.logout} ({props.actor})
                </button>
              </form>
            </li>
          </ul>
        </nav>
      ) : null}
      <h1>{props.title}</h1>
      {props.notice ? (
        <p class="notice" role="status">
          {props.notice}
        </p>
      ) : null}
      {props.children}
    </Layout>
  );
}

// A small POST form with one button (and optional hidden fields): every console action.
// danger: an action that cannot be undone, drawn differently from reversible ones.
export function ActionButton(props: { action: string; label: string; fields?: Record<string, string>; danger?: boolean; children?: Child }) {
  return (
    <form method="post" action={props.action} class="inline">
      {Object.entries(props.fields ?? {}).map(([k, v]) => (
        <input type="hidden" name={k} value={v} />
      ))}
      {props.children}
      <button type="submit" class={props.danger ? 'danger' : undefined}>
        {props.label}
      </button>
    </form>
  );
}

// An irreversible action, asked for twice: the first button (a <details> summary, so no
// script is needed) opens a warning with the button that acts.
export function ConfirmAction(props: { action: string; label: string; warning: string; confirm: string; fields?: Record<string, string> }) {
  return (
    <details class="confirm">
      <summary class="button danger-outline">{props.label}</summary>
      <div class="confirm-box">
        <p>{props.warning}</p>
        <ActionButton action={props.action} label={props.confirm} fields={props.fields} danger />
      </div>
    </details>
  );
}

export function formatTime(ms: number | null): string {
  return ms === null ? '' : new Date(ms).toISOString().replace('T', ' ').slice(0, 19);
}

export function TableHead(props: { cells: string[] }) {
  return (
    <thead>
      <tr>
        {props.cells.map((c) => (
          <th>{c}</th>
        ))}
      </tr>
    </thead>
  );
}
