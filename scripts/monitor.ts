// `npm run monitor -- <site URL> [--slug cast-2020] [--state FILE] [--witness VKEY]... [--quorum N]`
//
// Follows a pledge's public log (src/log/monitor.ts): stores every checkpoint it accepts
// in FILE (default .monitor/<host>-<slug>.json, with the notes in FILE.checkpoints), and on
// each run checks the new checkpoint's signature by the key it first saw, a quorum of the
// given witnesses, consistency with the last one (no fork, no rollback), and re-derives
// the counts from the entries against the signed counts note. Run it from cron.
// Exit code 0 when all is well, 1 on a problem (printed), 2 on usage errors.
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { type MonitorState, monitorOnce } from '../src/log/monitor.ts';

const args = process.argv.slice(2);
const VALUED = ['--slug', '--state', '--witness', '--quorum'];
const flag = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const site = args.find((a, i) => !a.startsWith('--') && !VALUED.includes(args[i - 1] ?? ''));
if (!site || !/^https?:\/\//.test(site)) {
  console.error('usage: npm run monitor -- <site URL> [--slug SLUG] [--state FILE] [--witness VKEY]... [--quorum N]');
  process.exit(2);
}
const base = site.replace(/\/$/, '');
const slug = flag('--slug') ?? 'cast-2020';
const stateFile = flag('--state') ?? join('.monitor', `${new URL(base).host.replace(/[^a-z0-9.-]/gi, '_')}-${slug}.json`);
const vkeys = args.flatMap((a, i) => (a === '--witness' && args[i + 1] ? [args[i + 1]!] : []));
const quorum = flag('--quorum') === undefined ? vkeys.length : Number(flag('--quorum'));
if (!Number.isInteger(quorum) || quorum < 0 || quorum > vkeys.length) {
  console.error('--quorum must be a whole number between 0 and the number of --witness keys');
  process.exit(2);
}

async function fetchOk(path: string): Promise<Response> {
  const res = await fetch(`${base}${path}`);
  if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`);
  return res;
}

const previous: MonitorState | null = existsSync(stateFile) ? (JSON.parse(readFileSync(stateFile, 'utf8')) as MonitorState) : null;
let result;
try {
  result = await monitorOnce(
    {
      get: async (p) => (await fetchOk(p)).json(),
      getText: async (p) => (await fetchOk(p)).text(),
      getBytes: async (p) => new Uint8Array(await (await fetchOk(p)).arrayBuffer()),
    },
    slug,
    previous,
    vkeys.length > 0 ? { witnesses: { vkeys, quorum } } : {},
  );
} catch (err) {
  console.error(`monitor: could not check ${base}: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
for (const n of result.notes) console.log(`note  ${n}`);
if (!result.ok || !result.state) {
  console.error(`PROBLEM  ${result.problem}`);
  process.exit(1);
}
mkdirSync(dirname(stateFile), { recursive: true });
if (!previous || previous.size !== result.state.size || previous.note !== result.state.note) appendFileSync(`${stateFile}.checkpoints`, `${result.state.note}\n`);
writeFileSync(stateFile, JSON.stringify(result.state, null, 2));
console.log(
  `ok  ${base} ${slug}: ${result.state.size} entries${previous ? ` (was ${previous.size})` : ' (first check)'}, ${result.state.individuals} individuals, ${result.state.societies} societies`,
);
