// `npm run size`: the pledge page's weight against its budgets. Starts the app on a
// free port with a fresh local D1 (or measures a running one: `npm run size -- --url
// http://127.0.0.1:8787`), fetches /p/cast-2020 in each language as a browser would,
// and prints the first response's raw and gzip size and the total of all resources.
// Exits 1 when a budget is exceeded.
import { startApp } from './app-server.ts';
import { FIRST_RESPONSE_BUDGET, gzipCostOf, measurePage, TOTAL_BUDGET } from './page-weight.ts';

const args = process.argv.slice(2);
const urlFlag = args.indexOf('--url');
const given = urlFlag >= 0 ? args[urlFlag + 1] : undefined;
const slug = 'cast-2020';

const kb = (n: number) => `${n.toLocaleString('en')} B (${(n / 1024).toFixed(1)} KB)`;
const app = given ? undefined : await startApp();
const base = given ?? app!.url;
let over = false;
try {
  for (const lang of ['zh-Hans', 'zh-Hant', 'en']) {
    const url = `${base}/p/${slug}?lang=${lang}`;
    const w = await measurePage(url);
    console.log(`\n/p/${slug}?lang=${lang}`);
    console.log(`  first response  raw ${kb(w.first.raw)}, gzip ${kb(w.first.gzip)} (budget ${kb(FIRST_RESPONSE_BUDGET)}), brotli ${kb(w.first.brotli)}`);
    for (const r of w.resources) console.log(`  + ${r.url.replace(base, '')}  ${r.status} ${r.type.split(';')[0]}  raw ${kb(r.raw)}, gzip ${kb(r.gzip)}`);
    console.log(`  total gzip      ${kb(w.totalGzip)} (budget ${kb(TOTAL_BUDGET)}) in ${1 + w.resources.length} response(s)`);
    const parts: [string, RegExp][] = [
      ['inline CSS', /<style[^>]*>[\s\S]*?<\/style>/],
      ['pledge text', /<div class="text">[\s\S]*?<\/div>/],
      ['societies list', /<ol class="societies">[\s\S]*?<\/ol>/],
      ['sign form', /<section class="card" id="sign"[\s\S]*?<\/section>/],
      ['  of which region list', /<select id="f-region"[\s\S]*?<\/select>/],
    ];
    for (const [name, re] of parts) {
      const c = gzipCostOf(w.html, re);
      console.log(`    ${name.padEnd(24)} raw ${kb(c.raw)}, adds ${kb(c.gzip)} gzip`);
    }
    if (w.first.gzip > FIRST_RESPONSE_BUDGET || w.totalGzip > TOTAL_BUDGET) over = true;
  }
} finally {
  await app?.stop();
}
console.log(over ? '\nOVER BUDGET' : '\nWithin budget.');
process.exit(over ? 1 : 0);
