/**
 * Write or edit a TV channel (电视频道): its number, name, group, audience and where it goes; its
 * programmes on a day's timeline (drag a block to move it, its right edge to stretch it, click it
 * to edit its title, repeat rule, dates and items); the filler; and the week's guide as boxes will
 * air it. Everything the server finds shows next to the field it names after a save, and the
 * programme it concerns is marked on the timeline.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import {
  LinliError,
  wallClockAt,
  type GuideListItem,
  type Locale,
  type MediaItem,
  type NoticeView,
  type OrgTree,
  type TvChannelInput,
  type TvChannelView,
  type TvProgramme,
} from '@linli/protocol';
import { api } from './api';
import { ErrorBox, Field, fieldErrors } from './feedback';
import type { AdminStrings } from './i18n';
import { usableTimeZone } from './schedule-time';
import { TargetPicker } from './target-picker';
import { TvItemsEditor } from './tv-items-editor';
import { DAY_MIN, STEP_MIN, dayBlocks, guideDays, movedStart, resizedDuration, unusedProgrammeId } from './tv-timeline';
import { TV_WORDS } from './tv-words';

const DEFAULT_ZONE = 'Asia/Shanghai';

export function newChannelInput(number: number, name: string): TvChannelInput {
  return {
    number,
    name,
    public: true,
    timeZone: DEFAULT_ZONE,
    programmes: [],
    filler: [],
    targets: { orgIds: [], groupIds: [] },
  };
}

const value = (event: Event) => (event.target as HTMLInputElement).value;
const datesOf = (firstDate?: string, lastDate?: string) => ({
  ...(firstDate ? { firstDate } : {}),
  ...(lastDate ? { lastDate } : {}),
});

/** A drag under way: which programme, moving or stretching, from where, and what it was. */
interface Drag {
  id: string;
  mode: 'move' | 'stretch';
  timeline: HTMLElement;
  /** The minute of the day under the pointer when it went down. */
  startMin: number;
  original: TvProgramme;
  moved: boolean;
}

/** The minute of the day under the pointer (the timeline may have scrolled meanwhile). */
function minuteAt(timeline: HTMLElement, clientX: number): number {
  const box = timeline.getBoundingClientRect();
  return ((clientX - box.left) / box.width) * DAY_MIN;
}

export function TvChannelEditor(props: {
  t: AdminStrings;
  locale: Locale;
  tree: OrgTree;
  channel?: TvChannelView;
  nextNumber: number;
  notices: readonly NoticeView[];
  guides: readonly GuideListItem[];
  onDone: (message?: string) => void;
}) {
  const { t, tree, channel } = props;
  const words = TV_WORDS[props.locale];
  const [input, setInput] = useState<TvChannelInput>(() => {
    if (!channel) return newChannelInput(props.nextNumber, '');
    const { number, name, group, timeZone, programmes, filler, targets } = channel;
    return { number, name, ...(group ? { group } : {}), public: channel.public, timeZone, programmes, filler, targets };
  });
  const zone = usableTimeZone(input.timeZone);
  const [day, setDay] = useState(() => wallClockAt(Date.now(), zone).date);
  const [selected, setSelected] = useState<string | null>(input.programmes[0]?.id ?? null);
  const [media, setMedia] = useState<MediaItem[]>([]);
  const [error, setError] = useState<LinliError | null>(null);
  const drag = useRef<Drag | null>(null);
  useEffect(
    () =>
      void api.listMedia({ limit: 200 }).then(
        (list) => setMedia(list.items),
        () => setMedia([]),
      ),
    [],
  );
  const problems = fieldErrors(t, error, 'tv');
  const source = useMemo(() => ({ ...input, timeZone: zone }), [input, zone]);
  const blocks = useMemo(() => dayBlocks(source, day), [source, day]);
  const week = useMemo(() => guideDays(source, day, 7), [source, day]);
  const programmeIndex = input.programmes.findIndex((programme) => programme.id === selected);
  const programme = input.programmes[programmeIndex];

  const setProgramme = (id: string, change: (programme: TvProgramme) => TvProgramme) =>
    setInput((before) => ({
      ...before,
      programmes: before.programmes.map((each) => (each.id === id ? change(each) : each)),
    }));

  const addProgramme = () => {
    const id = unusedProgrammeId(input.programmes);
    // After the last programme of the day shown, or at 19:00 on an empty day.
    const last = blocks[blocks.length - 1];
    const startMin = last && last.toMin < DAY_MIN ? last.toMin : 19 * 60;
    const start = movedStart('00:00', startMin);
    const added: TvProgramme = {
      id,
      title: `${words.programme} ${input.programmes.length + 1}`,
      start,
      durationMin: 30,
      repeat: { every: 'day' },
      items: [{ id: 'card-1', kind: 'card', text: input.name || words.programme, durationSec: 10 }],
    };
    setInput({ ...input, programmes: [...input.programmes, added] });
    setSelected(id);
  };

  const onPointerDown = (event: PointerEvent, target: TvProgramme, mode: Drag['mode']) => {
    const timeline = (event.currentTarget as HTMLElement).closest('.tv-timeline') as HTMLElement;
    event.preventDefault();
    event.stopPropagation();
    (event.currentTarget as HTMLElement).setPointerCapture?.(event.pointerId);
    drag.current = {
      id: target.id,
      mode,
      timeline,
      startMin: minuteAt(timeline, event.clientX),
      original: target,
      moved: false,
    };
  };
  const onPointerMove = (event: PointerEvent) => {
    const current = drag.current;
    if (!current) return;
    const deltaMin = minuteAt(current.timeline, event.clientX) - current.startMin;
    if (Math.abs(deltaMin) < 2 && !current.moved) return;
    current.moved = true;
    const { original } = current;
    setProgramme(current.id, (each) =>
      current.mode === 'move'
        ? { ...each, start: movedStart(original.start, deltaMin) }
        : { ...each, durationMin: resizedDuration(original.durationMin, deltaMin) },
    );
  };
  const onPointerUp = () => {
    const current = drag.current;
    drag.current = null;
    if (current && !current.moved) setSelected(current.id);
  };

  // The keyboard's way: arrows move a programme by a step, with Shift they stretch it; Enter opens it.
  const onBlockKey = (event: KeyboardEvent, target: TvProgramme) => {
    const step = event.key === 'ArrowRight' ? STEP_MIN : event.key === 'ArrowLeft' ? -STEP_MIN : 0;
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      setSelected(target.id);
    } else if (step !== 0) {
      event.preventDefault();
      setProgramme(target.id, (each) =>
        event.shiftKey
          ? { ...each, durationMin: resizedDuration(each.durationMin, step) }
          : { ...each, start: movedStart(each.start, step) },
      );
    }
  };

  const save = async (event: Event) => {
    event.preventDefault();
    try {
      if (channel) await api.tvChannels.update(channel.id, input, channel.version);
      else await api.tvChannels.create(input);
      props.onDone(words.saved(input.name));
    } catch (caught) {
      setError(caught instanceof LinliError ? caught : new LinliError('INTERNAL', String(caught)));
    }
  };

  const hours = Array.from({ length: 24 }, (_, hour) => hour);
  return (
    <form class="editor tv-editor" onSubmit={save}>
      <h2>{channel ? words.editTitle(channel.name) : words.newTitle}</h2>
      <ErrorBox error={error} t={t} />
      <div class="field-row">
        <Field label={words.number} note={problems.note('number')}>
          <input
            name="number"
            inputMode="numeric"
            required
            value={String(input.number)}
            onInput={(event) => {
              const typed = value(event);
              if (/^\d{1,3}$/.test(typed)) setInput({ ...input, number: Number(typed) });
            }}
            {...problems.control('number')}
          />
        </Field>
        <Field label={words.name} note={problems.note('name')}>
          <input
            name="name"
            required
            maxLength={40}
            value={input.name}
            onInput={(event) => setInput({ ...input, name: value(event) })}
            {...problems.control('name')}
          />
        </Field>
        <Field label={words.group} note={problems.note('group')}>
          <input
            name="group"
            maxLength={40}
            value={input.group ?? ''}
            onInput={(event) => {
              const { group: _group, ...rest } = input;
              setInput(value(event) ? { ...rest, group: value(event) } : rest);
            }}
          />
        </Field>
        <Field label={words.timeZone} note={problems.note('timeZone')}>
          <input
            name="timeZone"
            value={input.timeZone}
            onInput={(event) => setInput({ ...input, timeZone: value(event) })}
            {...problems.control('timeZone')}
          />
        </Field>
      </div>
      <fieldset class="choice">
        <legend>{words.visibility}</legend>
        <label>
          <input
            type="radio"
            name="public"
            checked={input.public}
            onChange={() => setInput({ ...input, public: true })}
          />
          {words.isPublic}
        </label>
        <label>
          <input
            type="radio"
            name="public"
            checked={!input.public}
            onChange={() => setInput({ ...input, public: false })}
          />
          {words.isPrivate}
        </label>
        <p class="muted">{words.publicHint}</p>
      </fieldset>
      <TargetPicker
        t={t}
        tree={tree}
        targets={input.targets}
        onChange={(targets) => setInput({ ...input, targets })}
        problems={problems}
      />

      <section class="tv-programmes">
        <h3>{words.programmes}</h3>
        <p class="muted">
          {words.timelineHint} {words.timelineKeys}
        </p>
        <div class="toolbar">
          <label>
            {words.day}
            <input type="date" value={day} onChange={(event) => value(event) && setDay(value(event))} />
          </label>
          <button type="button" onClick={addProgramme}>
            {words.addProgramme}
          </button>
        </div>
        <div class="tv-timeline-scroll" tabIndex={0} aria-label={words.programmes}>
          <div
            class="tv-timeline"
            onPointerMove={onPointerMove}
            onPointerUp={onPointerUp}
            onPointerCancel={onPointerUp}
          >
            {hours.map((hour) => (
              <span key={hour} class="tv-hour" style={{ left: `${(hour / 24) * 100}%` }}>
                {String(hour).padStart(2, '0')}
              </span>
            ))}
            {blocks.map((block, at) => {
              const index = input.programmes.indexOf(block.programme);
              // Keyed by the programme and which of its stretches this is, so a block dragged keeps its element.
              const stretch = blocks.slice(0, at).filter((other) => other.programme === block.programme).length;
              return (
                <div
                  key={`${block.programme.id}-${stretch}`}
                  class="tv-block"
                  data-programme={block.programme.id}
                  data-selected={block.programme.id === selected ? 'true' : undefined}
                  data-problem={problems.has(`programmes/${index}`, true) ? 'true' : undefined}
                  data-continued={block.continued ? 'true' : undefined}
                  style={{
                    left: `${(block.fromMin / DAY_MIN) * 100}%`,
                    width: `${((block.toMin - block.fromMin) / DAY_MIN) * 100}%`,
                  }}
                  role="button"
                  tabIndex={0}
                  aria-pressed={block.programme.id === selected}
                  aria-label={`${block.programme.title} ${block.programme.start} · ${words.minutes(block.programme.durationMin)}`}
                  title={words.timelineKeys}
                  onPointerDown={(event) => onPointerDown(event, block.programme, 'move')}
                  onKeyDown={(event) => onBlockKey(event, block.programme)}
                >
                  <span class="tv-block-title">{block.programme.title}</span>
                  <span class="tv-block-time">{block.programme.start}</span>
                  <span
                    class="tv-block-stretch"
                    aria-hidden="true"
                    onPointerDown={(event) => onPointerDown(event, block.programme, 'stretch')}
                  />
                </div>
              );
            })}
          </div>
        </div>
        {programme && (
          <fieldset class="tv-programme" data-programme-form={programme.id}>
            <legend>
              {words.programme}：{programme.title}
            </legend>
            <div class="field-row">
              <Field label={words.programmeTitle} note={problems.note(`programmes/${programmeIndex}/title`)}>
                <input
                  name="programme-title"
                  maxLength={80}
                  value={programme.title}
                  onInput={(event) => setProgramme(programme.id, (each) => ({ ...each, title: value(event) }))}
                  {...problems.control(`programmes/${programmeIndex}/title`)}
                />
              </Field>
              <Field label={words.category}>
                <input
                  name="programme-category"
                  maxLength={40}
                  value={programme.category ?? ''}
                  onInput={(event) =>
                    setProgramme(programme.id, ({ category: _category, ...rest }) =>
                      value(event) ? { ...rest, category: value(event) } : rest,
                    )
                  }
                />
              </Field>
              <Field label={words.start} note={problems.note(`programmes/${programmeIndex}/start`)}>
                <input
                  name="programme-start"
                  type="time"
                  step={300}
                  value={programme.start}
                  onChange={(event) =>
                    /^\d\d:\d\d$/.test(value(event)) &&
                    setProgramme(programme.id, (each) => ({ ...each, start: value(event) }))
                  }
                />
              </Field>
              <Field label={words.durationMin} note={problems.note(`programmes/${programmeIndex}/durationMin`)}>
                <input
                  name="programme-duration"
                  inputMode="numeric"
                  value={String(programme.durationMin)}
                  onInput={(event) =>
                    /^\d{1,4}$/.test(value(event)) &&
                    setProgramme(programme.id, (each) => ({ ...each, durationMin: Number(value(event)) }))
                  }
                  {...problems.control(`programmes/${programmeIndex}/durationMin`)}
                />
              </Field>
            </div>
            <Field label={words.description}>
              <textarea
                name="programme-description"
                maxLength={500}
                value={programme.description ?? ''}
                onInput={(event) =>
                  setProgramme(programme.id, ({ description: _description, ...rest }) =>
                    value(event) ? { ...rest, description: value(event) } : rest,
                  )
                }
              />
            </Field>
            <div class="field-row">
              <Field label={words.repeat} note={problems.note(`programmes/${programmeIndex}/repeat`, true)}>
                <select
                  name="programme-repeat"
                  value={programme.repeat.every}
                  onChange={(event) => {
                    const every = value(event) as TvProgramme['repeat']['every'];
                    const repeat: TvProgramme['repeat'] =
                      every === 'day'
                        ? { every }
                        : every === 'week'
                          ? { every, weekdays: [1, 2, 3, 4, 5] }
                          : { every, date: day };
                    // A programme on one date has no first or last date.
                    setProgramme(programme.id, ({ firstDate: _first, lastDate: _last, ...rest }) =>
                      every === 'once' ? { ...rest, repeat } : { ...rest, ...datesOf(_first, _last), repeat },
                    );
                  }}
                >
                  {(['day', 'week', 'once'] as const).map((every) => (
                    <option key={every} value={every}>
                      {words.repeats[every]}
                    </option>
                  ))}
                </select>
              </Field>
              {programme.repeat.every === 'week' && (
                <fieldset class="weekdays">
                  {words.weekdays.map((name, index) => {
                    const weekday = index + 1;
                    const repeat = programme.repeat as { every: 'week'; weekdays: number[] };
                    const on = repeat.weekdays.includes(weekday);
                    return (
                      <label key={weekday}>
                        <input
                          type="checkbox"
                          checked={on}
                          onChange={() => {
                            const weekdays = on
                              ? repeat.weekdays.filter((each) => each !== weekday)
                              : [...repeat.weekdays, weekday].sort();
                            if (weekdays.length > 0)
                              setProgramme(programme.id, (each) => ({ ...each, repeat: { every: 'week', weekdays } }));
                          }}
                        />
                        {name}
                      </label>
                    );
                  })}
                </fieldset>
              )}
              {programme.repeat.every === 'once' ? (
                <Field label={words.date}>
                  <input
                    type="date"
                    name="programme-date"
                    value={programme.repeat.date}
                    onChange={(event) =>
                      value(event) &&
                      setProgramme(programme.id, (each) => ({ ...each, repeat: { every: 'once', date: value(event) } }))
                    }
                  />
                </Field>
              ) : (
                <>
                  <Field label={words.firstDate}>
                    <input
                      type="date"
                      name="programme-first"
                      value={programme.firstDate ?? ''}
                      onChange={(event) =>
                        setProgramme(programme.id, ({ firstDate: _first, ...rest }) =>
                          value(event) ? { ...rest, firstDate: value(event) } : rest,
                        )
                      }
                    />
                  </Field>
                  <Field label={words.lastDate} note={problems.note(`programmes/${programmeIndex}/lastDate`)}>
                    <input
                      type="date"
                      name="programme-last"
                      value={programme.lastDate ?? ''}
                      onChange={(event) =>
                        setProgramme(programme.id, ({ lastDate: _last, ...rest }) =>
                          value(event) ? { ...rest, lastDate: value(event) } : rest,
                        )
                      }
                      {...problems.control(`programmes/${programmeIndex}/lastDate`)}
                    />
                  </Field>
                </>
              )}
            </div>
            <h4>{words.items}</h4>
            <p class="muted">{words.itemsHint}</p>
            <TvItemsEditor
              words={words}
              items={programme.items}
              path={`programmes/${programmeIndex}/items`}
              problems={problems}
              media={media}
              notices={props.notices}
              guides={props.guides}
              onChange={(items) => setProgramme(programme.id, (each) => ({ ...each, items }))}
            />
            <button
              type="button"
              class="danger"
              onClick={() => {
                setInput({ ...input, programmes: input.programmes.filter((each) => each.id !== programme.id) });
                setSelected(null);
              }}
            >
              {words.removeProgramme}
            </button>
          </fieldset>
        )}
      </section>

      <section>
        <h3>{words.filler}</h3>
        <p class="muted">{words.fillerHint}</p>
        <TvItemsEditor
          words={words}
          items={input.filler}
          path="filler"
          problems={problems}
          media={media}
          notices={props.notices}
          guides={props.guides}
          onChange={(filler) => setInput({ ...input, filler })}
        />
      </section>

      <section class="tv-epg">
        <h3>{words.epg}</h3>
        <p class="muted">{words.epgHint}</p>
        <div class="tv-epg-days">
          {week.map(({ date, lines }) => (
            <div key={date} class="tv-epg-day">
              <h4>{date}</h4>
              <ul>
                {lines.map((line) => (
                  <li key={`${line.from}-${line.to}`} class={line.programme ? '' : 'muted'}>
                    <time>
                      {line.from}–{line.to}
                    </time>{' '}
                    {line.programme ? line.programme.title : words.gap}
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </div>
      </section>

      <div class="buttons">
        <button type="submit" class="primary">
          {words.save}
        </button>
        <button type="button" onClick={() => props.onDone()}>
          {words.cancel}
        </button>
      </div>
    </form>
  );
}

/** The first number from 1 up that no channel in `taken` has. */
export function freeNumber(taken: readonly number[]): number {
  for (let number = 1; ; number += 1) if (!taken.includes(number)) return number;
}
