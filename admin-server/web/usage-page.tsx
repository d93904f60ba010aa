/**
 * 使用统计: how the kiosks and clerk desks of the user's subtree were used over a period — the
 * headline figures against the period before, the days as lines, the units one level down as bars
 * and a table (a unit opens its own figures: district → street → community → grid, the trail leads
 * back), the guides opened most; and for editors the searches that found nothing, each added to a
 * guide as an alias in one step, and the guides opened least.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import {
  LinliError,
  USAGE_HEADLINE_KINDS,
  type Locale,
  type SearchGaps,
  type SessionView,
  type UsageSummary,
} from '@linli/protocol';
import { api } from './api';
import { EChart } from './echart';
import { GridFiguresMap, useGridsOf } from './grid-figures-map';
import { TableDownloads } from './table-downloads';
import { ErrorBox, Field, fieldErrors, needsSummary } from './feedback';
import type { AdminStrings } from './i18n';
import { periodOf, pickOf, type Period } from './proof-of-play';
import { comparisonOption, trendOption } from './usage-charts';
import { CHART_KINDS, USAGE_PERIOD_PICKS, USAGE_WORDS, changePercent, type UsageWords } from './usage-words';

const asError = (caught: unknown) =>
  caught instanceof LinliError ? caught : new LinliError('INTERNAL', String(caught));

export function UsagePage(props: { t: AdminStrings; locale: Locale; session: SessionView }) {
  const { t } = props;
  const words = USAGE_WORDS[props.locale];
  const may = (permission: string) => props.session.permissions.includes(permission);
  const [period, setPeriod] = useState<Period>(() => periodOf('last30Days', Date.now()));
  const [orgId, setOrgId] = useState<number | undefined>(undefined);
  const [summary, setSummary] = useState<UsageSummary | null>(null);
  const [gaps, setGaps] = useState<SearchGaps | null>(null);
  const [error, setError] = useState<LinliError | null>(null);
  const [gapsRevision, setGapsRevision] = useState(0);

  useEffect(() => {
    // Only the answer for what is shown now counts: an earlier, slower one is dropped.
    let current = true;
    setSummary(null);
    api.usageSummary({ ...period, orgId }).then(
      (loaded) => {
        if (!current) return;
        setSummary(loaded);
        setError(null);
      },
      (caught: unknown) => current && setError(asError(caught)),
    );
    return () => {
      current = false;
    };
  }, [period.from, period.to, orgId]);

  useEffect(() => {
    if (!may('content.view')) return;
    let current = true;
    api.searchGaps({ ...period, orgId }).then(
      (loaded) => current && setGaps(loaded),
      () => current && setGaps(null),
    );
    return () => {
      current = false;
    };
  }, [period.from, period.to, orgId, gapsRevision]);

  const problems = fieldErrors(t, error, 'usage');
  const picked = pickOf(period, Date.now(), USAGE_PERIOD_PICKS);
  const names = words.kinds;
  const trend = useMemo(() => summary && trendOption(summary.days, CHART_KINDS, names), [summary, props.locale]);
  const comparison = useMemo(
    () => summary && summary.children.length > 0 && comparisonOption(summary.children, CHART_KINDS, names),
    [summary, props.locale],
  );
  // The units below are grids: their visits on the map too.
  const grids = useGridsOf(
    summary?.children.some((child) => child.level === 'grid') ? summary.children.map((child) => child.id) : [],
  );
  const gridVisits = useMemo(
    () => new Map((summary?.children ?? []).map((child) => [child.id, child.totals.visit])),
    [summary],
  );
  const dateField = (name: 'from' | 'to') => (
    <Field label={words[name]} note={problems.note(name)}>
      <input
        type="date"
        name={name}
        value={period[name]}
        onInput={(event) => setPeriod({ ...period, [name]: (event.target as HTMLInputElement).value })}
        {...problems.control(name)}
      />
    </Field>
  );

  return (
    <section class="stack usage-page" aria-label={words.title}>
      <p class="muted">{words.hint}</p>
      <div class="row plays-filters">
        {dateField('from')}
        {dateField('to')}
        <div class="buttons" role="group" aria-label={words.periodPicksLabel}>
          {USAGE_PERIOD_PICKS.map((pick) => (
            <button key={pick} aria-pressed={pick === picked} onClick={() => setPeriod(periodOf(pick, Date.now()))}>
              {words.periodPicks[pick]}
            </button>
          ))}
        </div>
      </div>
      {needsSummary(t, error, ['from', 'to']) && <ErrorBox error={error} t={t} />}
      {summary && (
        <TableDownloads
          urlOf={(format) => api.usageExportUrl({ ...period, orgId }, format)}
          csv={words.exportCsv}
          xlsx={words.exportXlsx}
        />
      )}
      {!summary && !error && <p class="muted">{words.loading}</p>}
      {summary && (
        <>
          <nav class="usage-trail" aria-label={words.trail}>
            {summary.trail.map((step, index) => {
              const last = index === summary.trail.length - 1;
              return (
                <span key={step.id}>
                  {index > 0 && <span aria-hidden="true"> › </span>}
                  {last ? (
                    <strong aria-current="page">{step.name}</strong>
                  ) : (
                    <button class="link" onClick={() => setOrgId(step.id)}>
                      {step.name}
                    </button>
                  )}
                </span>
              );
            })}
          </nav>
          <Headline words={words} summary={summary} />
          <section class="editor" aria-labelledby="usage-trend">
            <h3 id="usage-trend">{words.trend}</h3>
            {trend && <EChart option={trend} label={words.chartOf(words.trend)} />}
          </section>
          {summary.children.length > 0 && (
            <section class="editor" aria-labelledby="usage-units">
              <h3 id="usage-units">{words.comparison}</h3>
              {comparison && (
                <EChart
                  option={comparison}
                  label={words.chartOf(words.comparison)}
                  onPick={(index) => setOrgId(summary.children[index]!.id)}
                />
              )}
              {grids.length > 0 && (
                <GridFiguresMap
                  grids={grids}
                  values={gridVisits}
                  label={words.mapOf(names.visit)}
                  format={(value) => (value === null ? '—' : value.toLocaleString())}
                  noFigure="—"
                  onPick={setOrgId}
                />
              )}
              <table class="usage-units">
                <thead>
                  <tr>
                    <th scope="col">{words.node}</th>
                    {[...CHART_KINDS, 'search-miss' as const].map((kind) => (
                      <th scope="col" key={kind}>
                        {names[kind]}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {summary.children.map((child) => (
                    <tr key={child.id}>
                      <th scope="row">
                        <button class="link" onClick={() => setOrgId(child.id)} aria-label={words.open(child.name)}>
                          {child.name}
                        </button>
                      </th>
                      {[...CHART_KINDS, 'search-miss' as const].map((kind) => (
                        <td key={kind}>{child.totals[kind]}</td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          )}
          <section class="editor" aria-labelledby="usage-top-guides">
            <h3 id="usage-top-guides">{words.topGuides}</h3>
            {summary.topGuides.length === 0 ? (
              <p class="muted">{words.nothing}</p>
            ) : (
              <ol class="usage-guides">
                {summary.topGuides.map((guide) => (
                  <li key={guide.id}>
                    {guide.title} <span class="muted">{guide.count}</span>
                  </li>
                ))}
              </ol>
            )}
          </section>
          {gaps && (
            <SearchGapsPanel
              words={words}
              t={t}
              gaps={gaps}
              canEdit={may('content.edit')}
              onAdded={() => setGapsRevision((n) => n + 1)}
            />
          )}
        </>
      )}
    </section>
  );
}

function Headline(props: { words: UsageWords; summary: UsageSummary }) {
  const { words, summary } = props;
  return (
    <dl class="usage-headline">
      {USAGE_HEADLINE_KINDS.map((kind) => {
        const now = summary.totals[kind];
        const change = changePercent(now, summary.previous.totals[kind]);
        return (
          <div key={kind} class="usage-figure" data-kind={kind}>
            <dt>{words.kinds[kind]}</dt>
            <dd>
              <span class="figure">{now.toLocaleString()}</span>
              <span class={`usage-change ${change !== null && change < 0 ? 'down' : ''}`}>{words.change(change)}</span>
            </dd>
          </div>
        );
      })}
      <div class="usage-figure" data-kind="uptime">
        <dt>{words.uptimeHours}</dt>
        <dd>
          <span class="figure">{Math.round(summary.totals['uptime-minutes'] / 60).toLocaleString()}</span>
        </dd>
      </div>
    </dl>
  );
}

function SearchGapsPanel(props: {
  words: UsageWords;
  t: AdminStrings;
  gaps: SearchGaps;
  canEdit: boolean;
  onAdded: () => void;
}) {
  const { words, gaps } = props;
  const [adding, setAdding] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  return (
    <section class="editor" aria-labelledby="usage-gaps">
      <h3 id="usage-gaps">{words.gaps}</h3>
      <p class="muted">{words.gapsHint}</p>
      {done && (
        <p class="ok" role="status">
          {done}
        </p>
      )}
      {gaps.misses.length === 0 ? (
        <p class="muted">{words.nothing}</p>
      ) : (
        <table class="usage-misses">
          <thead>
            <tr>
              <th scope="col">{words.query}</th>
              <th scope="col">{words.times}</th>
              {props.canEdit && <th scope="col" />}
            </tr>
          </thead>
          <tbody>
            {gaps.misses.map((miss) => (
              <tr key={miss.query}>
                <td>{miss.query}</td>
                <td>{miss.count}</td>
                {props.canEdit && (
                  <td>
                    {adding === miss.query ? (
                      <AliasPicker
                        words={words}
                        t={props.t}
                        alias={miss.query}
                        onCancel={() => setAdding(null)}
                        onAdded={(guide) => {
                          setAdding(null);
                          setDone(
                            guide.state === 'approved'
                              ? words.added(miss.query, guide.title)
                              : words.sentForReview(miss.query, guide.title),
                          );
                          props.onAdded();
                        }}
                      />
                    ) : (
                      <button onClick={() => setAdding(miss.query)}>{words.addAlias}</button>
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h4>{words.leastFound}</h4>
      <p class="muted">{words.leastFoundHint}</p>
      <ol class="usage-guides">
        {gaps.leastFound.map((guide) => (
          <li key={guide.id}>
            {guide.title} <span class="muted">{`${words.views} ${guide.count}`}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}

/** Finds the guide the words belong to (by its title, as the guides page finds them) and adds them. */
function AliasPicker(props: {
  words: UsageWords;
  t: AdminStrings;
  alias: string;
  onCancel: () => void;
  onAdded: (guide: { title: string; state: string }) => void;
}) {
  const { words } = props;
  const [text, setText] = useState('');
  const [found, setFound] = useState<Array<{ id: string; title: string }> | null>(null);
  const [error, setError] = useState<LinliError | null>(null);
  useEffect(() => {
    if (text.trim() === '') return setFound(null);
    let current = true;
    api.listGuides({ q: text.trim(), limit: 8 }).then(
      (list) => current && setFound(list.guides.map((guide) => ({ id: guide.id, title: guide.title }))),
      (caught: unknown) => current && setError(asError(caught)),
    );
    return () => {
      current = false;
    };
  }, [text]);
  const add = (id: string) =>
    api.addGuideAlias(id, props.alias).then(props.onAdded, (caught: unknown) => setError(asError(caught)));
  return (
    <div class="alias-picker stack">
      <label>
        {words.findGuide}
        <input
          type="search"
          value={text}
          autoFocus
          onInput={(event) => setText((event.target as HTMLInputElement).value)}
        />
      </label>
      {found && found.length === 0 && <p class="muted">{words.noGuideFound}</p>}
      {found && found.length > 0 && (
        <ul>
          {found.map((guide) => (
            <li key={guide.id}>
              <button onClick={() => void add(guide.id)}>{words.addTo(guide.title)}</button>
            </li>
          ))}
        </ul>
      )}
      {error && <ErrorBox error={error} t={props.t} />}
      <button onClick={props.onCancel}>{words.cancel}</button>
    </div>
  );
}
