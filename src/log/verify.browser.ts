// The verify page's check (/p/:slug/verify), in the browser with WebCrypto. The same
// verifier as scripts/verify.ts and the tests (verifier.ts, merkle.ts, checkpoint.ts,
// entry.ts, receipt.format.ts), bundled by `npm run build:web` into web/log-verify.js.
// It downloads the signed checkpoint, its history and every log entry, checks the
// signatures, rebuilds the tree and the counts, and optionally checks a signer's receipt.
// Like `npm run verify -- --witness ... --quorum N`, it requires the site's witness quorum
// on the checkpoint note: the witnesses' vkeys and the quorum come from the page's form
// (data-witnesses, data-quorum: LOG_WITNESSES and LOG_WITNESS_QUORUM).
import { fill } from '../platform/i18n/fill.ts';
import type { logWords } from './log.messages.ts';
import { auditLog, type Check, fetchKey, type GetJson, type GetText, verifyReceipt, type WitnessPolicy } from './verifier.ts';

// quorumMissing: the witness check failed (too few known witnesses cosigned).
export type BrowserAudit = { ok: boolean; failures: string[]; status?: 'counted' | 'removed'; quorumMissing?: boolean };

const QUORUM_CHECK = 'cosigned by at least ';

const failed = (checks: Check[]) => checks.filter((c) => !c.ok).map((c) => (c.detail ? `${c.name} (${c.detail})` : c.name));

const outcome = (r: { ok: boolean; checks: Check[]; status?: 'counted' | 'removed' }): BrowserAudit => {
  const out: BrowserAudit = { ok: r.ok, failures: failed(r.checks) };
  if (r.status) out.status = r.status;
  if (r.checks.some((c) => !c.ok && c.name.startsWith(QUORUM_CHECK))) out.quorumMissing = true;
  return out;
};

// Audits the log of `slug` at `base` (an origin), and with a receipt also that receipt;
// with witnesses (vkeys and a quorum above 0), also the quorum on the checkpoint note.
async function audit(base: string, slug: string, receipt?: unknown, witnesses?: WitnessPolicy): Promise<BrowserAudit> {
  const fetchOk = async (path: string, accept: string) => {
    const res = await fetch(base + path, { headers: { accept } });
    if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`);
    return res;
  };
  const get: GetJson = async (path) => (await fetchOk(path, 'application/json')).json();
  const getText: GetText = async (path) => (await fetchOk(path, 'text/plain')).text();
  const policy = witnesses && witnesses.vkeys.length > 0 && witnesses.quorum > 0 ? { witnesses, getText } : {};
  if (receipt) return outcome(await verifyReceipt(receipt, { get, ...policy }));
  return outcome(await auditLog(get, slug, await fetchKey(get), policy));
}

// The page's witness policy (src/log/log.pages.tsx); none when the site has no witnesses.
function pagePolicy(form: HTMLFormElement): WitnessPolicy {
  let vkeys: unknown;
  try {
    vkeys = JSON.parse(form.dataset.witnesses ?? '[]');
  } catch {
    vkeys = [];
  }
  const list = Array.isArray(vkeys) ? vkeys.filter((v): v is string => typeof v === 'string') : [];
  const quorum = Number(form.dataset.quorum ?? '0');
  return { vkeys: list, quorum: Number.isInteger(quorum) && quorum > 0 ? Math.min(quorum, list.length) : 0 };
}

// For the tests (test/node/verify.test.ts runs this bundle against a server).
(globalThis as unknown as { PledgeLogVerify: { audit: typeof audit } }).PledgeLogVerify = { audit };

// The page's form (src/log/log.pages.tsx): hidden until this script shows it.
const form = typeof document === 'undefined' ? null : (document.getElementById('log-verify') as HTMLFormElement | null);
const out = typeof document === 'undefined' ? null : document.getElementById('log-verify-result');
if (form && out) {
  const words = JSON.parse(form.dataset.words ?? '{}') as ReturnType<typeof logWords>['script'];
  const slug = form.dataset.slug ?? '';
  const policy = pagePolicy(form);
  const quorumWords = { quorum: policy.quorum, count: policy.vkeys.length };
  const input = form.elements.namedItem('receipt') as HTMLInputElement | null;
  form.hidden = false;
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    out.textContent = words.checking;
    let receipt: { entry?: unknown; secret?: unknown; checkpoint?: unknown } | null = null;
    const file = input?.files?.[0];
    try {
      if (file) {
        receipt = JSON.parse(await file.text());
        if (!receipt?.entry || !receipt.secret || !receipt.checkpoint) throw new Error('bad');
      }
    } catch {
      out.textContent = words.badFile;
      return;
    }
    try {
      const r = await audit(location.origin, slug, receipt ?? undefined, policy);
      let text = r.ok ? words.passed : `${words.failed} ${r.failures.join('; ')}`;
      if (r.quorumMissing) text = `${fill(words.noQuorum, quorumWords)} ${text}`;
      if (r.ok && policy.quorum > 0) text += ` ${fill(words.witnessed, quorumWords)}`;
      if (r.ok && receipt) text += ` ${r.status === 'counted' ? words.counted : words.removed}`;
      out.textContent = text;
    } catch (err) {
      out.textContent = `${words.failed} ${err instanceof Error ? err.message : String(err)}`;
    }
  });
}
