// `npm start`: make .dev.vars if missing, migrate and seed the local D1, then run
// `wrangler dev` on port 8787. Extra flags are passed on: `--port N` and
// `--persist-to DIR` (a fresh database for end-to-end tests and the benchmark).
import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, copyFileSync, existsSync, readFileSync } from 'node:fs';

const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const persistTo = flag('--persist-to');
const persist = persistTo ? ['--persist-to', persistTo] : [];
const env = { ...process.env, WRANGLER_SEND_METRICS: 'false', CI: process.env.CI ?? 'true' };

if (!existsSync('.dev.vars')) {
  copyFileSync('.dev.vars.example', '.dev.vars');
  console.log('Created .dev.vars from .dev.vars.example (development values).');
} else {
  // Settings added to the example since .dev.vars was made (e.g. LOG_SIGNING_KEY).
  const names = (text: string) =>
    new Set(
      text
        .split('\n')
        .map((l) => /^([A-Z0-9_]+)=/.exec(l)?.[1])
        .filter(Boolean),
    );
  const have = names(readFileSync('.dev.vars', 'utf8'));
  const missing = readFileSync('.dev.vars.example', 'utf8')
    .split('\n')
    .filter((l) => /^[A-Z0-9_]+=/.test(l) && !have.has(l.split('=')[0]));
  if (missing.length > 0) {
    appendFileSync('.dev.vars', `\n${missing.join('\n')}\n`);
    console.log(`Added to .dev.vars from .dev.vars.example: ${missing.map((l) => l.split('=')[0]).join(', ')}`);
  }
}

// Runs a wrangler step quietly; its output is shown only if it fails.
function run(label: string, cmd: string[]) {
  const r = spawnSync('npx', ['wrangler', ...cmd], { encoding: 'utf8', env });
  if (r.status !== 0) {
    process.stderr.write(`${r.stdout}\n${r.stderr}\n${label} failed\n`);
    process.exit(r.status ?? 1);
  }
  console.log(`${label}: done`);
}
run('migrate local D1', ['d1', 'migrations', 'apply', 'DB', '--local', ...persist]);
run('seed cast-2020 (idempotent)', ['d1', 'execute', 'DB', '--local', '--file', 'seed/cast-2020.sql', ...persist]);

const port = flag('--port') ?? '8787';
const rest = args.filter((a, i) => !['--port', '--persist-to'].includes(a) && !['--port', '--persist-to'].includes(args[i - 1] ?? ''));
const dev = spawn('npx', ['wrangler', 'dev', '--port', port, '--ip', '127.0.0.1', ...persist, ...rest], { stdio: 'inherit', env: { ...env, CI: process.env.CI ?? '' } });
for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => dev.kill(sig));
dev.on('exit', (code) => process.exit(code ?? 0));
