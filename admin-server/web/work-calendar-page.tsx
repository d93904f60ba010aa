/**
 * 工作日历 (system administrators): the working-day calendar case limits count in, by year. A year
 * shipped with the system can be corrected, a new year entered when the State Council announces it
 * (its holidays and 调休 make-up workdays), and an edit dropped. The months beside the form show how
 * the draft counts before it is saved; the server's mistakes show beside the row they concern.
 */
import { useEffect, useState } from 'preact/hooks';
import { LinliError, type Locale, type WorkCalendarEntry, type WorkCalendarYear } from '@linli/protocol';
import { api } from './api';
import { localMinute } from './datetime-input';
import { ErrorBox, Field, useActions } from './feedback';
import { fieldProblems, type AdminStrings } from './i18n';
import { WORK_CALENDAR_WORDS, calendarProblem, yearDays } from './work-calendar-words';

type Words = (typeof WORK_CALENDAR_WORDS)[Locale];

function YearMonths(props: { words: Words; draft: WorkCalendarYear }) {
  const { words, draft } = props;
  const { months, workingDays } = yearDays(draft);
  return (
    <section class="calendar-year" aria-label={`${draft.year}`}>
      <p>
        <strong data-working-days={workingDays}>{words.workingDays(workingDays)}</strong>{' '}
        {(['off', 'makeUp', 'weekend'] as const).map((kind) => (
          <span key={kind} class={`day-kind day-${kind}`}>
            {words.kinds[kind]}
          </span>
        ))}
      </p>
      <div class="calendar-months">
        {months.map((month) => (
          <table key={month.month} class="calendar-month">
            <caption>{words.months[month.month - 1]}</caption>
            <thead>
              <tr>
                {words.weekdays.map((day) => (
                  <th key={day}>{day}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {Array.from({ length: Math.ceil((month.lead + month.days.length) / 7) }, (_, week) => (
                <tr key={week}>
                  {Array.from({ length: 7 }, (_, weekday) => {
                    const day = month.days[week * 7 + weekday - month.lead];
                    if (!day) return <td key={weekday} />;
                    return (
                      <td
                        key={weekday}
                        class={`day-${day.kind}`}
                        data-date={day.date}
                        title={day.holiday ? `${day.holiday} · ${words.kinds[day.kind]}` : words.kinds[day.kind]}
                      >
                        {day.day}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        ))}
      </div>
    </section>
  );
}

function YearForm(props: {
  t: AdminStrings;
  words: Words;
  entry: WorkCalendarEntry;
  onSaved: (entry: WorkCalendarEntry) => void;
  onDropped: () => void;
}) {
  const { t, words, entry } = props;
  const [draft, setDraft] = useState<WorkCalendarYear>(entry.calendar);
  const [error, setError] = useState<LinliError | null>(null);
  const year = draft.year;
  const problems = fieldProblems(t, error).map((p) => ({ ...p, problem: calendarProblem(words, p.problem) }));
  const problemAt = (path: string, nested = false) => {
    const found = problems.filter((p) => p.path === path || (nested && p.path.startsWith(`${path}/`)));
    return found.length === 0 ? null : (
      <span class="field-error" role="alert">
        {found.map((p) => p.problem).join(t.errors.separator)}
      </span>
    );
  };
  const invalid = (path: string) => (problems.some((p) => p.path === path) ? { 'aria-invalid': 'true' as const } : {});
  const change = (next: Partial<WorkCalendarYear>) => setDraft({ ...draft, ...next });
  const setHoliday = (index: number, field: 'name' | 'from' | 'to', value: string) =>
    change({ holidays: draft.holidays.map((h, at) => (at === index ? { ...h, [field]: value } : h)) });

  const save = async (event: Event) => {
    event.preventDefault();
    setError(null);
    try {
      props.onSaved(await api.saveWorkCalendar(draft, entry.version));
    } catch (caught) {
      setError(caught instanceof LinliError ? caught : new LinliError('INTERNAL', String(caught)));
    }
  };
  const drop = async () => {
    if (!confirm(entry.hasShipped ? words.confirmRevert(year) : words.confirmDrop(year))) return;
    try {
      await api.revertWorkCalendar(year);
      props.onDropped();
    } catch (caught) {
      setError(caught instanceof LinliError ? caught : new LinliError('INTERNAL', String(caught)));
    }
  };

  return (
    <div class="work-calendar">
      <form class="editor stack" onSubmit={save} aria-label={`${year}`}>
        {error && !error.details?.length && <ErrorBox error={error} t={t} />}
        {problemAt('year')}
        <Field label={words.source} note={problemAt('source')}>
          <input
            name="source"
            value={draft.source}
            placeholder={words.sourceHint}
            maxLength={200}
            onInput={(e) => change({ source: (e.target as HTMLInputElement).value })}
            {...invalid('source')}
          />
        </Field>
        <fieldset>
          <legend>{words.holidays}</legend>
          <table class="holiday-rows">
            <thead>
              <tr>
                <th>{words.holidayName}</th>
                <th>{words.from}</th>
                <th>{words.to}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {draft.holidays.map((holiday, index) => (
                <tr key={index} data-holiday={index}>
                  <td>
                    <input
                      name={`holiday-${index}-name`}
                      aria-label={words.holidayName}
                      value={holiday.name}
                      maxLength={20}
                      onInput={(e) => setHoliday(index, 'name', (e.target as HTMLInputElement).value)}
                      {...invalid(`holidays/${index}/name`)}
                    />
                    {problemAt(`holidays/${index}/name`)}
                    {problemAt(`holidays/${index}`)}
                  </td>
                  {(['from', 'to'] as const).map((field) => (
                    <td key={field}>
                      <input
                        type="date"
                        name={`holiday-${index}-${field}`}
                        aria-label={words[field]}
                        value={holiday[field]}
                        min={`${year}-01-01`}
                        max={`${year}-12-31`}
                        onInput={(e) => setHoliday(index, field, (e.target as HTMLInputElement).value)}
                        {...invalid(`holidays/${index}/${field}`)}
                      />
                      {problemAt(`holidays/${index}/${field}`)}
                    </td>
                  ))}
                  <td>
                    <button
                      type="button"
                      onClick={() => change({ holidays: draft.holidays.filter((_, at) => at !== index) })}
                    >
                      {words.remove}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <button
            type="button"
            onClick={() => change({ holidays: [...draft.holidays, { name: '', from: '', to: '' }] })}
          >
            {words.addHoliday}
          </button>
        </fieldset>
        <fieldset>
          <legend>
            {words.makeUpDays} <span class="muted">{words.makeUpHint}</span>
          </legend>
          <ul class="make-up-rows">
            {draft.makeUpWorkdays.map((date, index) => (
              <li key={index} data-make-up={index}>
                <input
                  type="date"
                  name={`make-up-${index}`}
                  aria-label={words.makeUpDays}
                  value={date}
                  min={`${year}-01-01`}
                  max={`${year}-12-31`}
                  onInput={(e) =>
                    change({
                      makeUpWorkdays: draft.makeUpWorkdays.map((d, at) =>
                        at === index ? (e.target as HTMLInputElement).value : d,
                      ),
                    })
                  }
                  {...invalid(`makeUpWorkdays/${index}`)}
                />
                <button
                  type="button"
                  onClick={() => change({ makeUpWorkdays: draft.makeUpWorkdays.filter((_, at) => at !== index) })}
                >
                  {words.remove}
                </button>
                {problemAt(`makeUpWorkdays/${index}`)}
              </li>
            ))}
          </ul>
          <button type="button" onClick={() => change({ makeUpWorkdays: [...draft.makeUpWorkdays, ''] })}>
            {words.addMakeUpDay}
          </button>
        </fieldset>
        <p class="muted">{words.appliesToNew}</p>
        <div class="buttons">
          <button type="submit" class="primary">
            {words.save}
          </button>
          {entry.origin === 'edited' && (
            <button type="button" class="danger" onClick={() => void drop()}>
              {entry.hasShipped ? words.revert : words.dropYear}
            </button>
          )}
        </div>
      </form>
      <YearMonths words={words} draft={draft} />
    </div>
  );
}

export function WorkCalendarPage(props: { t: AdminStrings; locale: Locale }) {
  const { t } = props;
  const words = WORK_CALENDAR_WORDS[props.locale];
  const [years, setYears] = useState<WorkCalendarEntry[] | null>(null);
  const [shown, setShown] = useState<number | null>(null);
  // A year added here exists only in the browser until it is saved.
  const [added, setAdded] = useState<WorkCalendarEntry | null>(null);
  const { feedback, revision, setError, setNotice, reload } = useActions(t);
  useEffect(
    () =>
      void api.workCalendars().then((list) => {
        setYears(list.years);
        setShown((current) => current ?? list.years.at(-1)?.calendar.year ?? new Date().getFullYear());
      }, setError),
    [revision],
  );
  if (!years) return <div class="stack">{feedback}</div>;
  const all = added && !years.some((e) => e.calendar.year === added.calendar.year) ? [...years, added] : years;
  const entry = all.find((e) => e.calendar.year === shown);
  const addYear = () => {
    const year = Math.max(new Date().getFullYear(), ...all.map((e) => e.calendar.year)) + 1;
    setAdded({
      calendar: { year, source: '', holidays: [], makeUpWorkdays: [] },
      origin: 'edited',
      version: 0,
      hasShipped: false,
    });
    setShown(year);
  };
  return (
    <section class="stack" aria-labelledby="work-calendar-title">
      <h2 id="work-calendar-title">{words.title}</h2>
      <p class="muted">{words.hint}</p>
      {feedback}
      <div class="buttons">
        <div class="buttons year-tabs" role="tablist">
          {all.map((e) => (
            <button
              key={e.calendar.year}
              role="tab"
              aria-selected={e.calendar.year === shown}
              onClick={() => setShown(e.calendar.year)}
            >
              {e.calendar.year}
              <span class="muted">
                {' '}
                · {e.version === 0 && e.origin === 'edited' ? words.unsaved : words.origins[e.origin]}
              </span>
            </button>
          ))}
        </div>
        <button type="button" onClick={addYear}>
          {words.addYear}
        </button>
      </div>
      {entry?.updatedBy && entry.updatedAt && (
        <p class="muted">{words.editedBy(entry.updatedBy, localMinute(entry.updatedAt))}</p>
      )}
      {entry && (
        <YearForm
          key={`${entry.calendar.year}-${entry.version}-${entry.origin}`}
          t={t}
          words={words}
          entry={entry}
          onSaved={(saved) => {
            setNotice(words.saved(saved.calendar.year));
            setAdded(null);
            reload();
          }}
          onDropped={() => {
            setNotice(entry.hasShipped ? words.reverted(entry.calendar.year) : words.dropped(entry.calendar.year));
            if (!entry.hasShipped) setShown(null);
            reload();
          }}
        />
      )}
    </section>
  );
}
