// End to end on a real server (wrangler dev on a free port with a fresh database): sign,
// confirm, download a receipt, and check it with the verifier script (`npm run verify`)
// and with the verify page's browser script run in Node.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

const NODE = 'node_modules/.bin/node';
let base = '';
let dir = '';

// The node project's global setup (test/e2e/global-setup.ts) runs one app server for
// all its files, started as `npm start` starts it.
beforeAll(() => {
  base = inject('baseURL').replace(/\/$/, '');
  dir = mkdtempSync(join(tmpdir(), 'pledge-log-'));
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function post(path: string, body: unknown) {
  return fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

function verify(...args: string[]) {
  const r = spawnSync(NODE, ['scripts/verify.ts', ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

describe('receipt verification against a running server', () => {
  it('a signer confirms, downloads a receipt, and both verifiers accept it; a tampered receipt fails', async () => {
    const email = `node-${crypto.randomUUID().slice(0, 8)}@example.org`;
    const signed = await post('/api/pledges/cast-2020/signatures', { name: 'Node Test', email, affiliation: 'Test Lab', field: 'science', region: 'CN-BJ' });
    expect(signed.status).toBe(202);
    // The mail is sent after the answer (waitUntil): poll briefly.
    let token: string | undefined;
    for (let i = 0; i < 100 && !token; i++) {
      if (i > 0) await new Promise((r) => setTimeout(r, 100));
      const outbox = (await (await fetch(`${base}/dev/outbox?limit=1000`)).json()) as Array<{ to: string; text: string }>;
      token = /\/confirm\/([A-Za-z0-9_-]{43})/.exec(outbox.find((m) => m.to === email)?.text ?? '')?.[1];
    }
    expect(token).toBeDefined();
    expect((await post('/api/signatures/confirm', { token })).status).toBe(200);
    const res = await post('/api/signatures/receipt', { token });
    expect(res.status).toBe(200);
    const receipt = await res.json();
    const file = join(dir, 'receipt.json');
    writeFileSync(file, JSON.stringify(receipt, null, 2));

    const online = verify(file, '--server', base);
    expect(online.out).toContain('All checks passed.');
    expect(online.code).toBe(0);
    expect(online.out).toContain('your signature is counted');
    const offline = verify(file, '--offline');
    expect(offline.code).toBe(0);
    const asJson = JSON.parse(verify(file, '--server', base, '--json').out);
    expect(asJson).toMatchObject({ ok: true, status: 'counted' });

    const tampered = join(dir, 'tampered.json');
    writeFileSync(tampered, JSON.stringify({ ...receipt, entry: { ...receipt.entry, time: receipt.entry.time + 1 } }));
    const bad = verify(tampered, '--server', base);
    expect(bad.code).toBe(1);
    expect(bad.out).toContain('Verification FAILED.');
    expect(verify(join(dir, 'missing.json')).code).toBe(2);

    // The verify page's script, run here against the same server.
    new Function(readFileSync('web/log-verify.js', 'utf8'))();
    const browser = (globalThis as unknown as { PledgeLogVerify: { audit: (base: string, slug: string, receipt?: unknown) => Promise<any> } }).PledgeLogVerify;
    const result = await browser.audit(base, 'cast-2020', receipt);
    expect(result.failures).toEqual([]);
    expect(result).toMatchObject({ ok: true, status: 'counted' });
    const forged = await browser.audit(base, 'cast-2020', { ...receipt, checkpoint: { ...receipt.checkpoint, individuals: receipt.checkpoint.individuals + 1 } });
    expect(forged.ok).toBe(false);
  });
});
