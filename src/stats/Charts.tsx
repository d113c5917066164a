import type { GroupBody } from '../counts/counts.schemas.ts';
import { TABLE_CSS } from '../platform/ui/styles.ts';

// Light server-rendered charts: no script, no library in the browser. Each chart is
// decorative for assistive technology (aria-hidden); the same numbers follow in a table,
// which is what screen readers read. Nothing is scaled to fit: labels keep the page's
// text size on a phone (at least 12 px), and only the bars stretch.

// One row per group: the label (wrapping if long), the bar, the number.
export function BarChart(props: { groups: GroupBody[]; fewer: string; max?: number }) {
  const groups = props.groups.slice(0, props.max ?? 20);
  const top = Math.max(1, ...groups.map((g) => g.count ?? 0));
  return (
    <div class="bars" aria-hidden="true">
      {groups.map((g) => (
        <div class="bar-row">
          <span class="bar-label">{g.label}</span>
          <span>
            {g.count === null ? null : (
              <svg class="bar-svg" width="100%" height="14" aria-hidden="true" focusable="false">
                <rect class="bar" width={`${Math.max(1, (g.count / top) * 100).toFixed(2)}%`} height="14" rx="2" />
              </svg>
            )}
          </span>
          <span class={g.count === null ? 'bar-n muted' : 'bar-n'}>{g.count === null ? props.fewer : String(g.count)}</span>
        </div>
      ))}
    </div>
  );
}

// Columns over time. The SVG has no viewBox: positions across are percentages of its
// width and heights are pixels, so the text is drawn at its CSS size at any width.
export function ColumnChart(props: { points: { bucket: string; count: number }[]; tick: (bucket: string) => string; ticks?: number }) {
  const points = props.points;
  const top = Math.max(1, ...points.map((p) => p.count));
  const h = 160;
  const base = h - 22;
  // At least 16 slots, so a short series does not become one block.
  const slots = Math.max(16, points.length);
  const pct = (v: number) => `${((v / slots) * 100).toFixed(3)}%`;
  const every = Math.max(1, Math.ceil(points.length / (props.ticks ?? 6)));
  return (
    <svg class="chart" width="100%" height={h} aria-hidden="true" focusable="false">
      <text x="0" y="12">
        {String(top)}
      </text>
      <line x1="0" x2="100%" y1={base} y2={base} class="axis" />
      {points.map((p, i) => {
        const ph = Math.round((p.count / top) * (base - 16));
        // A label near the right edge ends at its column instead of starting there.
        const end = (i + 1) / slots > 0.85;
        return (
          <g>
            {p.count > 0 ? <rect class="bar" x={pct(i)} y={base - ph} width={pct(0.85)} height={ph} /> : null}
            {i % every === 0 ? (
              <text x={pct(end ? i + 1 : i)} y={h - 4} class="muted" text-anchor={end ? 'end' : undefined}>
                {props.tick(p.bucket)}
              </text>
            ) : null}
          </g>
        );
      })}
    </svg>
  );
}

// Chart-only styles, added to the pages that draw charts (not to every page).
export const CHART_CSS =
  '.chart{display:block;width:100%;font-size:.8125rem;fill:currentColor;margin:.5rem 0}.bar{fill:var(--accent)}.chart .axis{stroke:var(--line)}.chart .muted{fill:var(--muted)}' +
  '.bars{margin:.5rem 0;font-size:.875rem;line-height:1.35}.bar-row{display:grid;grid-template-columns:minmax(0,2fr) minmax(0,3fr) minmax(2.5rem,auto);gap:.25rem .6rem;align-items:center;padding:.15rem 0}' +
  '.bar-label{text-align:right;overflow-wrap:anywhere}.bar-svg{display:block}.bar-n{font-variant-numeric:tabular-nums}' +
  TABLE_CSS;
