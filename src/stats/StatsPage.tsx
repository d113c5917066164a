import type { GroupBody, StatsBody } from '../counts/counts.schemas.ts';
import { logWords } from '../log/log.messages.ts';
import type { Lang } from '../platform/i18n/lang.ts';
import { fill, messages } from '../platform/i18n/messages.ts';
import { formatNumber } from '../platform/ui/Count.tsx';
import { InlineStyle } from '../platform/ui/InlineStyle.tsx';
import { Layout } from '../platform/ui/Layout.tsx';
import { verificationWords } from '../signatures/verification.messages.ts';
import { LEVELS } from '../signatures/verification.ts';
import { BarChart, CHART_CSS, ColumnChart } from './Charts.tsx';

export type StatsPageProps = { lang: Lang; title: string; individualsLabel: string; stats: StatsBody };

function DataTable(props: { rows: [string, string][]; lang: Lang }) {
  const t = messages(props.lang);
  return (
    <details>
      <summary>{t.dataTable}</summary>
      <table class="data">
        <thead>
          <tr>
            <th scope="col">{t.groupCol}</th>
            <th scope="col">{t.countCol}</th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map(([k, v]) => (
            <tr>
              <td>{k}</td>
              <td class="n">{v}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

// The statistics page: breakdowns and time series as server-rendered SVG, each with
// its numbers in a table. Separate from the pledge page, which stays light.
export function StatsPage(props: StatsPageProps) {
  const { lang, stats } = props;
  const t = messages(lang);
  const r = logWords(lang).removals;
  // Suppressed groups arrive as one entry without a count (its label says why).
  const fewer = '—';
  const count = (g: GroupBody) => (g.count === null ? fewer : formatNumber(g.count, lang));
  const breakdown = (heading: string, groups: GroupBody[]) =>
    groups.length === 0 ? null : (
      <section>
        <h2>{heading}</h2>
        <BarChart groups={groups} fewer={fewer} />
        <DataTable lang={lang} rows={groups.map((g) => [g.label, count(g)])} />
      </section>
    );
  const series = (heading: string, points: StatsBody['perDay'], tick: (b: string) => string) =>
    points.length === 0 ? null : (
      <section>
        <h2>{heading}</h2>
        <ColumnChart points={points} tick={tick} />
        <DataTable lang={lang} rows={points.map((p) => [p.bucket, formatNumber(p.count, lang)])} />
      </section>
    );
  const path = `/p/${stats.slug}/stats`;
  return (
    <Layout lang={lang} path={path} title={`${t.statsTitle} · ${props.title}`} head={<InlineStyle css={CHART_CSS} />}>
      <p>
        <a href={`/p/${stats.slug}`}>{props.title}</a>
      </p>
      <h1>{t.statsTitle}</h1>
      <p>
        <strong data-count="individuals">{formatNumber(stats.individuals, lang)}</strong> {props.individualsLabel}
      </p>
      <p class="muted">{fill(t.suppressionNote, { n: stats.minGroupSize })}</p>
      {stats.individuals === 0 ? <p>{t.noData}</p> : null}
      {stats.individuals === 0
        ? null
        : breakdown(
            verificationWords(lang).byLevel,
            LEVELS.map((l) => ({ key: l, label: verificationWords(lang).levels[l], count: stats.byVerification[l], suppressed: false })),
          )}
      {breakdown(t.byField, stats.byField)}
      {breakdown(t.byRegion, stats.byRegion)}
      {breakdown(t.bySociety, stats.bySociety)}
      {series(t.perDay, stats.perDay, (b) => b.slice(5))}
      {series(t.perHour, stats.perHour, (b) => `${b.slice(11)}:00`)}
      <section>
        <h2>{r.heading}</h2>
        <p>
          {r.withdrawn}: <strong data-count="withdrawn">{formatNumber(stats.removals.withdrawn, lang)}</strong> · {r.invalidated}:{' '}
          <strong data-count="invalidated">{formatNumber(stats.removals.invalidated, lang)}</strong>
        </p>
        <p class="muted">{r.note}</p>
        <DataTable
          lang={lang}
          rows={[
            [r.withdrawn, formatNumber(stats.removals.withdrawn, lang)],
            [r.invalidated, formatNumber(stats.removals.invalidated, lang)],
            ...Object.entries(stats.removals.byCategory).map(([k, n]): [string, string] => [`${r.invalidated}: ${r.categories[k] ?? k}`, formatNumber(n, lang)]),
          ]}
        />
      </section>
      <p>
        <a href={`/api/pledges/${stats.slug}/stats?lang=${lang}`}>JSON</a>
      </p>
    </Layout>
  );
}
