import { Hono } from 'hono';
import type { AppEnv } from '../platform/env.ts';
import { baseUrl } from '../platform/http/client.ts';
import { messages } from '../platform/i18n/messages.ts';
import { notFoundPage } from '../platform/ui/ErrorPage.tsx';
import { Layout } from '../platform/ui/Layout.tsx';
import { getPledgeBySlug } from '../pledges/pledges.queries.ts';
import type { Checkpoint } from './checkpoint.ts';
import { logWords } from './log.messages.ts';
import { ensureCheckpoint, LogKeyMissing } from './log.ts';
import { parseWitnessConfig } from './witnesses.ts';

export const logPages = new Hono<AppEnv>();

// GET /p/:slug/verify: the latest checkpoint (works without JavaScript), a check in the
// browser (web/log-verify.js), and how to check from the command line.
logPages.get('/p/:slug/verify', async (c) => {
  const pledge = await getPledgeBySlug(c.var.db, c.req.param('slug'));
  if (!pledge || pledge.status === 'draft') return notFoundPage(c);
  let checkpoint: Checkpoint | null = null;
  try {
    checkpoint = await ensureCheckpoint(c.env, { id: pledge.id, slug: pledge.slug }, { now: Date.now() });
  } catch (err) {
    if (!(err instanceof LogKeyMissing)) throw err;
  }
  const lang = c.get('lang');
  const w = logWords(lang);
  const api = `/api/pledges/${pledge.slug}/log`;
  const origin = (c.env.PUBLIC_URL || new URL(c.req.url).origin).replace(/\/$/, '');
  // The witnesses this site asks, and how many the browser check requires (web/log-verify.js).
  let witnesses: string[] = [];
  try {
    witnesses = parseWitnessConfig(c.env.LOG_WITNESSES).map((w) => w.vkey);
  } catch {
    witnesses = [];
  }
  const quorum = Math.min(Math.max(Number(c.env.LOG_WITNESS_QUORUM) || 0, 0), witnesses.length);
  return c.html(
    <Layout lang={lang} path={c.req.path} title={`${w.verifyTitle} · ${messages(lang).siteName}`} scripts={['/log-verify.js']}>
      <h1>{w.verifyTitle}</h1>
      {w.verifyIntro.map((p) => (
        <p>{p}</p>
      ))}
      <h2>{w.latestHeading}</h2>
      {checkpoint ? (
        <dl class="card">
          <dt>{w.labels.treeSize}</dt>
          <dd>{checkpoint.treeSize}</dd>
          <dt>{w.labels.individuals}</dt>
          <dd>{checkpoint.individuals}</dd>
          <dt>{w.labels.societies}</dt>
          <dd>{checkpoint.societies}</dd>
          <dt>{w.labels.timestamp}</dt>
          <dd>
            <time datetime={new Date(checkpoint.timestamp).toISOString()}>{new Date(checkpoint.timestamp).toISOString()}</time>
          </dd>
          <dt>{w.labels.rootHash}</dt>
          <dd>
            <code>{checkpoint.rootHash}</code>
          </dd>
          <dt>{w.labels.keyId}</dt>
          <dd>
            <code>{checkpoint.keyId}</code>
          </dd>
        </dl>
      ) : (
        <p>{w.noCheckpoint}</p>
      )}
      <h2>{w.browserHeading}</h2>
      <p>{w.browserBody}</p>
      <noscript>
        <p>{w.noscript}</p>
      </noscript>
      <form id="log-verify" data-slug={pledge.slug} data-words={JSON.stringify(w.script)} data-witnesses={JSON.stringify(witnesses)} data-quorum={String(quorum)} hidden>
        <label for="receipt">{w.receiptFile}</label>
        <input id="receipt" name="receipt" type="file" accept="application/json,.json" />
        <div>
          <button type="submit">{w.checkButton}</button>
        </div>
        <output id="log-verify-result" aria-live="polite"></output>
      </form>
      <h2>{w.cliHeading}</h2>
      <p>{w.cliBody}</p>
      <pre>
        <code>{`npm run verify -- receipt.json --server ${origin}${witnesses.map((v) => ` --witness ${v}`).join('')}${witnesses.length ? ` --quorum ${quorum}` : ''}`}</code>
      </pre>
      <h2>{w.dataHeading}</h2>
      <ul>
        <li>
          <a href={`${api}/checkpoint`}>{`${api}/checkpoint`}</a>
        </li>
        <li>
          <a href={`${api}/checkpoints`}>{`${api}/checkpoints`}</a>
        </li>
        <li>
          <a href={`${api}/entries?start=0`}>{`${api}/entries?start=0`}</a>
        </li>
        <li>
          <a href="/.well-known/pledge-log-key">/.well-known/pledge-log-key</a>
        </li>
        <li>
          <a href={`/log/${pledge.slug}/checkpoint`}>{`/log/${pledge.slug}/checkpoint`}</a>
        </li>
      </ul>
    </Layout>,
  );
});
