// `npm run monitor` against the running app (test/e2e/global-setup.ts) and against a
// tampered copy of it (a proxy that changes the checkpoint's tree size): it stores the
// checkpoint, accepts the log again after it grew, and exits 1 with a clear message on
// the tampered copy.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { witnessVkey } from '../../scripts/witness-server.ts';

const NODE = 'node_modules/.bin/node';
let base = '';
let dir = '';
let proxy: Server;
let proxyUrl = '';

function monitor(...args: string[]): Promise<{ code: number | null; out: string }> {
  return new Promise((done) => {
    const child = spawn(NODE, ['scripts/monitor.ts', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('exit', (code) => done({ code, out }));
  });
}

beforeAll(async () => {
  base = inject('baseURL').replace(/\/$/, '');
  dir = mkdtempSync(join(tmpdir(), 'pledge-monitor-'));
  // A copy of the site that serves a checkpoint with another tree size (its signature no longer verifies).
  proxy = createServer(async (req, res) => {
    const upstream = await fetch(`${base}${req.url}`);
    let body: Buffer | string = Buffer.from(await upstream.arrayBuffer());
    if (req.url?.endsWith('/checkpoint') && req.url.startsWith('/log/')) body = body.toString('utf8').replace(/\n(\d+)\n/, (_m, n) => `\n${Number(n) + 1}\n`);
    res.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'text/plain' });
    res.end(body);
  });
  await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', () => r()));
  const addr = proxy.address();
  proxyUrl = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
});

afterAll(() => {
  proxy?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('npm run monitor', () => {
  it('follows the running log, stores its checkpoints, and refuses a tampered copy', async () => {
    const state = join(dir, 'state.json');
    const first = await monitor(base, '--state', state);
    expect(first.out).toMatch(/ok {2}.* entries \(first check\)/);
    expect(first.code).toBe(0);
    expect(existsSync(`${state}.checkpoints`)).toBe(true);
    expect(readFileSync(`${state}.checkpoints`, 'utf8')).toContain('/log/cast-2020\n');
    const again = await monitor(base, '--state', state);
    expect(again.code).toBe(0);
    const bad = await monitor(proxyUrl, '--state', join(dir, 'tampered.json'));
    expect(bad.code).toBe(1);
    expect(bad.out).toContain('PROBLEM  bad signature on the checkpoint');
    expect((await monitor('not-a-url')).code).toBe(2);
  });

  it('requires the quorum of the real witnesses the app asks (test/e2e/global-setup.ts)', async () => {
    const vkeys = inject('witnesses').flatMap((w) => ['--witness', w.vkey]);
    // Reading the checkpoint note has the app ask its witnesses; then they have cosigned.
    await fetch(`${base}/log/cast-2020/checkpoint`);
    const witnessed = await monitor(base, '--state', join(dir, 'witnessed.json'), ...vkeys, '--quorum', '2');
    expect(witnessed.out).toMatch(/ok {2}/);
    expect(witnessed.code).toBe(0);
    const stranger = await witnessVkey(Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64'), 'stranger.test/pledge');
    const unknown = await monitor(base, '--state', join(dir, 'stranger.json'), '--witness', stranger, '--quorum', '1');
    expect(unknown.code).toBe(1);
    expect(unknown.out).toContain('PROBLEM  missing witness quorum');
  });
});
