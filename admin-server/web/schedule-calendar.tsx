/**
 * The schedule: a week calendar (Monday to Sunday, the hours of the day down the side) with each
 * entry as blocks on the days and hours it runs, coloured by its layout, its priority shown and an
 * interrupt marked with its share; an entry is added or changed in the form beside it. Below: the
 * named dayparts entries may use, the operating hours (the screen is off outside them) and the
 * schedule's time zone.
 */
import { useState } from 'preact/hooks';
import { addDays, type Daypart, type OperatingHours, type ScheduleEntry, type SignageSchedule } from '@linli/protocol';
import { DAY_MINUTES, calendarBlocks, openingBands, type DaySpan } from './calendar-blocks';
import { Field, type FieldErrors } from './feedback';
import type { AdminStrings } from './i18n';
import { unusedId } from './playlist-items';
import { RowCell, RowList } from './row-list';
import { mondayOf, usableTimeZone, wallTimeInput } from './schedule-time';
import { newEntry } from './signage-draft';
import { entryLine, entryName, layoutName } from './signage-words';

const HOURS = Array.from({ length: 24 }, (_, hour) => hour);
const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
/** Layouts are told apart by these many colours (admin.css `layout-colour-N`), then they repeat. */
const LAYOUT_COLOURS = 8;
const TIME_ZONES = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];

const clock = (minute: number) =>
  `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;

/** Where a span of a day sits in its column, as shares of the day. */
const spanStyle = (span: DaySpan) => ({
  top: `${(span.startMinute / DAY_MINUTES) * 100}%`,
  height: `${((span.endMinute - span.startMinute) / DAY_MINUTES) * 100}%`,
});

export function ScheduleCalendar(props: {
  t: AdminStrings;
  schedule: SignageSchedule;
  problems: FieldErrors;
  onChange: (schedule: SignageSchedule) => void;
}) {
  const { t, schedule, problems } = props;
  const words = t.ui.signage;
  const timeZone = usableTimeZone(schedule.timeZone);
  const thisMonday = mondayOf(wallTimeInput(Date.now(), timeZone).slice(0, 10));
  const [monday, setMonday] = useState(thisMonday);
  const [editing, setEditing] = useState<number | null>(null);
  const blocks = calendarBlocks(schedule, monday);
  const bands = openingBands(schedule, monday);
  const colourOf = (layoutId: string) =>
    `layout-colour-${
      Math.max(
        0,
        schedule.layouts.findIndex((layout) => layout.id === layoutId),
      ) % LAYOUT_COLOURS
    }`;
  const change = (changed: Partial<SignageSchedule>) => props.onChange({ ...schedule, ...changed });
  const changeEntry = (index: number, entry: ScheduleEntry) =>
    change({ entries: schedule.entries.map((each, i) => (i === index ? entry : each)) });
  const entry = editing === null ? undefined : schedule.entries[editing];

  return (
    <fieldset class="signage-part">
      <legend>{words.schedule}</legend>
      <div class="row wrap">
        <div class="field">
          <label class="field">
            <span>{words.timeZone}</span>
            <input
              name="timeZone"
              list="time-zones"
              value={schedule.timeZone}
              onInput={(e) => change({ timeZone: (e.target as HTMLInputElement).value })}
              {...problems.control('schedule/timeZone')}
            />
          </label>
          <datalist id="time-zones">
            {TIME_ZONES.map((zone) => (
              <option key={zone} value={zone} />
            ))}
          </datalist>
          {problems.note('schedule/timeZone')}
        </div>
      </div>
      <div class="calendar-toolbar">
        <button type="button" onClick={() => setMonday(addDays(monday, -7))}>
          {words.previousWeek}
        </button>
        <strong>{words.weekOf(monday, addDays(monday, 6))}</strong>
        <button type="button" onClick={() => setMonday(addDays(monday, 7))}>
          {words.nextWeek}
        </button>
        {monday !== thisMonday && (
          <button type="button" onClick={() => setMonday(thisMonday)}>
            {words.thisWeek}
          </button>
        )}
        <button
          type="button"
          class="primary"
          onClick={() => {
            const layoutId = schedule.layouts[0]!.id;
            change({ entries: [...schedule.entries, newEntry(schedule, layoutId, new Date().toISOString())] });
            setEditing(schedule.entries.length);
          }}
        >
          {words.addEntry}
        </button>
      </div>
      <ul class="layout-legend" aria-label={words.legend}>
        {schedule.layouts.map((layout, index) => (
          <li key={layout.id}>
            <span class={`swatch ${colourOf(layout.id)}`} aria-hidden="true" />
            {layoutName(t, layout, index)}
          </li>
        ))}
      </ul>
      {problems.note('schedule/entries')}
      <div class="calendar-with-form">
        <div class="week-calendar" role="group" aria-label={words.weekOf(monday, addDays(monday, 6))}>
          <div class="calendar-corner" aria-hidden="true" />
          {WEEKDAYS.map((weekday, day) => (
            <div key={weekday} class="calendar-day-head">
              {words.weekdays[weekday - 1]} <span class="muted">{addDays(monday, day).slice(5)}</span>
            </div>
          ))}
          <div class="calendar-hours" aria-hidden="true">
            {HOURS.map((hour) => (
              <span key={hour}>{clock(hour * 60)}</span>
            ))}
          </div>
          {WEEKDAYS.map((weekday, day) => (
            <div key={weekday} class="calendar-day" data-day={weekday}>
              {bands
                ?.filter((band) => band.day === day)
                .map((band, index) => (
                  <div key={index} class="opening-band" style={spanStyle(band)} aria-hidden="true" />
                ))}
              {blocks
                .filter((block) => block.day === day)
                .map((block) => {
                  const shown = schedule.entries[block.entryIndex]!;
                  const hasProblem = problems.has(`schedule/entries/${block.entryIndex}`, true);
                  // What the block says is where its name starts, so speech and sight agree.
                  const title = [
                    entryName(t, block.entryIndex),
                    words.priorityShort(shown.priority),
                    ...(shown.interrupt ? [words.interruptShare(shown.interrupt.sharePercent)] : []),
                  ].join(' · ');
                  const when = `${words.weekdays[weekday - 1]} ${clock(block.startMinute)}–${clock(block.endMinute)}`;
                  return (
                    <button
                      key={`${block.entryIndex}-${block.startMinute}`}
                      type="button"
                      class={`calendar-block ${colourOf(shown.layoutId)}${shown.interrupt ? ' interrupt' : ''}${hasProblem ? ' has-problem' : ''}`}
                      data-entry-id={shown.id}
                      style={{
                        ...spanStyle(block),
                        left: `${(block.lane / block.lanes) * 100}%`,
                        width: `${100 / block.lanes}%`,
                      }}
                      aria-pressed={editing === block.entryIndex}
                      aria-label={words.itemLine(title, `${when}${t.errors.separator}${entryLine(t, shown, schedule)}`)}
                      onClick={() => setEditing(block.entryIndex)}
                    >
                      {title}
                    </button>
                  );
                })}
            </div>
          ))}
        </div>
        {entry && editing !== null ? (
          <EntryForm
            t={t}
            schedule={schedule}
            index={editing}
            entry={entry}
            problems={problems}
            onChange={(changed) => changeEntry(editing, changed)}
            onRemove={() => {
              change({ entries: schedule.entries.filter((_, i) => i !== editing) });
              setEditing(null);
            }}
            onClose={() => setEditing(null)}
          />
        ) : (
          <div class="entry-list">
            <p class="muted">{schedule.entries.length === 0 ? words.noEntriesHint : words.pickEntryHint}</p>
            <ol>
              {schedule.entries.map((each, index) => (
                <li key={each.id}>
                  <button
                    type="button"
                    class={problems.has(`schedule/entries/${index}`, true) ? 'has-problem' : undefined}
                    onClick={() => setEditing(index)}
                  >
                    {entryName(t, index)}
                  </button>{' '}
                  {entryLine(t, each, schedule)}
                </li>
              ))}
            </ol>
          </div>
        )}
      </div>
      <DaypartRows t={t} schedule={schedule} problems={problems} onChange={(dayparts) => change({ dayparts })} />
      <OperatingHourRows
        t={t}
        hours={schedule.operatingHours ?? []}
        problems={problems}
        onChange={(hours) => change({ operatingHours: hours.length > 0 ? hours : undefined })}
      />
    </fieldset>
  );
}

/** Ticks for the days of the week: the entry's weekdays or an operating window's. */
function WeekdayChoice(props: {
  t: AdminStrings;
  legend: string;
  path: string;
  chosen: readonly number[];
  problems: FieldErrors;
  onChange: (weekdays: number[]) => void;
}) {
  const { t, chosen } = props;
  return (
    <fieldset class="choice" {...props.problems.control(props.path, true)}>
      <legend>{props.legend}</legend>
      {WEEKDAYS.map((weekday) => (
        <label key={weekday} class="inline">
          <input
            type="checkbox"
            name={props.path}
            value={weekday}
            checked={chosen.includes(weekday)}
            onChange={() =>
              props.onChange(
                chosen.includes(weekday)
                  ? chosen.filter((day) => day !== weekday)
                  : [...chosen, weekday].sort((a, b) => a - b),
              )
            }
          />
          {t.ui.signage.weekdays[weekday - 1]}
        </label>
      ))}
      {props.problems.note(props.path, true)}
    </fieldset>
  );
}

type TimeMode = 'allDay' | 'window' | 'dayparts';

/** The side form of one entry: its layout, priority, dates, weekdays, time (all day, a window or dayparts) and interrupt. */
function EntryForm(props: {
  t: AdminStrings;
  schedule: SignageSchedule;
  index: number;
  entry: ScheduleEntry;
  problems: FieldErrors;
  onChange: (entry: ScheduleEntry) => void;
  onRemove: () => void;
  onClose: () => void;
}) {
  const { t, schedule, entry, problems } = props;
  const words = t.ui.signage;
  const at = (field: string) => `schedule/entries/${props.index}/${field}`;
  const mode: TimeMode = entry.dayparts ? 'dayparts' : entry.window ? 'window' : 'allDay';
  const set = (changed: Partial<ScheduleEntry>) => {
    const next = { ...entry, ...changed };
    // A field cleared is left out: no limit on that side. (No day ticked stays a problem to be said.)
    for (const key of ['startDate', 'endDate', 'weekdays', 'window', 'dayparts', 'interrupt'] as const)
      if (next[key] === undefined) delete next[key];
    props.onChange(next);
  };
  const setMode = (chosen: TimeMode) =>
    set({
      window: chosen === 'window' ? (entry.window ?? { from: '09:00', to: '17:00' }) : undefined,
      dayparts: chosen === 'dayparts' ? (schedule.dayparts ?? []).slice(0, 1).map((daypart) => daypart.id) : undefined,
    });
  const input = (
    label: string,
    field: string,
    value: string,
    type: 'date' | 'time' | 'number',
    onInput: (value: string) => void,
    extra: { min?: number; max?: number } = {},
  ) => (
    <div class="field">
      <label class="field">
        <span>{label}</span>
        <input
          type={type}
          name={`entry-${field.replace('/', '-')}`}
          value={value}
          onInput={(e) => onInput((e.target as HTMLInputElement).value)}
          {...extra}
          {...problems.control(at(field))}
        />
      </label>
      {problems.note(at(field))}
    </div>
  );
  return (
    <section class="entry-form" aria-label={entryName(t, props.index)}>
      <h4>{entryName(t, props.index)}</h4>
      <Field label={words.entryLayout} note={problems.note(at('layoutId'))}>
        <select
          name="entry-layout"
          value={entry.layoutId}
          onChange={(e) => set({ layoutId: (e.target as HTMLSelectElement).value })}
          {...problems.control(at('layoutId'))}
        >
          {schedule.layouts.map((layout, index) => (
            <option key={layout.id} value={layout.id}>
              {layoutName(t, layout, index)}
            </option>
          ))}
        </select>
      </Field>
      {input(
        words.priority,
        'priority',
        String(entry.priority),
        'number',
        (typed) => /^\d+$/.test(typed) && set({ priority: Number(typed) }),
        { min: 0, max: 100 },
      )}
      <p class="muted">{words.priorityHint}</p>
      <div class="row">
        {input(words.startDate, 'startDate', entry.startDate ?? '', 'date', (startDate) =>
          set({ startDate: startDate || undefined }),
        )}
        {input(words.endDate, 'endDate', entry.endDate ?? '', 'date', (endDate) =>
          set({ endDate: endDate || undefined }),
        )}
      </div>
      <WeekdayChoice
        t={t}
        legend={words.weekdaysLabel}
        path={at('weekdays')}
        chosen={entry.weekdays ?? WEEKDAYS}
        problems={problems}
        onChange={(weekdays) => set({ weekdays: weekdays.length === 7 ? undefined : weekdays })}
      />
      <fieldset class="choice" {...problems.control(at('dayparts'), true)}>
        <legend>{words.timeOfDay}</legend>
        {(['allDay', 'window', 'dayparts'] as const).map((value) => (
          <label key={value} class="inline">
            <input
              type="radio"
              name="entry-time"
              value={value}
              checked={mode === value}
              disabled={value === 'dayparts' && !schedule.dayparts?.length}
              onChange={() => setMode(value)}
            />
            {words.timeModes[value]}
          </label>
        ))}
        {problems.note(at('dayparts'), true)}
      </fieldset>
      {entry.window && (
        <div class="row">
          {input(words.from, 'window/from', entry.window.from, 'time', (from) =>
            set({ window: { ...entry.window!, from } }),
          )}
          {input(words.to, 'window/to', entry.window.to, 'time', (to) => set({ window: { ...entry.window!, to } }))}
        </div>
      )}
      {entry.dayparts && (
        <fieldset class="choice">
          <legend>{words.dayparts}</legend>
          {(schedule.dayparts ?? []).map((daypart) => (
            <label key={daypart.id} class="inline">
              <input
                type="checkbox"
                name="entry-daypart"
                value={daypart.id}
                checked={entry.dayparts!.includes(daypart.id)}
                onChange={() =>
                  set({
                    dayparts: entry.dayparts!.includes(daypart.id)
                      ? entry.dayparts!.filter((id) => id !== daypart.id)
                      : [...entry.dayparts!, daypart.id],
                  })
                }
              />
              {daypart.name} {daypart.from}–{daypart.to}
            </label>
          ))}
        </fieldset>
      )}
      <label class="inline">
        <input
          type="checkbox"
          name="entry-interrupt"
          checked={entry.interrupt !== undefined}
          onChange={() => set({ interrupt: entry.interrupt ? undefined : { sharePercent: 20 } })}
        />
        {words.interrupt}
      </label>
      {entry.interrupt &&
        input(
          words.sharePercent,
          'interrupt/sharePercent',
          String(entry.interrupt.sharePercent),
          'number',
          (typed) => /^\d+$/.test(typed) && set({ interrupt: { sharePercent: Number(typed) } }),
          { min: 1, max: 100 },
        )}
      <div class="buttons">
        <button type="button" onClick={props.onClose}>
          {words.doneEntry}
        </button>
        <button type="button" class="danger" onClick={props.onRemove}>
          {words.removeEntry}
        </button>
      </div>
    </section>
  );
}

/** Named dayparts entries may use instead of a window of their own (早间 06:00–09:00). */
function DaypartRows(props: {
  t: AdminStrings;
  schedule: SignageSchedule;
  problems: FieldErrors;
  onChange: (dayparts: Daypart[]) => void;
}) {
  const { t, problems } = props;
  const words = t.ui.signage;
  const dayparts = props.schedule.dayparts ?? [];
  const add = () => {
    const suggestion = words.daypartSuggestions.find((each) => !dayparts.some((daypart) => daypart.name === each.name));
    const id = unusedId(
      'daypart',
      dayparts.map((daypart) => daypart.id),
    );
    props.onChange([
      ...dayparts,
      { id, ...(suggestion ?? { name: words.daypartNumber(dayparts.length + 1), from: '09:00', to: '12:00' }) },
    ]);
  };
  return (
    <RowList
      t={t}
      legend={words.dayparts}
      path="schedule/dayparts"
      rows={dayparts}
      keyOf={(daypart) => daypart.id}
      problems={problems}
      add={
        <button type="button" onClick={add}>
          {words.addDaypart}
        </button>
      }
      onChange={props.onChange}
      row={(daypart, index, update) => (
        <>
          <RowCell
            t={t}
            label={words.daypartName}
            n={index + 1}
            path={`schedule/dayparts/${index}/name`}
            value={daypart.name}
            problems={problems}
            onInput={(name) => update({ name })}
          />
          <RowCell
            t={t}
            type="time"
            label={words.from}
            n={index + 1}
            path={`schedule/dayparts/${index}/from`}
            value={daypart.from}
            problems={problems}
            onInput={(from) => update({ from })}
          />
          <RowCell
            t={t}
            type="time"
            label={words.to}
            n={index + 1}
            path={`schedule/dayparts/${index}/to`}
            value={daypart.to}
            problems={problems}
            onInput={(to) => update({ to })}
          />
        </>
      )}
    />
  );
}

/** When the screen is on; none: always on. */
function OperatingHourRows(props: {
  t: AdminStrings;
  hours: OperatingHours[];
  problems: FieldErrors;
  onChange: (hours: OperatingHours[]) => void;
}) {
  const { t, problems } = props;
  const words = t.ui.signage;
  return (
    <RowList
      t={t}
      legend={words.operatingHours}
      path="schedule/operatingHours"
      rows={props.hours}
      // Operating windows have no ids; a row is its place.
      keyOf={(_, index) => index}
      problems={problems}
      add={
        <>
          <p class="muted">{words.operatingHoursHint}</p>
          <button
            type="button"
            onClick={() => props.onChange([...props.hours, { weekdays: [1, 2, 3, 4, 5], from: '08:00', to: '18:00' }])}
          >
            {words.addOperatingHours}
          </button>
        </>
      }
      onChange={props.onChange}
      row={(hours, index, update) => (
        <>
          <WeekdayChoice
            t={t}
            legend={t.ui.rowLabel(words.weekdaysLabel, index + 1)}
            path={`schedule/operatingHours/${index}/weekdays`}
            chosen={hours.weekdays}
            problems={problems}
            onChange={(weekdays) => update({ weekdays })}
          />
          <RowCell
            t={t}
            type="time"
            label={words.from}
            n={index + 1}
            path={`schedule/operatingHours/${index}/from`}
            value={hours.from}
            problems={problems}
            onInput={(from) => update({ from })}
          />
          <RowCell
            t={t}
            type="time"
            label={words.to}
            n={index + 1}
            path={`schedule/operatingHours/${index}/to`}
            value={hours.to}
            problems={problems}
            onInput={(to) => update({ to })}
          />
        </>
      )}
    />
  );
}
