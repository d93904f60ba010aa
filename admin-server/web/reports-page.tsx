/**
 * 统计报表: the one-click monthly report of the user's unit (PDF, Excel, CSV), the reports saved at
 * their node and below (opened, downloaded, deleted; the months a monthly report kept), and the
 * builder — source, measures, rows, period, unit, filters, order, chart, monthly — previewed as
 * the chart and table the downloads hold, saved by name, each mistake beside its field.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import {
  INDICATOR_CATEGORIES,
  INDICATOR_CATEGORY_NAMES,
  LinliError,
  REPORT_CHARTS,
  REPORT_FORMATS,
  REPORT_PERIODS,
  REPORT_ROWS,
  REPORT_SORTS,
  REPORT_SOURCES,
  USAGE_KINDS,
  USAGE_KIND_NAMES,
  periodName,
  previousPeriod,
  reportChartOption,
  type Indicator,
  type Locale,
  type OrgNode,
  type ReportDefinition,
  type ReportDocument,
  type ReportSection,
  type SavedReport,
  type SessionView,
} from '@linli/protocol';
import { api } from './api';
import { EChart } from './echart';
import { ErrorBox, Field, RadioChoices, fieldErrors, needsSummary } from './feedback';
import type { AdminStrings } from './i18n';
import { REPORT_PAGE_WORDS, firstMeasures, newReport, toggleMeasure, type ReportWords } from './report-words';

const asError = (caught: unknown) =>
  caught instanceof LinliError ? caught : new LinliError('INTERNAL', String(caught));

/** This month in Beijing as 2026-12. */
const beijingMonth = (now: number) => new Date(now + 8 * 3600_000).toISOString().slice(0, 7);

export function ReportsPage(props: { t: AdminStrings; locale: Locale; session: SessionView }) {
  const { t, locale } = props;
  /** Saving and deleting shared reports is for those who report figures; everyone here may run and download them. */
  const mayEdit = props.session.permissions.includes('stats.report');
  const words = REPORT_PAGE_WORDS[locale];
  const [saved, setSaved] = useState<SavedReport[] | null>(null);
  const [listError, setListError] = useState<LinliError | null>(null);
  const [revision, setRevision] = useState(0);
  const [editing, setEditing] = useState<SavedReport | null>(null);
  const [draft, setDraft] = useState<ReportDefinition>(() => newReport(words.defaultName));
  const [nodes, setNodes] = useState<OrgNode[]>([]);
  const [catalogue, setCatalogue] = useState<Indicator[]>([]);
  /** Counts the reports opened (and new ones begun), so the builder starts afresh for each but not on a save. */
  const [opened, setOpened] = useState(0);

  useEffect(() => {
    let current = true;
    api.reports().then(
      (list) => current && (setSaved(list.reports), setListError(null)),
      (caught: unknown) => current && setListError(asError(caught)),
    );
    return () => {
      current = false;
    };
  }, [revision]);
  useEffect(() => {
    api.orgTree().then(
      (tree) =>
        setNodes(
          tree.nodes.slice(
            Math.max(
              0,
              tree.nodes.findIndex((node) => node.id === tree.rootId),
            ),
          ),
        ),
      () => setNodes([]),
    );
    api.indicatorCatalogue().then(
      (loaded) => setCatalogue(loaded.indicators),
      () => setCatalogue([]),
    );
  }, []);

  const open = (report: SavedReport) => {
    setEditing(report);
    setDraft(report.definition);
    setOpened((n) => n + 1);
  };
  const remove = (report: SavedReport) => {
    if (!confirm(words.confirmRemove(report.definition.name))) return;
    api.deleteReport(report.id).then(
      () => {
        if (editing?.id === report.id) setEditing(null);
        setRevision((n) => n + 1);
      },
      (caught: unknown) => setListError(asError(caught)),
    );
  };

  return (
    <section class="stack reports-page" aria-label={t.reports}>
      <p class="muted">{words.hint}</p>
      <MonthlyReport words={words} locale={locale} nodes={nodes} />
      <section class="editor" aria-labelledby="reports-saved">
        <h3 id="reports-saved">{words.savedTitle}</h3>
        {listError && <ErrorBox error={listError} t={t} />}
        {saved && saved.length === 0 && <p class="muted">{words.noneSaved}</p>}
        {saved && saved.length > 0 && (
          <ul class="saved-reports">
            {saved.map((report) => (
              <li key={report.id} class="saved-report">
                <div>
                  <strong>{report.definition.name}</strong>{' '}
                  {report.definition.monthly && <span class="badge">{words.monthlyBadge}</span>}
                  <span class="muted">
                    {' '}
                    {report.orgName} · {words.sources[report.definition.source]} ·{' '}
                    {words.periods[report.definition.period]} ·{' '}
                    {words.updated(report.updatedBy, report.updatedAt.slice(0, 10))}
                  </span>
                </div>
                <div class="buttons">
                  <button onClick={() => open(report)}>{words.open}</button>
                  {REPORT_FORMATS.map((format) => (
                    <a key={format} class="button" href={api.reportExportUrl(report.id, format, locale)} download>
                      {words.download(format)}
                    </a>
                  ))}
                  {mayEdit && (
                    <button class="danger" onClick={() => remove(report)}>
                      {words.remove}
                    </button>
                  )}
                </div>
                {report.runs.length > 0 && (
                  <div class="report-runs">
                    <span class="muted">{words.kept}：</span>
                    {report.runs.map((run) => (
                      <span key={run.period} class="report-run">
                        {periodName(locale, run.period)}{' '}
                        {(['pdf', 'xlsx'] as const).map((format) => (
                          <a key={format} href={api.keptReportUrl(report.id, run.period, format)} download>
                            {format.toUpperCase()}
                          </a>
                        ))}
                      </span>
                    ))}
                  </div>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
      <ReportBuilder
        key={opened}
        t={t}
        words={words}
        locale={locale}
        nodes={nodes}
        catalogue={catalogue}
        mayEdit={mayEdit}
        editing={editing}
        draft={draft}
        onDraft={setDraft}
        onNew={() => {
          setEditing(null);
          setDraft(newReport(words.defaultName));
          setOpened((n) => n + 1);
        }}
        onSaved={(report) => {
          setEditing(report);
          setDraft(report.definition);
          setRevision((n) => n + 1);
        }}
      />
    </section>
  );
}

function MonthlyReport(props: { words: ReportWords; locale: Locale; nodes: OrgNode[] }) {
  const { words, locale } = props;
  const [month, setMonth] = useState(() => previousPeriod(beijingMonth(Date.now())));
  const [orgId, setOrgId] = useState<number | undefined>(undefined);
  return (
    <section class="editor" aria-labelledby="reports-monthly">
      <h3 id="reports-monthly">{words.monthlyTitle}</h3>
      <p class="muted">{words.monthlyHint}</p>
      <div class="row">
        <Field label={words.month}>
          <input
            type="month"
            name="month"
            value={month}
            max={beijingMonth(Date.now())}
            onInput={(event) => setMonth((event.target as HTMLInputElement).value)}
          />
        </Field>
        <UnitSelect words={words} nodes={props.nodes} value={orgId} onChange={setOrgId} name="monthly-unit" />
        <div class="buttons">
          {REPORT_FORMATS.map((format) => (
            <a
              key={format}
              class="button"
              href={/^\d{4}-\d{2}$/.test(month) ? api.monthlyReportUrl(month, orgId, format, locale) : undefined}
              download
            >
              {words.download(format)}
            </a>
          ))}
        </div>
      </div>
    </section>
  );
}

/** The user's node and those below it, indented by depth. */
function UnitSelect(props: {
  words: ReportWords;
  nodes: OrgNode[];
  value: number | undefined;
  onChange: (id: number) => void;
  name: string;
  note?: preact.ComponentChildren;
  aria?: Record<string, string>;
}) {
  const depth = useMemo(() => {
    const depths = new Map<number, number>();
    for (const node of props.nodes)
      depths.set(node.id, node.parentId === null ? 0 : (depths.get(node.parentId) ?? -1) + 1);
    return depths;
  }, [props.nodes]);
  return (
    <Field label={props.words.unit} note={props.note}>
      <select
        name={props.name}
        value={String(props.value ?? props.nodes[0]?.id ?? '')}
        onChange={(event) => props.onChange(Number((event.target as HTMLSelectElement).value))}
        {...props.aria}
      >
        {props.nodes.map((node) => (
          <option key={node.id} value={String(node.id)}>
            {`${'　'.repeat(Math.max(0, (depth.get(node.id) ?? 0) - (depth.get(props.nodes[0]!.id) ?? 0)))}${node.name}`}
          </option>
        ))}
      </select>
    </Field>
  );
}

function ReportBuilder(props: {
  t: AdminStrings;
  words: ReportWords;
  locale: Locale;
  nodes: OrgNode[];
  catalogue: Indicator[];
  mayEdit: boolean;
  editing: SavedReport | null;
  draft: ReportDefinition;
  onDraft: (draft: ReportDefinition) => void;
  onNew: () => void;
  onSaved: (report: SavedReport) => void;
}) {
  const { t, words, locale, draft } = props;
  const [preview, setPreview] = useState<ReportDocument | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<LinliError | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const set = (change: Partial<ReportDefinition>) => {
    setDone(null);
    props.onDraft({ ...draft, ...change });
  };
  const setFilters = (change: Partial<ReportDefinition['filters']>) => {
    const filters: ReportDefinition['filters'] = { ...draft.filters, ...change };
    for (const key of Object.keys(filters) as Array<keyof typeof filters>)
      if (filters[key] === undefined) delete filters[key];
    set({ filters });
  };
  // The request's schema names the definition's fields under body/definition; the form's fields are those.
  const shown = error && definitionPaths(error);
  const problems = fieldErrors(t, shown, 'report');
  const measureNames = (id: string) =>
    draft.source === 'usage'
      ? (USAGE_KIND_NAMES[locale][id as (typeof USAGE_KINDS)[number]] ?? id)
      : (props.catalogue.find((indicator) => indicator.id === id)?.name ?? id);

  const run = () => {
    setBusy(true);
    api.previewReport(draft, locale).then(
      (document) => {
        setPreview(document);
        setError(null);
        setBusy(false);
      },
      (caught: unknown) => {
        setError(asError(caught));
        setBusy(false);
      },
    );
  };
  const save = (asNew: boolean) => {
    const id = asNew ? undefined : props.editing?.id;
    api.saveReport(id, draft, props.editing?.version ?? 0).then(
      (report) => {
        setError(null);
        setDone(words.saved(report.definition.name));
        props.onSaved(report);
      },
      (caught: unknown) => setError(asError(caught)),
    );
  };
  const units = preview?.sections[0]?.rows.filter((row) => row.orgId !== undefined) ?? [];

  return (
    <section class="editor report-builder" aria-labelledby="report-builder">
      <h3 id="report-builder">{words.builderTitle(props.editing?.definition.name ?? null)}</h3>
      {props.editing && (
        <div class="buttons">
          <button onClick={props.onNew}>{words.newReport}</button>
        </div>
      )}
      <div class="row">
        <Field label={words.name} note={problems.note('name')}>
          <input
            name="name"
            value={draft.name}
            maxLength={60}
            onInput={(event) => set({ name: (event.target as HTMLInputElement).value })}
            {...problems.control('name')}
          />
        </Field>
        <UnitSelect
          words={words}
          nodes={props.nodes}
          value={draft.orgId}
          onChange={(orgId) => set({ orgId })}
          name="orgId"
          note={problems.note('orgId')}
          aria={problems.control('orgId') as Record<string, string>}
        />
      </div>
      <RadioChoices
        name="source"
        legend={words.source}
        options={REPORT_SOURCES}
        words={words.sources}
        value={draft.source}
        onChange={(source) =>
          set({
            source,
            measures: firstMeasures(
              source,
              props.catalogue.map((indicator) => indicator.id),
            ),
            filters: {},
          })
        }
        problems={problems}
      />
      <fieldset class="choices report-measures" {...problems.control('measures', true)}>
        <legend>{words.measures}</legend>
        {draft.source === 'usage'
          ? USAGE_KINDS.map((kind) => (
              <MeasureBox key={kind} id={kind} name={USAGE_KIND_NAMES[locale][kind]} draft={draft} onDraft={set} />
            ))
          : INDICATOR_CATEGORIES.map((category) => {
              const inCategory = props.catalogue.filter((indicator) => indicator.category === category);
              if (inCategory.length === 0) return null;
              return (
                <div key={category} class="measure-group">
                  <span class="muted">{INDICATOR_CATEGORY_NAMES[locale][category]}</span>
                  {inCategory.map((indicator) => (
                    <MeasureBox
                      key={indicator.id}
                      id={indicator.id}
                      name={indicator.name}
                      draft={draft}
                      onDraft={set}
                    />
                  ))}
                </div>
              );
            })}
        {problems.note('measures', true)}
      </fieldset>
      <div class="row">
        <RadioChoices
          name="rows"
          legend={words.rows}
          options={REPORT_ROWS}
          words={words.rowChoices}
          value={draft.rows}
          onChange={(rows) => set({ rows })}
          problems={problems}
        />
        <Field label={words.period} note={problems.note('period')}>
          <select
            name="period"
            value={draft.period}
            onChange={(event) =>
              set({ period: (event.target as HTMLSelectElement).value as ReportDefinition['period'] })
            }
          >
            {REPORT_PERIODS.map((period) => (
              <option key={period} value={period}>
                {words.periods[period]}
              </option>
            ))}
          </select>
        </Field>
        {draft.period === 'custom' &&
          (['from', 'to'] as const).map((end) => (
            <Field key={end} label={words[end]} note={problems.note(end)}>
              <input
                type="date"
                name={end}
                value={draft[end] ?? ''}
                onInput={(event) => set({ [end]: (event.target as HTMLInputElement).value || undefined })}
                {...problems.control(end)}
              />
            </Field>
          ))}
      </div>
      <fieldset class="choices">
        <legend>{words.filters}</legend>
        <label class="inline">
          <input
            type="checkbox"
            name="hideEmpty"
            checked={draft.filters.hideEmpty === true}
            onChange={(event) => setFilters({ hideEmpty: (event.target as HTMLInputElement).checked || undefined })}
          />
          {words.hideEmpty}
        </label>
        <div class="row">
          <Field label={words.atLeast} note={problems.note('filters/atLeast', true)}>
            <select
              name="atLeastMeasure"
              value={draft.filters.atLeast?.measure ?? ''}
              onChange={(event) => {
                const measure = (event.target as HTMLSelectElement).value;
                setFilters({
                  atLeast: measure === '' ? undefined : { measure, value: draft.filters.atLeast?.value ?? 0 },
                });
              }}
              {...problems.control('filters/atLeast', true)}
            >
              <option value="">{words.noThreshold}</option>
              {draft.measures.map((measure) => (
                <option key={measure} value={measure}>
                  {measureNames(measure)}
                </option>
              ))}
            </select>
          </Field>
          {draft.filters.atLeast && (
            <input
              type="number"
              name="atLeastValue"
              aria-label={words.atLeast}
              value={draft.filters.atLeast.value}
              onInput={(event) =>
                setFilters({
                  atLeast: { ...draft.filters.atLeast!, value: Number((event.target as HTMLInputElement).value) },
                })
              }
            />
          )}
        </div>
        {draft.rows === 'units' && units.length > 0 && (
          <div class="report-units">
            <span>{words.onlyUnits}</span>
            {units.map((row) => {
              const picked = draft.filters.units ?? [];
              return (
                <label key={row.orgId} class="inline">
                  <input
                    type="checkbox"
                    checked={picked.includes(row.orgId!)}
                    onChange={() => {
                      const next = picked.includes(row.orgId!)
                        ? picked.filter((id) => id !== row.orgId)
                        : [...picked, row.orgId!];
                      setFilters({ units: next.length > 0 ? next : undefined });
                    }}
                  />
                  {row.label}
                </label>
              );
            })}
          </div>
        )}
      </fieldset>
      <div class="row">
        <RadioChoices
          name="sort"
          legend={words.sort}
          options={REPORT_SORTS}
          words={words.sorts}
          value={draft.sort}
          onChange={(sort) => set({ sort })}
          problems={problems}
        />
        <RadioChoices
          name="chart"
          legend={words.chart}
          options={REPORT_CHARTS}
          words={words.charts}
          value={draft.chart}
          onChange={(chart) => set({ chart })}
          problems={problems}
        />
      </div>
      {props.mayEdit && (
        <label class="inline">
          <input
            type="checkbox"
            name="monthly"
            checked={draft.monthly}
            onChange={(event) => set({ monthly: (event.target as HTMLInputElement).checked })}
          />
          {words.monthly} <span class="muted">{words.monthlyNote}</span>
        </label>
      )}
      {needsSummary(t, shown, [
        'name',
        'orgId',
        'source',
        'measures',
        'rows',
        'period',
        'from',
        'to',
        'filters/atLeast/measure',
      ]) && <ErrorBox error={shown} t={t} />}
      {done && (
        <p class="ok" role="status">
          {done}
        </p>
      )}
      <div class="buttons">
        <button onClick={run} disabled={busy}>
          {busy ? words.previewing : words.preview}
        </button>
        {props.mayEdit && (
          <button class="primary" onClick={() => save(false)}>
            {words.save}
          </button>
        )}
        {props.mayEdit && props.editing && <button onClick={() => save(true)}>{words.saveAsNew}</button>}
      </div>
      {preview && <ReportView words={words} document={preview} />}
    </section>
  );
}

function MeasureBox(props: {
  id: string;
  name: string;
  draft: ReportDefinition;
  onDraft: (change: Partial<ReportDefinition>) => void;
}) {
  return (
    <label class="inline">
      <input
        type="checkbox"
        name="measure"
        value={props.id}
        checked={props.draft.measures.includes(props.id)}
        onChange={() => props.onDraft(toggleMeasure(props.draft, props.id))}
      />
      {props.name}
    </label>
  );
}

/** A document as the downloads hold it: the title, then each section's chart and table. */
function ReportView(props: { words: ReportWords; document: ReportDocument }) {
  const { document } = props;
  return (
    <article class="report-view" aria-label={document.title}>
      <h4>{document.title}</h4>
      <p class="muted">{document.subtitle}</p>
      {document.sections.map((section, index) => (
        <SectionView key={index} words={props.words} section={section} />
      ))}
    </article>
  );
}

function SectionView(props: { words: ReportWords; section: ReportSection }) {
  const { section } = props;
  const option = useMemo(() => reportChartOption(section), [section]);
  const rows = section.total ? [...section.rows, section.total] : section.rows;
  return (
    <section class="report-section">
      {option && <EChart option={option} label={props.words.chartOf(section.heading)} height={320} />}
      {section.rows.length === 0 && <p class="muted">{props.words.noRows}</p>}
      <table class="report-table">
        <thead>
          <tr>
            <th scope="col">{section.rowHeader}</th>
            {section.columns.map((column) => (
              <th scope="col" key={column.id}>
                {column.name}
                {column.unit && <span class="muted">（{column.unit}）</span>}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => (
            <tr key={`${row.label}-${index}`} class={row === section.total ? 'total' : undefined}>
              <th scope="row">{row.label}</th>
              {row.values.map((value, column) => (
                <td key={column}>{value === null ? '—' : value.toLocaleString()}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** The error with its details' paths as the definition's own (body/definition/name → /name). */
function definitionPaths(error: LinliError): LinliError {
  if (!error.details) return error;
  return new LinliError(
    error.code,
    error.message,
    error.details.map((detail) => ({ ...detail, path: detail.path.replace(/^(?:body)?\/definition(?=\/)/, '') })),
  );
}
