// A second instance of the app for one bench measurement: started from a bench entry
// (bench/worker/*.ts) the way `npm start` starts the app, on its own port with a fresh
// local D1 in a temporary folder, and stopped (folder removed) by the returned stop().
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type Instance = { dir: string; stop: () => void };

export async function startInstance(opts: { entry: string; port: number; vars: Record<string, string>; readyPath: string; label: string }): Promise<Instance> {
  const { entry, port, vars, readyPath, label } = opts;
  const dir = mkdtempSync(join(tmpdir(), `pledge-bench-${label}-`));
  const env = { ...process.env, WRANGLER_SEND_METRICS: 'false', CI: 'true' };
  const varArgs = Object.entries({ ...vars, PUBLIC_URL: `http://127.0.0.1:${port}` }).flatMap(([k, v]) => ['--var', `${k}:${v}`]);
  const args = ['scripts/start.ts', entry, '--port', String(port), '--persist-to', dir, '--inspector-port', String(port + 420), '--log-level', 'error', ...varArgs];
  const child = spawn(process.execPath, args, { env, detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr?.on('data', (d) => (err = (err + d).slice(-4000)));
  const kill = () => {
    try {
      process.kill(-child.pid!, 'SIGTERM');
    } catch {}
  };
  process.on('exit', kill);
  const stop = () => {
    kill();
    process.off('exit', kill);
    rmSync(dir, { recursive: true, force: true });
  };
  const until = Date.now() + 180_000;
  for (;;) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}${readyPath}`)).ok) return { dir, stop };
    } catch {}
    if (Date.now() > until || child.exitCode !== null) {
      stop();
      throw new Error(`${label} instance did not start\n${err}`);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
}
