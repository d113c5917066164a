// The sign burst again, on a second instance of the app whose queue consumers hold their
// batches until the burst is over (bench/worker/held.ts): the sign request path alone,
// without the consumers' work on the same two cores (on Cloudflare they are separate
// invocations), and then the time for the held queues to drain. A supplement to the
// main figures (measured on the app unchanged), not a replacement.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BurstCheck, type DrainFigures, d1File } from './burst-check.ts';
import { load, type Req, type Result } from './load.ts';

export type HeldSign = { sign: Result; heldMessages: number; drain: DrainFigures | null };

export async function measureHeldSign(
  signatures: number,
  concurrency: number,
  signRequest: (i: number, run: string) => Req,
  port = Number(process.env.BENCH_HELD_PORT ?? 8922),
): Promise<HeldSign> {
  const dir = mkdtempSync(join(tmpdir(), 'pledge-bench-held-'));
  const env = { ...process.env, WRANGLER_SEND_METRICS: 'false', CI: 'true' };
  const args = [
    'scripts/start.ts',
    'bench/worker/held.ts',
    '--port',
    String(port),
    '--persist-to',
    dir,
    '--inspector-port',
    String(port + 420),
    '--log-level',
    'error',
    '--var',
    'BENCH_HOLD_QUEUES:1',
    '--var',
    `PUBLIC_URL:http://127.0.0.1:${port}`,
  ];
  const child: ChildProcess = spawn(process.execPath, args, { env, detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr?.on('data', (d) => (err = (err + d).slice(-4000)));
  const stop = () => {
    try {
      process.kill(-child.pid!, 'SIGTERM');
    } catch {}
  };
  process.on('exit', stop);
  const hold = async (method: 'POST' | 'DELETE') => (await (await fetch(`http://127.0.0.1:${port}/__bench/hold`, { method })).json()) as { holding: boolean; held: number };
  try {
    const until = Date.now() + 180_000;
    for (;;) {
      try {
        if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) break;
      } catch {}
      if (Date.now() > until || child.exitCode !== null) throw new Error(`held instance did not start\n${err}`);
      await new Promise((r) => setTimeout(r, 500));
    }
    const run = Math.random().toString(36).slice(2, 8);
    await hold('POST');
    await load(port, 200, concurrency, (i) => signRequest(i, `hw${run}`)); // warm-up, other addresses
    const accepted = new Set<string>();
    const sign = await load(
      port,
      signatures,
      concurrency,
      (i) => signRequest(i, `h${run}`),
      (i, body) => {
        if (body.includes('"pending"')) accepted.add((JSON.parse(signRequest(i, `h${run}`).body ?? '{}') as { email: string }).email);
      },
    );
    const { held } = await hold('DELETE');
    const released = performance.now();
    let drain: DrainFigures | null = null;
    try {
      const check = new BurstCheck(d1File(dir), `h${run}`, accepted);
      drain = await check.drain(released);
      check.close();
    } catch (e) {
      console.warn(`  ! held sign: drain not measured: ${e instanceof Error ? e.message : e}`);
    }
    return { sign, heldMessages: held, drain };
  } finally {
    stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
