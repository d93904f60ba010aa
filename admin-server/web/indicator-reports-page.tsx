/**
 * 数据填报: the reporting units of the user's subtree for a period with the state of their figures;
 * a unit's form (its indicators by category, each number beside its unit, mistakes beside the
 * field), saved as a draft and submitted; the level above approves or returns submitted figures
 * with a comment. Many units at once: the template to fill in Excel, and its import, checked whole
 * first (every problem by row and column), then submitted.
 */
import { useEffect, useState } from 'preact/hooks';
import {
  INDICATOR_CATEGORIES,
  INDICATOR_CATEGORY_NAMES,
  LinliError,
  type Indicator,
  type IndicatorReport,
  type Locale,
  type SessionView,
} from '@linli/protocol';
import { api } from './api';
import { ErrorBox, Field, fieldErrors, needsSummary } from './feedback';
import type { AdminStrings } from './i18n';
import { PeriodPicker } from './period-picker';
import { SheetImport } from './sheet-import';
import { periodName } from '@linli/protocol';
import { STATS_WORDS, lastPeriod, type StatsWords } from './stats-words';

const asError = (caught: unknown) =>
  caught instanceof LinliError ? caught : new LinliError('INTERNAL', String(caught));

export function IndicatorReportsPage(props: { t: AdminStrings; locale: Locale; session: SessionView }) {
  const words = STATS_WORDS[props.locale];
  const may = (permission: string) => props.session.permissions.includes(permission);
  const [period, setPeriod] = useState(() => lastPeriod('month', Date.now()));
  const [reports, setReports] = useState<IndicatorReport[] | null>(null);
  const [catalogue, setCatalogue] = useState<Indicator[]>([]);
  const [open, setOpen] = useState<IndicatorReport | null>(null);
  const [revision, setRevision] = useState(0);
  const [error, setError] = useState<LinliError | null>(null);

  useEffect(() => {
    void api.indicatorCatalogue().then(
      (loaded) => setCatalogue(loaded.indicators),
      (caught: unknown) => setError(asError(caught)),
    );
  }, []);
  useEffect(() => {
    let current = true;
    setReports(null);
    api.indicatorReports(period).then(
      (list) => current && setReports(list.reports),
      (caught: unknown) => current && setError(asError(caught)),
    );
    return () => {
      current = false;
    };
  }, [period, revision]);

  if (open)
    return (
      <ReportForm
        t={props.t}
        locale={props.locale}
        words={words}
        catalogue={catalogue}
        report={open}
        mayReport={may('stats.report')}
        mayReview={may('stats.review') && open.orgId !== props.session.orgId}
        onClose={() => {
          setOpen(null);
          setRevision((n) => n + 1);
        }}
      />
    );
  return (
    <section class="stack reports-page" aria-label={words.reportsTitle}>
      <PeriodPicker locale={props.locale} period={period} onChange={setPeriod} />
      {error && <ErrorBox error={error} t={props.t} />}
      {reports && reports.length === 0 && <p class="muted">{words.nothingToReport}</p>}
      {reports && reports.length > 0 && (
        <table class="reports">
          <thead>
            <tr>
              <th scope="col">{words.node}</th>
              <th scope="col">{words.state}</th>
              <th scope="col" />
            </tr>
          </thead>
          <tbody>
            {reports.map((report) => (
              <tr
                key={report.orgId}
                data-org={report.orgName}
                data-state={report.version === 0 ? 'none' : report.state}
              >
                <th scope="row">{report.orgName}</th>
                <td>{report.version === 0 ? words.notStarted : words.states[report.state]}</td>
                <td>
                  <button onClick={() => setOpen(report)} aria-label={`${words.fill} ${report.orgName}`}>
                    {report.state === 'submitted' && may('stats.review') && report.orgId !== props.session.orgId
                      ? words.approve
                      : words.fill}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {may('stats.report') && (
        <>
          <a class="button" href={api.indicatorTemplateUrl(period)} download>
            {words.template}
          </a>
          <SheetImport
            t={props.t}
            kind="indicator-reports"
            columns={words.importColumns}
            describe={words.importReport}
            onImported={() => setRevision((n) => n + 1)}
          />
        </>
      )}
    </section>
  );
}

function ReportForm(props: {
  t: AdminStrings;
  locale: Locale;
  words: StatsWords;
  catalogue: Indicator[];
  report: IndicatorReport;
  mayReport: boolean;
  mayReview: boolean;
  onClose: () => void;
}) {
  const { t, words } = props;
  const [report, setReport] = useState(props.report);
  const [draft, setDraft] = useState<Record<string, string>>(() =>
    Object.fromEntries(
      Object.entries(props.report.values).map(([id, value]) => [id, value === null ? '' : String(value)]),
    ),
  );
  const [comment, setComment] = useState('');
  const [error, setError] = useState<LinliError | null>(null);
  const [notice, setNotice] = useState('');
  const problems = fieldErrors(t, error, 'report');
  const indicators = props.catalogue.filter((indicator) => report.indicators.includes(indicator.id));
  const editable = props.mayReport && report.state !== 'submitted';
  const values = () =>
    Object.fromEntries(
      indicators.map((indicator) => {
        const text = (draft[indicator.id] ?? '').trim();
        return [indicator.id, text === '' ? null : Number(text)];
      }),
    );
  const act = (work: () => Promise<IndicatorReport>, said: string) =>
    work().then(
      (saved) => {
        setReport(saved);
        setError(null);
        setNotice(said);
      },
      (caught: unknown) => {
        setNotice('');
        setError(asError(caught));
      },
    );
  const save = () =>
    act(() => api.saveIndicatorReport(report.orgId, report.period, values(), report.version), words.saved);
  const submit = () =>
    act(async () => {
      const saved = await api.saveIndicatorReport(report.orgId, report.period, values(), report.version);
      return api.submitIndicatorReport(saved.orgId, saved.period);
    }, words.submitted);
  const review = (approve: boolean) =>
    act(
      () =>
        api.reviewIndicatorReport(
          report.orgId,
          report.period,
          { approve, ...(comment.trim() && { comment: comment.trim() }) },
          report.version,
        ),
      approve ? words.approved : words.returned,
    );
  return (
    <section class="stack report-form" aria-label={`${report.orgName} ${periodName(props.locale, report.period)}`}>
      <div class="row">
        <button onClick={props.onClose}>‹ {words.back}</button>
        <h3>
          {report.orgName} · {periodName(props.locale, report.period)} · {words.states[report.state]}
        </h3>
      </div>
      {report.reviewedBy && <p class="muted">{words.reviewedBy(report.reviewedBy, report.reviewComment)}</p>}
      {notice && (
        <p class="ok" role="status">
          {notice}
        </p>
      )}
      {needsSummary(
        t,
        error,
        indicators.map((indicator) => `values/${indicator.id}`),
      ) && <ErrorBox error={error} t={t} />}
      {INDICATOR_CATEGORIES.map((category) => {
        const inCategory = indicators.filter((indicator) => indicator.category === category);
        if (inCategory.length === 0) return null;
        return (
          <fieldset key={category} class="report-category">
            <legend>{INDICATOR_CATEGORY_NAMES[props.locale][category]}</legend>
            {inCategory.map((indicator) => (
              <Field
                key={indicator.id}
                label={`${indicator.name}（${indicator.unit}）`}
                note={problems.note(`values/${indicator.id}`)}
              >
                <input
                  type="number"
                  name={indicator.id}
                  min={0}
                  step={indicator.decimals === 0 ? 1 : 10 ** -indicator.decimals}
                  value={draft[indicator.id] ?? ''}
                  disabled={!editable}
                  onInput={(event) => setDraft({ ...draft, [indicator.id]: (event.target as HTMLInputElement).value })}
                  {...problems.control(`values/${indicator.id}`)}
                />
              </Field>
            ))}
          </fieldset>
        );
      })}
      {editable && (
        <div class="buttons">
          <button onClick={() => void save()}>{words.save}</button>
          <button class="primary" onClick={() => void submit()}>
            {words.submit}
          </button>
        </div>
      )}
      {props.mayReview && report.state === 'submitted' && (
        <div class="editor stack">
          <Field label={words.comment}>
            <input
              value={comment}
              maxLength={200}
              onInput={(event) => setComment((event.target as HTMLInputElement).value)}
            />
          </Field>
          <div class="buttons">
            <button class="primary" onClick={() => void review(true)}>
              {words.approve}
            </button>
            <button onClick={() => void review(false)}>{words.returnIt}</button>
          </div>
        </div>
      )}
    </section>
  );
}
