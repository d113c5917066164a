// Starts the app the way `npm start` does (scripts/start.ts: migrate and seed a local
// D1, then `wrangler dev`), on a free port with a fresh --persist-to directory, waits
// until /healthz answers, and stops the whole process group afterwards. Used by the
// end-to-end tests (test/e2e/global-setup.ts) and by `npm run size`.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export type RunningApp = { url: string; port: number; persistTo: string; log: () => string; stop: () => Promise<void> };

const ROOT = fileURLToPath(new URL('..', import.meta.url));

export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (addr && typeof addr === 'object' ? done(addr.port) : fail(new Error('no port'))));
    });
  });
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((done) => child.once('exit', () => done()));
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals) {
  try {
    if (child.pid) process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

// vars: more [vars] for this run (`--var NAME:value`), e.g. the ORCID stand-in's issuer.
export async function startApp(options: { readyTimeoutMs?: number; vars?: Record<string, string> } = {}): Promise<RunningApp> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const persistTo = mkdtempSync(join(tmpdir(), 'pledge-e2e-'));
  // As `npm start` runs it: node_modules/.bin first on PATH (Node 24, wrangler).
  const env = { ...process.env, PATH: `${join(ROOT, 'node_modules', '.bin')}${delimiter}${process.env.PATH ?? ''}`, WRANGLER_SEND_METRICS: 'false' };
  const extra = Object.entries(options.vars ?? {}).flatMap(([k, v]) => ['--var', `${k}:${v}`]);
  const args = ['scripts/start.ts', '--port', String(port), '--persist-to', persistTo, '--log-level', 'error', '--var', `PUBLIC_URL:${url}`, ...extra];
  // detached: its own process group, so stop() ends wrangler and workerd with it.
  const child = spawn(process.execPath, args, { cwd: ROOT, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  // If this process ends without calling stop(), do not leave the server running.
  const onExit = () => killGroup(child, 'SIGKILL');
  process.once('exit', onExit);

  const stop = async () => {
    process.off('exit', onExit);
    killGroup(child, 'SIGTERM');
    const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 5_000);
    await exited(child);
    clearTimeout(timer);
    // Wrangler's children may outlive the parent briefly; make sure the group is gone.
    killGroup(child, 'SIGKILL');
    rmSync(persistTo, { recursive: true, force: true });
  };

  // APP_READY_TIMEOUT_MS: more time on a loaded machine.
  const deadline = Date.now() + (options.readyTimeoutMs ?? (Number(process.env.APP_READY_TIMEOUT_MS) || 120_000));
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`the app exited with code ${child.exitCode} before it was ready:\n${output}`);
    }
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) return { url, port, persistTo, log: () => output, stop };
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  await stop();
  throw new Error(`the app did not answer ${url}/healthz in time:\n${output}`);
}
