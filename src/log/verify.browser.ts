// The verify page's check (/p/:slug/verify), in the browser with WebCrypto. The same
// verifier as scripts/verify.ts and the tests (verifier.ts, merkle.ts, checkpoint.ts,
// entry.ts, receipt.format.ts), bundled by `npm run build:web` into web/log-verify.js.
// It downloads the signed checkpoint, its history and every log entry, checks the
// signatures, rebuilds the tree and the counts, and optionally checks a signer's receipt.
import type { logWords } from './log.messages.ts';
import { auditLog, type Check, fetchKey, type GetJson, verifyReceipt } from './verifier.ts';

export type BrowserAudit = { ok: boolean; failures: string[]; status?: 'counted' | 'removed' };

const failed = (checks: Check[]) => checks.filter((c) => !c.ok).map((c) => (c.detail ? `${c.name} (${c.detail})` : c.name));

// Audits the log of `slug` at `base` (an origin), and with a receipt also that receipt.
async function audit(base: string, slug: string, receipt?: unknown): Promise<BrowserAudit> {
  const get: GetJson = async (path) => {
    const res = await fetch(base + path, { headers: { accept: 'application/json' } });
    if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`);
    return res.json();
  };
  if (receipt) {
    const r = await verifyReceipt(receipt, { get });
    return r.status ? { ok: r.ok, failures: failed(r.checks), status: r.status } : { ok: r.ok, failures: failed(r.checks) };
  }
  const r = await auditLog(get, slug, await fetchKey(get));
  return { ok: r.ok, failures: failed(r.checks) };
}

// For the tests (test/node/verify.test.ts runs this bundle against a server).
(globalThis as unknown as { PledgeLogVerify: { audit: typeof audit } }).PledgeLogVerify = { audit };

// The page's form (src/log/log.pages.tsx): hidden until this script shows it.
const form = typeof document === 'undefined' ? null : (document.getElementById('log-verify') as HTMLFormElement | null);
const out = typeof document === 'undefined' ? null : document.getElementById('log-verify-result');
if (form && out) {
  const words = JSON.parse(form.dataset.words ?? '{}') as ReturnType<typeof logWords>['script'];
  const slug = form.dataset.slug ?? '';
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
      const r = await audit(location.origin, slug, receipt ?? undefined);
      let text = r.ok ? words.passed : `${words.failed} ${r.failures.join('; ')}`;
      if (r.ok && receipt) text += ` ${r.status === 'counted' ? words.counted : words.removed}`;
      out.textContent = text;
    } catch (err) {
      out.textContent = `${words.failed} ${err instanceof Error ? err.message : String(err)}`;
    }
  });
}
