/**
 * 统计查询: the community statistics of the user's subtree for a period — every indicator of a
 * category (or all nine), the node's total and each unit one level down side by side; a unit's name
 * opens its own figures (district → street → community → grid), the trail leads back; an
 * indicator's name draws the units below as bars. Figures come from approved reports only, and the
 * page says how many of the units that report have them.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import {
  INDICATOR_CATEGORIES,
  INDICATOR_CATEGORY_NAMES,
  LinliError,
  type IndicatorCategory,
  type IndicatorFigures,
  type Locale,
} from '@linli/protocol';
import { api } from './api';
import { EChart } from './echart';
import { TableDownloads } from './table-downloads';
import { ErrorBox } from './feedback';
import type { AdminStrings } from './i18n';
import { PeriodPicker } from './period-picker';
import { previousPeriod } from '@linli/protocol';
import { STATS_WORDS, lastPeriod, type StatsWords } from './stats-words';
import { unitBarsOption } from './usage-charts';
import { GridFiguresMap, useGridsOf } from './grid-figures-map';

export function IndicatorFiguresPage(props: { t: AdminStrings; locale: Locale }) {
  const words = STATS_WORDS[props.locale];
  const categoryNames = INDICATOR_CATEGORY_NAMES[props.locale];
  const [period, setPeriod] = useState(() => lastPeriod('month', Date.now()));
  const [orgId, setOrgId] = useState<number | undefined>(undefined);
  const [category, setCategory] = useState<IndicatorCategory | ''>('population');
  const [figures, setFigures] = useState<IndicatorFigures | null>(null);
  /** The period before, to compare with (its totals only). */
  const [before, setBefore] = useState<IndicatorFigures | null>(null);
  const [chosen, setChosen] = useState<string | null>(null);
  const [error, setError] = useState<LinliError | null>(null);

  useEffect(() => {
    let current = true;
    setFigures(null);
    setBefore(null);
    const scope = { ...(orgId && { orgId }), ...(category && { category }) };
    api.indicatorFigures({ period: previousPeriod(period), ...scope }).then(
      (loaded) => current && setBefore(loaded),
      () => undefined,
    );
    api.indicatorFigures({ period, ...scope }).then(
      (loaded) => {
        if (!current) return;
        setFigures(loaded);
        setError(null);
      },
      (caught: unknown) =>
        current && setError(caught instanceof LinliError ? caught : new LinliError('INTERNAL', String(caught))),
    );
    return () => {
      current = false;
    };
  }, [period, orgId, category]);

  const format = (value: number | null | undefined, decimals: number) =>
    value === null || value === undefined
      ? words.noFigure
      : value.toLocaleString(props.locale, { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
  const chosenIndicator = figures?.indicators.find((indicator) => indicator.id === chosen);
  const chart = useMemo(
    () =>
      figures &&
      chosenIndicator &&
      figures.children.length > 0 &&
      unitBarsOption(
        figures.children.map((child) => ({ name: child.name, value: child.values[chosenIndicator.id] ?? null })),
        chosenIndicator.name,
      ),
    [figures, chosen],
  );
  // The units below are grids: the picked indicator on their map too.
  const byGrid = figures?.children.some((child) => child.level === 'grid') ?? false;
  const grids = useGridsOf(byGrid ? figures!.children.map((child) => child.id) : []);
  const gridValues = useMemo(
    () =>
      new Map(
        (figures?.children ?? []).map((child) => [
          child.id,
          chosenIndicator ? (child.values[chosenIndicator.id] ?? null) : null,
        ]),
      ),
    [figures, chosen],
  );
  const groups = figures
    ? INDICATOR_CATEGORIES.map((name) => ({
        name,
        indicators: figures.indicators.filter((indicator) => indicator.category === name),
      })).filter((group) => group.indicators.length > 0)
    : [];

  return (
    <section class="stack figures-page" aria-label={words.figuresTitle}>
      <div class="row">
        <PeriodPicker locale={props.locale} period={period} onChange={setPeriod} />
        <label>
          {words.category}
          <select
            value={category}
            onChange={(event) => setCategory((event.target as HTMLSelectElement).value as IndicatorCategory | '')}
          >
            <option value="">{words.allCategories}</option>
            {INDICATOR_CATEGORIES.map((name) => (
              <option key={name} value={name}>
                {categoryNames[name]}
              </option>
            ))}
          </select>
        </label>
      </div>
      {error && <ErrorBox error={error} t={props.t} />}
      {figures && (
        <>
          <nav class="usage-trail" aria-label={words.trail}>
            {figures.trail.map((step, index) => (
              <span key={step.id}>
                {index > 0 && <span aria-hidden="true"> › </span>}
                {index === figures.trail.length - 1 ? (
                  <strong aria-current="page">{step.name}</strong>
                ) : (
                  <button class="link" onClick={() => setOrgId(step.id)}>
                    {step.name}
                  </button>
                )}
              </span>
            ))}
          </nav>
          <TableDownloads
            urlOf={(format) =>
              api.indicatorFiguresExportUrl({ period, ...(orgId && { orgId }), ...(category && { category }) }, format)
            }
            csv={words.exportCsv}
            xlsx={words.exportXlsx}
          />
          <p class="muted" data-coverage>
            {words.coverage(figures.coverage.approved, figures.coverage.expected)}
          </p>
          {chart && chosenIndicator && (
            <section class="editor" aria-label={words.chartOf(chosenIndicator.name)}>
              <EChart option={chart} label={words.chartOf(chosenIndicator.name)} height={240} />
              {grids.length > 0 && (
                <GridFiguresMap
                  grids={grids}
                  values={gridValues}
                  label={words.mapOf(chosenIndicator.name)}
                  format={(value) =>
                    value === null
                      ? words.noFigure
                      : `${format(value, chosenIndicator.decimals)} ${chosenIndicator.unit}`
                  }
                  noFigure={words.noFigure}
                  onPick={setOrgId}
                />
              )}
            </section>
          )}
          <div class="table-scroll">
            <table class="figures">
              <caption class="muted">{words.pickIndicator}</caption>
              <thead>
                <tr>
                  <th scope="col">{words.indicator}</th>
                  <th scope="col">{words.unit}</th>
                  <th scope="col">{words.total}</th>
                  <th scope="col">{words.previousTotal}</th>
                  {figures.children.map((child) => (
                    <th scope="col" key={child.id}>
                      <button class="link" onClick={() => setOrgId(child.id)} aria-label={words.open(child.name)}>
                        {child.name}
                      </button>
                    </th>
                  ))}
                </tr>
              </thead>
              {groups.map((group) => (
                <tbody key={group.name}>
                  {!category && (
                    <tr class="figures-category">
                      <th scope="rowgroup" colSpan={4 + figures.children.length}>
                        {categoryNames[group.name]}
                      </th>
                    </tr>
                  )}
                  {group.indicators.map((indicator) => (
                    <tr key={indicator.id} data-indicator={indicator.id} aria-selected={indicator.id === chosen}>
                      <th scope="row">
                        <button class="link" onClick={() => setChosen(indicator.id)}>
                          {indicator.name}
                        </button>
                        {indicator.formula && <span class="badge">{words.derived}</span>}
                      </th>
                      <td>{indicator.unit}</td>
                      <td class="figure-total">{format(figures.values[indicator.id], indicator.decimals)}</td>
                      <td class="figure-before">
                        {format(before?.values[indicator.id], indicator.decimals)}
                        <ChangeNote
                          words={words}
                          now={figures.values[indicator.id]}
                          before={before?.values[indicator.id]}
                        />
                      </td>
                      {figures.children.map((child) => (
                        <td key={child.id}>{format(child.values[indicator.id], indicator.decimals)}</td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              ))}
            </table>
          </div>
        </>
      )}
    </section>
  );
}

/** The change from the period before, when both are known and the one before is not nought. */
function ChangeNote(props: { words: StatsWords; now: number | null | undefined; before: number | null | undefined }) {
  const { now, before } = props;
  if (typeof now !== 'number' || typeof before !== 'number' || before === 0) return null;
  const percent = Math.round(((now - before) / before) * 1000) / 10;
  return <span class={`usage-change ${percent < 0 ? 'down' : ''}`}> {props.words.change(percent)}</span>;
}
