// Starts the witness Worker (witness/, c2sp.org/tlog-witness) under `wrangler dev` on a
// port, with a fresh --persist-to directory for its Durable Object, waits until GET /
// answers, and stops its process group afterwards. Used by the end-to-end tests
// (test/e2e/global-setup.ts: two witnesses the app under test asks) and by
// test/node/witness.test.ts.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importWitnessKey } from '../witness/src/witness.ts';
import { freePort } from './app-server.ts';

export type RunningWitness = { url: string; name: string; vkey: string; stop: () => void };

const ROOT = fileURLToPath(new URL('..', import.meta.url));

// The witness's cosignature verifier key, known before it starts (the app under test is
// configured with it first).
export async function witnessVkey(seed: string, name: string): Promise<string> {
  return (await importWitnessKey(seed, name)).vkey;
}

export async function startWitness(opts: {
  name: string;
  seed: string;
  logs: Array<{ origin: string; vkey: string }>;
  port?: number;
  readyTimeoutMs?: number;
}): Promise<RunningWitness> {
  const port = opts.port ?? (await freePort());
  const inspector = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'pledge-witness-'));
  const args = ['dev', '-c', 'witness/wrangler.toml', '--ip', '127.0.0.1', '--port', String(port), '--inspector-port', String(inspector), '--persist-to', dir];
  args.push('--log-level', 'error', '--var', `WITNESS_NAME:${opts.name}`, '--var', `WITNESS_KEY:${opts.seed}`, '--var', `WITNESS_LOGS:${JSON.stringify(opts.logs)}`);
  const env = { ...process.env, WRANGLER_SEND_METRICS: 'false', PATH: `${join(ROOT, 'node_modules', '.bin')}${delimiter}${process.env.PATH ?? ''}` };
  // detached: its own process group, so stop() ends wrangler and workerd with it.
  const child = spawn(join(ROOT, 'node_modules', '.bin', 'wrangler'), args, { cwd: ROOT, detached: true, stdio: 'ignore', env });
  const stop = () => {
    process.off('exit', stop);
    try {
      if (child.pid) process.kill(-child.pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', stop);
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (opts.readyTimeoutMs ?? (Number(process.env.APP_READY_TIMEOUT_MS) || 120_000));
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    try {
      const res = await fetch(`${url}/`);
      if (res.ok) return { url, name: opts.name, vkey: ((await res.json()) as { vkey: string }).vkey, stop };
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  stop();
  throw new Error(`witness ${opts.name} did not start on ${url}`);
}
