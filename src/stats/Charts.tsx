import type { GroupBody } from '../counts/counts.schemas.ts';
import { TABLE_CSS } from '../platform/ui/styles.ts';

// Light server-rendered SVG charts: no script, no library in the browser. Each chart
// is decorative for assistive technology (aria-hidden); the same numbers follow in a
// table, which is what screen readers read.
const W = 640;

export function BarChart(props: { groups: GroupBody[]; fewer: string; max?: number }) {
  const groups = props.groups.slice(0, props.max ?? 20);
  const top = Math.max(1, ...groups.map((g) => g.count ?? 0));
  const row = 26;
  const labelW = 190;
  const barW = W - labelW - 80;
  return (
    <svg class="chart" viewBox={`0 0 ${W} ${groups.length * row + 4}`} width="100%" aria-hidden="true" focusable="false">
      {groups.map((g, i) => {
        const y = i * row + 2;
        const w = g.count === null ? 0 : Math.max(2, Math.round((g.count / top) * barW));
        return (
          <g>
            <text x={labelW - 8} y={y + 17} text-anchor="end">
              {g.label.length > 18 ? `${g.label.slice(0, 17)}…` : g.label}
            </text>
            {g.count === null ? null : <rect class="bar" x={labelW} y={y + 4} width={w} height={row - 8} rx="2" />}
            <text x={labelW + w + 6} y={y + 17} class={g.count === null ? 'muted' : undefined}>
              {g.count === null ? props.fewer : String(g.count)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

export function ColumnChart(props: { points: { bucket: string; count: number }[]; tick: (bucket: string) => string; ticks?: number }) {
  const points = props.points;
  const top = Math.max(1, ...points.map((p) => p.count));
  const h = 160;
  const base = h - 22;
  // Columns at most 40 units wide, so a short series does not become one block.
  const step = Math.min(40, (W - 50) / Math.max(1, points.length));
  const every = Math.max(1, Math.ceil(points.length / (props.ticks ?? 6)));
  return (
    <svg class="chart" viewBox={`0 0 ${W} ${h}`} width="100%" aria-hidden="true" focusable="false">
      <text x="0" y="12">
        {String(top)}
      </text>
      <line x1="44" x2={W} y1={base} y2={base} class="axis" />
      {points.map((p, i) => {
        const ph = Math.round((p.count / top) * (base - 16));
        const x = 46 + i * step;
        return (
          <g>
            {p.count > 0 ? <rect class="bar" x={x.toFixed(1)} y={base - ph} width={Math.max(1, step - 1).toFixed(1)} height={ph} /> : null}
            {i % every === 0 ? (
              <text x={x.toFixed(1)} y={h - 4} class="muted">
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
  '.chart{display:block;max-width:100%;font-size:13px;fill:currentColor;margin:.5rem 0}.chart .bar{fill:var(--accent)}.chart .axis{stroke:var(--line)}.chart .muted{fill:var(--muted)}' +
  TABLE_CSS;
