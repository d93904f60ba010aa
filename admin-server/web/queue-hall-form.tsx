/**
 * A hall's queue set-up, edited whole and saved on the version it was loaded at: its node, the
 * reset time and elder rule, the ticket hours, the businesses (each with its number prefix) and the
 * windows with the businesses they serve. The server's mistakes show beside the field they name.
 */
import { useState } from 'preact/hooks';
import { LinliError, type OrgTree, type QueueHall, type QueueHallInput } from '@linli/protocol';
import { Field, fieldErrors, needsSummary, ErrorBox } from './feedback';
import type { AdminStrings } from './i18n';
import { ownSubtree } from './org-tree';
import type { QUEUE_WORDS } from './queue-words';

type Words = (typeof QUEUE_WORDS)['zh-Hans'];

/** A new hall at `orgId`: the working week, one business and one window to start from. */
export function blankHall(orgId: number): QueueHallInput {
  return {
    orgId,
    name: '',
    resetTime: '04:00',
    elderAge: 70,
    hours: [
      {
        weekdays: [1, 2, 3, 4, 5],
        windows: [
          { from: '08:30', to: '12:00' },
          { from: '13:30', to: '17:30' },
        ],
      },
    ],
    followsWorkCalendar: true,
    businesses: [{ id: 'general', name: '', prefix: 'A', maxPerDay: 300, open: true, serviceMinutes: 10 }],
    windows: [{ number: 1, businesses: ['general'] }],
  };
}

/** The input part of a saved hall (what PUT takes). */
export function hallInput(hall: QueueHall): QueueHallInput {
  const { id: _id, version: _version, ...input } = hall;
  return input;
}

/** Places per business with each id mapped (undefined: dropped). */
function rekeyed(perSlot: Record<string, number>, map: (id: string) => string | undefined): Record<string, number> {
  return Object.fromEntries(
    Object.entries(perSlot).flatMap(([id, places]) => {
      const next = map(id);
      return next === undefined ? [] : [[next, places]];
    }),
  );
}

/** The server's own checks (beyond the schema) in the page's words. */
function queueProblem(words: Words, message: string): string | undefined {
  let m: RegExpExecArray | null;
  if (/used twice|used by two|listed twice|named twice|has hours twice/i.test(message)) return words.problems.usedTwice;
  if ((m = /^no business (\S+) in this hall$/i.exec(message))) return words.problems.unknownBusiness(m[1]!);
  if (/^no window serves /i.test(message)) return words.problems.notServed;
  if (/not after it begins/i.test(message)) return words.problems.endsBeforeBegins;
  if ((m = /^overlaps (\S+)$/i.exec(message))) return words.problems.overlaps(m[1]!);
  return undefined;
}

export function QueueHallForm(props: {
  t: AdminStrings;
  words: Words;
  tree: OrgTree;
  /** Undefined: a new hall. */
  hall?: QueueHall;
  initial: QueueHallInput;
  canDelete: boolean;
  onSave: (input: QueueHallInput) => Promise<void>;
  onDelete: () => Promise<void>;
}) {
  const { t, words } = props;
  const [draft, setDraft] = useState<QueueHallInput>(props.initial);
  const [error, setError] = useState<LinliError | null>(null);
  const localised =
    error && error.details
      ? new LinliError(
          error.code,
          error.message,
          error.details.map((d) => ({ ...d, message: queueProblem(words, d.message) ?? d.message })),
        )
      : error;
  const problems = fieldErrors(t, localised, 'queue-hall');
  const change = (next: Partial<QueueHallInput>) => setDraft({ ...draft, ...next });
  const run = async (work: () => Promise<void>) => {
    setError(null);
    try {
      await work();
    } catch (caught) {
      setError(caught instanceof LinliError ? caught : new LinliError('INTERNAL', String(caught)));
    }
  };
  // A business renamed keeps its windows and its booking places: they name it by id.
  const setBusiness = (index: number, next: Partial<QueueHallInput['businesses'][number]>) => {
    const was = draft.businesses[index]!.id;
    const renamed = (id: string) => (next.id !== undefined && id === was ? next.id : id);
    change({
      businesses: draft.businesses.map((b, at) => (at === index ? { ...b, ...next } : b)),
      windows: draft.windows.map((w) => ({ ...w, businesses: w.businesses.map(renamed) })),
      ...(draft.appointments && {
        appointments: { ...draft.appointments, perSlot: rekeyed(draft.appointments.perSlot, renamed) },
      }),
    });
  };
  const setWindow = (index: number, next: Partial<QueueHallInput['windows'][number]>) =>
    change({ windows: draft.windows.map((w, at) => (at === index ? { ...w, ...next } : w)) });
  const setHours = (index: number, next: Partial<QueueHallInput['hours'][number]>) =>
    change({ hours: draft.hours.map((h, at) => (at === index ? { ...h, ...next } : h)) });
  const numberInput = (value: string) => (value === '' ? Number.NaN : Number(value));
  /** A business's places per slot; emptied, it takes no bookings. */
  const setPerSlot = (businessId: string, value: string) => {
    const { [businessId]: _old, ...others } = draft.appointments!.perSlot;
    change({
      appointments: {
        ...draft.appointments!,
        perSlot: value === '' ? others : { ...others, [businessId]: numberInput(value) },
      },
    });
  };
  const paths = ['name', 'orgId', 'resetTime', 'elderAge'];
  const nodes = ownSubtree(props.tree).filter(({ node }) => node.level === 'street' || node.level === 'community');

  return (
    <form
      class="editor stack queue-hall-form"
      aria-label={props.hall ? props.hall.name : words.newHall}
      onSubmit={(event) => {
        event.preventDefault();
        void run(() => props.onSave(draft));
      }}
    >
      {needsSummary(t, localised, paths) && <ErrorBox error={localised} t={t} />}
      <Field label={words.name} note={problems.note('name')}>
        <input
          name="name"
          value={draft.name}
          maxLength={60}
          onInput={(e) => change({ name: (e.target as HTMLInputElement).value })}
          {...problems.control('name')}
        />
      </Field>
      <Field label={words.org} note={problems.note('orgId')}>
        <select
          name="orgId"
          value={String(draft.orgId)}
          onChange={(e) => change({ orgId: Number((e.target as HTMLSelectElement).value) })}
          {...problems.control('orgId')}
        >
          {nodes.map(({ node, depth }) => (
            <option key={node.id} value={String(node.id)}>
              {'\u3000'.repeat(depth)}
              {node.name}
            </option>
          ))}
        </select>
      </Field>
      <div class="buttons wrap">
        <Field label={words.resetTime} note={problems.note('resetTime')}>
          <input
            type="time"
            name="resetTime"
            value={draft.resetTime}
            onInput={(e) => change({ resetTime: (e.target as HTMLInputElement).value })}
            {...problems.control('resetTime')}
          />
        </Field>
        <Field label={words.elderAge} note={problems.note('elderAge')}>
          <input
            type="number"
            name="elderAge"
            min={50}
            max={100}
            disabled={draft.elderAge === null}
            value={draft.elderAge ?? ''}
            onInput={(e) => change({ elderAge: numberInput((e.target as HTMLInputElement).value) })}
            {...problems.control('elderAge')}
          />
        </Field>
        <label class="inline">
          <input
            type="checkbox"
            name="elderOff"
            checked={draft.elderAge === null}
            onChange={(e) => change({ elderAge: (e.target as HTMLInputElement).checked ? null : 70 })}
          />
          {words.elderOff}
        </label>
      </div>
      <p class="muted">
        {words.resetHint} {words.elderHint}
      </p>

      <fieldset {...problems.control('hours', true)}>
        <legend>{words.hours}</legend>
        {draft.hours.map((hours, index) => (
          <div key={index} class="queue-hours" data-hours={index}>
            <div class="buttons wrap" role="group" aria-label={words.hours}>
              {words.weekdays.map((day, at) => {
                const weekday = at + 1;
                return (
                  <label key={day} class="inline">
                    <input
                      type="checkbox"
                      name={`hours-${index}-day-${weekday}`}
                      checked={hours.weekdays.includes(weekday)}
                      onChange={(e) =>
                        setHours(index, {
                          weekdays: (e.target as HTMLInputElement).checked
                            ? [...hours.weekdays, weekday].sort()
                            : hours.weekdays.filter((d) => d !== weekday),
                        })
                      }
                    />
                    {day}
                  </label>
                );
              })}
            </div>
            {hours.windows.map((span, at) => (
              <div key={at} class="buttons wrap">
                {(['from', 'to'] as const).map((end) => (
                  <label key={end} class="inline">
                    {words[end]}
                    <input
                      type="time"
                      name={`hours-${index}-${at}-${end}`}
                      value={span[end]}
                      onInput={(e) =>
                        setHours(index, {
                          windows: hours.windows.map((w, i) =>
                            i === at ? { ...w, [end]: (e.target as HTMLInputElement).value } : w,
                          ),
                        })
                      }
                      {...problems.control(`hours/${index}/windows/${at}`, true)}
                    />
                  </label>
                ))}
                {hours.windows.length > 1 && (
                  <button
                    type="button"
                    onClick={() => setHours(index, { windows: hours.windows.filter((_, i) => i !== at) })}
                  >
                    {words.remove}
                  </button>
                )}
                {problems.note(`hours/${index}/windows/${at}`, true)}
              </div>
            ))}
            <div class="buttons">
              {hours.windows.length < 4 && (
                <button
                  type="button"
                  onClick={() => setHours(index, { windows: [...hours.windows, { from: '14:00', to: '17:00' }] })}
                >
                  {words.addWindowOfDay}
                </button>
              )}
              {draft.hours.length > 1 && (
                <button type="button" onClick={() => change({ hours: draft.hours.filter((_, i) => i !== index) })}>
                  {words.remove}
                </button>
              )}
            </div>
            {problems.note(`hours/${index}/weekdays`, true)}
          </div>
        ))}
        <button
          type="button"
          onClick={() =>
            change({ hours: [...draft.hours, { weekdays: [6], windows: [{ from: '09:00', to: '12:00' }] }] })
          }
        >
          {words.addHours}
        </button>
        <label class="inline">
          <input
            type="checkbox"
            name="followsWorkCalendar"
            checked={draft.followsWorkCalendar}
            onChange={(e) => change({ followsWorkCalendar: (e.target as HTMLInputElement).checked })}
          />
          {words.followsCalendar}
        </label>
      </fieldset>

      <fieldset {...problems.control('appointments', true)}>
        <legend>{words.appointments}</legend>
        <label class="inline">
          <input
            type="checkbox"
            name="appointmentsOn"
            checked={draft.appointments !== undefined}
            onChange={(e) => {
              const { appointments: _old, ...rest } = draft;
              setDraft(
                (e.target as HTMLInputElement).checked
                  ? { ...rest, appointments: { slotMinutes: 30, daysAhead: 7, perSlot: {} } }
                  : rest,
              );
            }}
          />
          {words.appointmentsOn}
        </label>
        {draft.appointments && (
          <>
            <div class="buttons wrap">
              <Field label={words.slotMinutes} note={problems.note('appointments/slotMinutes')}>
                <select
                  name="slotMinutes"
                  value={String(draft.appointments.slotMinutes)}
                  onChange={(e) =>
                    change({
                      appointments: {
                        ...draft.appointments!,
                        slotMinutes: Number((e.target as HTMLSelectElement).value) as 15 | 20 | 30 | 60,
                      },
                    })
                  }
                >
                  {[15, 20, 30, 60].map((minutes) => (
                    <option key={minutes} value={String(minutes)}>
                      {minutes}
                    </option>
                  ))}
                </select>
              </Field>
              <Field label={words.daysAhead} note={problems.note('appointments/daysAhead')}>
                <input
                  type="number"
                  name="daysAhead"
                  min={1}
                  max={30}
                  value={Number.isNaN(draft.appointments.daysAhead) ? '' : draft.appointments.daysAhead}
                  onInput={(e) =>
                    change({
                      appointments: {
                        ...draft.appointments!,
                        daysAhead: numberInput((e.target as HTMLInputElement).value),
                      },
                    })
                  }
                  {...problems.control('appointments/daysAhead')}
                />
              </Field>
            </div>
            <p class="muted">
              {words.perSlotHint}{' '}
              {props.hall && (
                <a href={`/queue/book/${props.hall.id}`} target="_blank" rel="noreferrer">
                  {words.bookingLink}
                </a>
              )}
            </p>
          </>
        )}
      </fieldset>

      <fieldset>
        <legend>{words.businesses}</legend>
        <table class="queue-business-rows">
          <thead>
            <tr>
              <th>{words.prefix}</th>
              <th>{words.businessName}</th>
              <th>{words.businessId}</th>
              <th>{words.maxPerDay}</th>
              <th>{words.serviceMinutes}</th>
              {draft.appointments && <th>{words.perSlot}</th>}
              <th>{words.open}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {draft.businesses.map((business, index) => {
              const at = (field: string) => `businesses/${index}/${field}`;
              const cell = (field: 'prefix' | 'name' | 'id', maxLength: number) => (
                <td>
                  <input
                    name={`business-${index}-${field}`}
                    aria-label={words[field === 'id' ? 'businessId' : field === 'name' ? 'businessName' : 'prefix']}
                    value={business[field]}
                    maxLength={maxLength}
                    onInput={(e) => {
                      const value = (e.target as HTMLInputElement).value;
                      setBusiness(index, { [field]: field === 'prefix' ? value.toUpperCase() : value });
                    }}
                    {...problems.control(at(field))}
                  />
                  {problems.note(at(field))}
                </td>
              );
              const numberCell = (field: 'maxPerDay' | 'serviceMinutes', max: number) => (
                <td>
                  <input
                    type="number"
                    name={`business-${index}-${field}`}
                    aria-label={words[field]}
                    min={1}
                    max={max}
                    value={Number.isNaN(business[field]) ? '' : business[field]}
                    onInput={(e) => setBusiness(index, { [field]: numberInput((e.target as HTMLInputElement).value) })}
                    {...problems.control(at(field))}
                  />
                  {problems.note(at(field))}
                </td>
              );
              return (
                <tr key={index} data-business={index}>
                  {cell('prefix', 1)}
                  {cell('name', 40)}
                  {cell('id', 32)}
                  {numberCell('maxPerDay', 999)}
                  {numberCell('serviceMinutes', 240)}
                  {draft.appointments && (
                    <td>
                      <input
                        type="number"
                        name={`business-${index}-perSlot`}
                        aria-label={words.perSlot}
                        min={1}
                        max={50}
                        value={draft.appointments.perSlot[business.id] ?? ''}
                        onInput={(e) => setPerSlot(business.id, (e.target as HTMLInputElement).value)}
                        {...problems.control(`appointments/perSlot/${business.id}`)}
                      />
                      {problems.note(`appointments/perSlot/${business.id}`)}
                    </td>
                  )}
                  <td>
                    <input
                      type="checkbox"
                      name={`business-${index}-open`}
                      aria-label={words.open}
                      checked={business.open}
                      onChange={(e) => setBusiness(index, { open: (e.target as HTMLInputElement).checked })}
                    />
                  </td>
                  <td>
                    {draft.businesses.length > 1 && (
                      <button
                        type="button"
                        onClick={() =>
                          change({
                            businesses: draft.businesses.filter((_, i) => i !== index),
                            windows: draft.windows.map((w) => ({
                              ...w,
                              businesses: w.businesses.filter((id) => id !== business.id),
                            })),
                            ...(draft.appointments && {
                              appointments: {
                                ...draft.appointments,
                                perSlot: rekeyed(draft.appointments.perSlot, (id) =>
                                  id === business.id ? undefined : id,
                                ),
                              },
                            }),
                          })
                        }
                      >
                        {words.remove}
                      </button>
                    )}
                    {problems.note(`businesses/${index}`)}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        {draft.businesses.length < 26 && (
          <button
            type="button"
            onClick={() => {
              const used = new Set(draft.businesses.map((b) => b.prefix));
              const prefix = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('').find((letter) => !used.has(letter)) ?? '';
              change({
                businesses: [
                  ...draft.businesses,
                  { id: '', name: '', prefix, maxPerDay: 300, open: true, serviceMinutes: 10 },
                ],
              });
            }}
          >
            {words.addBusiness}
          </button>
        )}
      </fieldset>

      <fieldset>
        <legend>{words.windows}</legend>
        <table class="queue-window-rows">
          <thead>
            <tr>
              <th>{words.windowNumber}</th>
              <th>{words.windowName}</th>
              <th>{words.serves}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {draft.windows.map((window, index) => {
              const at = (field: string) => `windows/${index}/${field}`;
              return (
                <tr key={index} data-window={index}>
                  <td>
                    <input
                      type="number"
                      name={`window-${index}-number`}
                      aria-label={words.windowNumber}
                      min={1}
                      max={999}
                      value={Number.isNaN(window.number) ? '' : window.number}
                      onInput={(e) => setWindow(index, { number: numberInput((e.target as HTMLInputElement).value) })}
                      {...problems.control(at('number'))}
                    />
                    {problems.note(at('number'))}
                  </td>
                  <td>
                    <input
                      name={`window-${index}-name`}
                      aria-label={words.windowName}
                      value={window.name ?? ''}
                      maxLength={40}
                      onInput={(e) => {
                        const name = (e.target as HTMLInputElement).value;
                        const { name: _old, ...rest } = window;
                        setWindow(index, name ? { ...rest, name } : { ...rest, name: undefined });
                      }}
                    />
                  </td>
                  <td {...problems.control(at('businesses'), true)}>
                    {draft.businesses.map((business) => (
                      <label key={business.id || business.prefix} class="inline">
                        <input
                          type="checkbox"
                          name={`window-${index}-serves-${business.id}`}
                          checked={window.businesses.includes(business.id)}
                          onChange={(e) =>
                            setWindow(index, {
                              businesses: (e.target as HTMLInputElement).checked
                                ? draft.businesses
                                    .map((b) => b.id)
                                    .filter((id) => id === business.id || window.businesses.includes(id))
                                : window.businesses.filter((id) => id !== business.id),
                            })
                          }
                        />
                        {business.prefix} {business.name}
                      </label>
                    ))}
                    {problems.note(at('businesses'), true)}
                  </td>
                  <td>
                    {draft.windows.length > 1 && (
                      <button
                        type="button"
                        onClick={() => change({ windows: draft.windows.filter((_, i) => i !== index) })}
                      >
                        {words.remove}
                      </button>
                    )}
                    {problems.note(`windows/${index}`)}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        {draft.windows.length < 99 && (
          <button
            type="button"
            onClick={() =>
              change({
                windows: [
                  ...draft.windows,
                  {
                    number: Math.max(0, ...draft.windows.map((w) => w.number || 0)) + 1,
                    businesses: draft.businesses.map((b) => b.id),
                  },
                ],
              })
            }
          >
            {words.addWindow}
          </button>
        )}
      </fieldset>

      <div class="buttons">
        <button type="submit" class="primary">
          {props.hall ? words.save : words.create}
        </button>
        {props.hall && props.canDelete && (
          <button
            type="button"
            class="danger"
            onClick={() => {
              if (confirm(words.confirmDelete(props.hall!.name))) void run(props.onDelete);
            }}
          >
            {words.deleteHall}
          </button>
        )}
      </div>
    </form>
  );
}
