// `npm run verify -- <receipt.json> [--server URL] [--json]`
//
// Checks a signer's receipt: the secret opens the entry, the leaf hash, the inclusion
// proof and the checkpoint signature. With --server (default: the receipt's own
// `server`, unless --offline) it also checks the receipt against the live log: the
// published key, consistency from the receipt's checkpoint to the latest (not stale,
// not rolled back), every entry rehashed into the signed root, every checkpoint in the
// history, and that the signed counts equal additions minus removals.
// With --witness <vkey> (repeatable) and --quorum N (default: all of them) it also
// requires the signed-note checkpoint at /log/<slug>/checkpoint to carry cosignatures by
// at least N of those witnesses (c2sp.org/tlog-witness), for the same tree.
// Exit code 0 when every check passes, 1 when one fails, 2 on usage errors.
import { readFileSync } from 'node:fs';
import { verifyReceipt } from '../src/log/verifier.ts';

const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const VALUED = ['--server', '--witness', '--quorum'];
const file = args.find((a, i) => !a.startsWith('--') && !VALUED.includes(args[i - 1] ?? ''));
if (!file) {
  console.error('usage: npm run verify -- <receipt.json> [--server URL] [--offline] [--json] [--witness VKEY]... [--quorum N]');
  process.exit(2);
}
const witnessKeys = args.flatMap((a, i) => (a === '--witness' && args[i + 1] ? [args[i + 1]!] : []));
const quorumArg = flag('--quorum');
const quorum = quorumArg === undefined ? witnessKeys.length : Number(quorumArg);
if (!Number.isInteger(quorum) || quorum < 0 || quorum > witnessKeys.length) {
  console.error('--quorum must be a whole number between 0 and the number of --witness keys');
  process.exit(2);
}

let receipt: unknown;
try {
  receipt = JSON.parse(readFileSync(file, 'utf8'));
} catch (err) {
  console.error(`cannot read ${file}: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(2);
}

const fromReceipt = typeof receipt === 'object' && receipt !== null ? (receipt as { server?: unknown }).server : undefined;
const server = args.includes('--offline') ? undefined : (flag('--server') ?? (typeof fromReceipt === 'string' ? fromReceipt : undefined));
const base = server?.replace(/\/$/, '');

const get = base
  ? async (path: string): Promise<unknown> => {
      const res = await fetch(`${base}${path}`, { headers: { accept: 'application/json' } });
      if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`);
      return res.json();
    }
  : undefined;
const getText = base
  ? async (path: string): Promise<string> => {
      const res = await fetch(`${base}${path}`);
      if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`);
      return res.text();
    }
  : undefined;
const witnesses = witnessKeys.length > 0 ? { vkeys: witnessKeys, quorum } : undefined;

let result;
try {
  result = await verifyReceipt(receipt, get && getText ? { get, getText, ...(witnesses ? { witnesses } : {}) } : {});
} catch (err) {
  console.error(`verification could not finish: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}

if (args.includes('--json')) {
  console.log(JSON.stringify({ ok: result.ok, status: result.status, server: base ?? null, checks: result.checks, notes: result.notes }, null, 2));
} else {
  console.log(base ? `Checking against ${base}` : 'Checking offline (no server)');
  for (const c of result.checks) console.log(`${c.ok ? 'ok  ' : 'FAIL'}  ${c.name}${c.detail && !c.ok ? `\n      ${c.detail}` : ''}`);
  for (const n of result.notes) console.log(`note  ${n}`);
  console.log(result.ok ? 'All checks passed.' : 'Verification FAILED.');
}
process.exit(result.ok ? 0 : 1);
