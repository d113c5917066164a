// Vitest global setup for the "node" project: one app server for all end-to-end test
// files, started as `npm start` starts it (wrangler dev, fresh local D1, free port), and
// two real witnesses (witness/, under wrangler dev) that the app asks to cosign its
// checkpoints: the app runs with LOG_WITNESSES naming them and LOG_WITNESS_QUORUM 2, so
// the verify page and the verifiers check real cosignatures.
import type { TestProject } from 'vitest/node';
import { freePort, startApp } from '../../scripts/app-server.ts';
import { startWitness, witnessVkey } from '../../scripts/witness-server.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    baseURL: string;
    // The witnesses of the app under test: their URLs and cosignature vkeys.
    witnesses: Array<{ url: string; vkey: string }>;
  }
}

// Test-only witness keys (base64 Ed25519 seeds), not those of test/node/witness.test.ts.
const WITNESSES = [
  { name: 'e2e-w1.test/pledge', seed: 'QEFCQ0RFRkdISUpLTE1OT1BRUlNUVVZXWFlaW1xdXl8=' },
  { name: 'e2e-w2.test/pledge', seed: 'YGFiY2RlZmdoaWprbG1ub3BxcnN0dXZ3eHl6e3x9fn8=' },
];

export default async function setup(project: TestProject) {
  const specs = await Promise.all(WITNESSES.map(async (w) => ({ ...w, port: await freePort(), vkey: await witnessVkey(w.seed, w.name) })));
  const configured = specs.map((w) => ({ url: `http://127.0.0.1:${w.port}`, vkey: w.vkey }));
  const app = await startApp({ vars: { LOG_WITNESSES: JSON.stringify(configured), LOG_WITNESS_QUORUM: String(specs.length) } });
  const stops = [app.stop];
  try {
    const { vkey } = (await (await fetch(`${app.url}/.well-known/pledge-log-key`)).json()) as { vkey: string };
    const logs = [{ origin: `${new URL(app.url).host}/log/*`, vkey }];
    for (const w of await Promise.all(specs.map((s) => startWitness({ name: s.name, seed: s.seed, port: s.port, logs })))) stops.push(async () => w.stop());
  } catch (err) {
    for (const stop of stops) await stop();
    throw err;
  }
  project.provide('baseURL', app.url);
  project.provide('witnesses', configured);
  return async () => {
    for (const stop of stops.reverse()) await stop();
  };
}
