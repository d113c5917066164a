// The share images (og:image, 1200x630 PNG) of each pledge in scripts/content/*.json, one per
// language, and a generic one per language (the site's name) that the Worker serves for
// pledges made later in the console (src/share/share.pages.tsx, GET /og/:file). Drawn from an
// SVG template by resvg (@resvg/resvg-js, a devDependency: it never reaches the Worker) with
// Debian's Noto Sans CJK (fonts-noto-cjk; OG_FONT_DIR to use another folder), written to
// web/og/ and served as static assets. Run by scripts/build-web.ts (npm start, npm test,
// wrangler dev and deploy); an image whose SVG is unchanged is not drawn again.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Resvg, type ResvgRenderOptions } from '@resvg/resvg-js';
import { LANGS, type Lang } from '../src/platform/i18n/lang.ts';
import { messages } from '../src/platform/i18n/messages.ts';
import { OG_HEIGHT as HEIGHT, OG_GENERIC, ogImagePath, OG_WIDTH as WIDTH } from '../src/share/og.ts';

const CACHE = 'node_modules/.cache/og-images.json';
const LEFT = 96;
const TEXT_WIDTH = WIDTH - LEFT - 80;

const FONT_DIRS = [process.env.OG_FONT_DIR, '/usr/share/fonts/opentype/noto', '/usr/share/fonts/noto-cjk', '/usr/share/fonts/google-noto-cjk'].filter(Boolean) as string[];
const FAMILY: Record<Lang, string> = { 'zh-Hans': 'Noto Sans CJK SC', 'zh-Hant': 'Noto Sans CJK TC', en: 'Noto Sans CJK SC' };

function fontFiles(): { bold: string; regular: string } | undefined {
  for (const dir of FONT_DIRS) {
    const bold = join(dir, 'NotoSansCJK-Bold.ttc');
    const regular = join(dir, 'NotoSansCJK-Regular.ttc');
    if (existsSync(bold) && existsSync(regular)) return { bold, regular };
  }
  return undefined;
}

let fonts: { bold: string; regular: string } | undefined;
function renderOptions(only?: 'bold' | 'regular'): ResvgRenderOptions {
  const files = only ? [fonts![only]] : [fonts!.bold, fonts!.regular];
  return { font: { fontFiles: files, loadSystemFonts: false, defaultFontFamily: FAMILY['zh-Hans'] }, fitTo: { mode: 'original' } };
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

type Style = { family: string; size: number; weight: number };

function textSvg(s: Style, line: string): string {
  return `<text font-family="${s.family}" font-size="${s.size}" font-weight="${s.weight}" xml:space="preserve">${esc(line)}</text>`;
}

// Width of one line as resvg draws it (the font's real advances, kerning included). Each
// measurement loads the font file again, so lines that surely fit (by a cautious guess:
// 1 em per character) are not measured, nor is any line twice.
const widths = new Map<string, number>();
function measure(s: Style, line: string): number {
  if (line.length * s.size <= TEXT_WIDTH) return line.length * s.size;
  const key = JSON.stringify([s, line]);
  let width = widths.get(key);
  if (width === undefined) {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="4000" height="400"><g transform="translate(0 200)">${textSvg(s, line)}</g></svg>`;
    const box = new Resvg(svg, renderOptions(s.weight === 700 ? 'bold' : 'regular')).getBBox();
    width = box ? box.x + box.width : 0;
    widths.set(key, width);
  }
  return width;
}

// Break points: Latin words with their trailing space, CJK characters one by one, with
// opening punctuation kept before and closing punctuation after its neighbour (no line
// starts with "，" or ends with "“").
const CLOSING = new Set('，。、；：？！）》」』”’…·,.;:?!)'.split(''));
const OPENING = new Set('（《「『“‘('.split(''));
function tokens(text: string): string[] {
  const out: string[] = [];
  for (const part of text.match(/[\p{Script=Latin}\p{N}'’\-–—]+\s*|\s+|./gsu) ?? []) {
    const prev = out[out.length - 1];
    if (prev !== undefined && (CLOSING.has(part[0]!) || OPENING.has(prev[prev.length - 1]!) || /^\s+$/.test(part))) out[out.length - 1] = prev + part;
    else out.push(part);
  }
  return out;
}

// Greedy line breaking, measured; at most maxLines, the last one ending in "…" if cut.
function wrap(s: Style, text: string, maxLines: number): { lines: string[]; cut: boolean } {
  const lines: string[] = [];
  let line = '';
  const toks = tokens(text.trim());
  for (let i = 0; i < toks.length; i++) {
    const candidate = line + toks[i];
    if (line === '' || measure(s, candidate.trimEnd()) <= TEXT_WIDTH) {
      line = candidate;
      continue;
    }
    lines.push(line.trimEnd());
    line = toks[i]!;
    if (lines.length === maxLines) {
      let last = lines[maxLines - 1]!;
      while (last.length > 1 && measure(s, `${last}…`) > TEXT_WIDTH) last = last.slice(0, -1).trimEnd();
      lines[maxLines - 1] = `${last}…`;
      return { lines, cut: true };
    }
  }
  if (line.trim()) lines.push(line.trimEnd());
  return { lines, cut: false };
}

type Card = { lang: Lang; title: string; subtitle: string };

// The image as SVG: an accent strip, the title (bold, as large as fits in three lines), the
// subtitle, and a footer with the site's name and the call to sign.
function cardSvg(input: Card): string {
  const family = FAMILY[input.lang];
  const t = messages(input.lang);
  // Noto Sans CJK draws curly quotes full-width: English text gets straight ones.
  const latin = (s: string) => (input.lang === 'en' ? s.replace(/[‘’]/g, "'").replace(/[“”]/g, '"') : s);
  const card = { ...input, title: latin(input.title), subtitle: latin(input.subtitle) };
  const siteName = latin(t.siteName);
  let title: { lines: string[]; cut: boolean } = { lines: [], cut: false };
  let size = 72;
  for (; size >= 48; size -= 8) {
    title = wrap({ family, size, weight: 700 }, card.title, 3);
    if (!title.cut) break;
  }
  size = Math.max(size, 48);
  const titleLead = Math.round(size * 1.3);
  let y = 96 + size;
  const parts: string[] = [];
  for (const line of title.lines) {
    parts.push(`<g transform="translate(${LEFT} ${y})" fill="#1b1f23">${textSvg({ family, size, weight: 700 }, line)}</g>`);
    y += titleLead;
  }
  const sub = { family, size: 36, weight: 400 };
  const subLead = 52;
  const room = Math.floor((500 - (y - titleLead + 24)) / subLead);
  if (card.subtitle && room > 0) {
    y += 24 - titleLead + subLead;
    for (const line of wrap(sub, card.subtitle, room).lines) {
      parts.push(`<g transform="translate(${LEFT} ${y})" fill="#57606a">${textSvg(sub, line)}</g>`);
      y += subLead;
    }
  }
  const foot = { family, size: 34, weight: 700 };
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}">`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="#ffffff"/><rect width="24" height="${HEIGHT}" fill="#b4232a"/>`,
    ...parts,
    `<rect x="${LEFT}" y="522" width="${TEXT_WIDTH}" height="2" fill="#d0d7de"/>`,
    // The generic image's title is the site's name already.
    card.title === siteName ? '' : `<g transform="translate(${LEFT} 584)" fill="#b4232a">${textSvg(foot, siteName)}</g>`,
    `<g transform="translate(${LEFT + TEXT_WIDTH} 584)" fill="#1b1f23" text-anchor="end">${textSvg(foot, `${t.signNow} →`)}</g>`,
    '</svg>',
  ].join('');
}

type Content = { slug: string; texts: Partial<Record<Lang, { title: string; subtitle: string }>> };

function cards(): { file: string; card: Card }[] {
  const out: { file: string; card: Card }[] = [];
  for (const lang of LANGS) out.push({ file: ogImagePath(OG_GENERIC, lang), card: { lang, title: messages(lang).siteName, subtitle: '' } });
  for (const name of readdirSync('scripts/content').filter((f) => f.endsWith('.json'))) {
    const content = JSON.parse(readFileSync(join('scripts/content', name), 'utf8')) as Content;
    for (const lang of LANGS) {
      const text = content.texts[lang];
      if (text) out.push({ file: ogImagePath(content.slug, lang), card: { lang, title: text.title, subtitle: text.subtitle } });
    }
  }
  return out;
}

export function buildOgImages(): void {
  fonts = fontFiles();
  if (!fonts) {
    console.warn(`build:web: no share images drawn (og:image): Noto Sans CJK not found in ${FONT_DIRS.join(', ')}. Install fonts-noto-cjk or set OG_FONT_DIR.`);
    return;
  }
  mkdirSync('web/og', { recursive: true });
  const cache: Record<string, string> = existsSync(CACHE) ? JSON.parse(readFileSync(CACHE, 'utf8')) : {};
  let drawn = 0;
  for (const { file, card } of cards()) {
    // The inputs decide the image: skip it when they and the template are unchanged.
    const key = createHash('sha256')
      .update(JSON.stringify([card, readFileSync(new URL(import.meta.url), 'utf8'), fonts]))
      .digest('hex');
    const out = join('web', file);
    if (cache[file] === key && existsSync(out)) continue;
    writeFileSync(out, new Resvg(cardSvg(card), renderOptions()).render().asPng());
    cache[file] = key;
    drawn++;
  }
  mkdirSync('node_modules/.cache', { recursive: true });
  writeFileSync(CACHE, JSON.stringify(cache, null, 2));
  if (drawn > 0) console.log(`build:web: drew ${drawn} share image(s) in web/og/`);
}
