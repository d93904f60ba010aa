/**
 * Notices, forms, signage and TV channels as readable text, one labelled line per field (a long text indented below its
 * label): what a reviewer reads in full, and what the version history and the review compare line by line.
 */
import {
  GUIDE_CATEGORY_NAMES,
  ID_CARD_FIELD_NAMES,
  NOTICE_KIND_NAMES,
  type FormDataSource,
  type FormInput,
  type Locale,
  type NoticeInput,
  type SignageInput,
  type TvChannelInput,
  type TvItem,
  type TvProgramme,
} from '@linli/protocol';
import type { AdminStrings } from './i18n';
import { usableTimeZone } from './schedule-time';
import { entryLine, itemWords, layoutName, weekdaysWords, windowWords } from './signage-words';
import type { TvPageWords } from './tv-words';

/** `name: value`, or the name alone with the value's lines indented under it. */
export function labelled(name: string, value: string): string[] {
  return value.includes('\n') ? [`${name}:`, ...value.split('\n').map((line) => `  ${line}`)] : [`${name}: ${value}`];
}

const when = (instant: string | null, otherwise: string) => instant?.slice(0, 16).replace('T', ' ') ?? otherwise;

export function noticeText(t: AdminStrings, locale: Locale, notice: NoticeInput): string {
  const words = t.errors.fields;
  return [
    ...labelled(words.title!, notice.title),
    ...labelled(words.kind!, NOTICE_KIND_NAMES[locale][notice.kind]),
    ...labelled(words.publishAt!, when(notice.publishAt, t.onApproval)),
    ...labelled(words.expireAt!, when(notice.expireAt, t.noExpiry)),
    ...labelled(words.attachments!, (notice.attachments ?? []).map((file) => file.name).join('\n') || '—'),
    ...labelled(words.body!, notice.body),
  ].join('\n');
}

/** Where a form field's value comes from, in words. */
export function sourceText(t: AdminStrings, locale: Locale, source: FormDataSource): string {
  const words = t.ui.formSources;
  if (source.from === 'id-card') return words.idCard(ID_CARD_FIELD_NAMES[locale][source.field]);
  if (source.from === 'today') return words.today(source.format);
  if (source.from === 'constant') return words.constant(source.value);
  const notes = [
    source.optional ? words.optional : '',
    source.choices ? words.choices(source.choices) : '',
    source.dateFormat ? words.date : '',
  ].filter(Boolean);
  return words.typed(source.label) + notes.map((note) => `${t.errors.separator}${note}`).join('');
}

export function formText(t: AdminStrings, locale: Locale, form: FormInput): string {
  const words = t.errors.fields;
  const { definition } = form;
  return [
    ...labelled(words.title!, definition.title),
    ...labelled(words.id!, form.id),
    ...labelled(words.category!, GUIDE_CATEGORY_NAMES[locale][form.category]),
    ...labelled(t.formTemplate, `${definition.template} (SHA-256 ${form.templateSha256.slice(0, 12)}…)`),
    ...labelled(t.ui.formMode, t.ui.formModes[definition.mode]),
    ...labelled(
      t.ui.formFields,
      definition.fields.map((field) => `${field.label ?? field.id}: ${sourceText(t, locale, field.source)}`).join('\n'),
    ),
    ...(definition.guideIds?.length ? labelled(t.ui.formGuides, definition.guideIds.join(', ')) : []),
  ].join('\n');
}

/**
 * A publication: its layouts zone by zone with each playlist in order, then the schedule. Notices
 * are named by their titles where `noticeTitle` knows them.
 */
export function signageText(t: AdminStrings, input: SignageInput, noticeTitle: (id: string) => string): string {
  const words = t.ui.signage;
  const { schedule } = input;
  const timeZone = usableTimeZone(schedule.timeZone);
  const defaultIndex = schedule.layouts.findIndex((layout) => layout.id === schedule.defaultLayoutId);
  const layouts = schedule.layouts.flatMap((layout, index) => [
    words.itemLine(layoutName(t, layout, index), words.orientations[layout.orientation]),
    ...layout.zones.flatMap((zone) => [
      `  ${words.zoneText(zone.id, zone.x, zone.y, zone.w, zone.h)}`,
      ...zone.playlist.map((item, n) => `    ${n + 1}. ${itemWords(t, item, timeZone, noticeTitle)}`),
    ]),
  ]);
  return [
    ...labelled(t.errors.fields.title!, input.title),
    ...labelled(t.errors.fields['schedule/timeZone']!, schedule.timeZone),
    ...labelled(words.defaultLayout, layoutName(t, schedule.layouts[defaultIndex], defaultIndex)),
    ...labelled(words.layouts, layouts.join('\n')),
    ...labelled(
      words.entries,
      schedule.entries.map((entry, n) => `${n + 1}. ${entryLine(t, entry, schedule)}`).join('\n') || words.noEntries,
    ),
    ...(schedule.dayparts?.length
      ? labelled(
          words.dayparts,
          schedule.dayparts.map((daypart) => `${daypart.name} ${windowWords(t, daypart)}`).join('\n'),
        )
      : []),
    ...labelled(
      words.operatingHours,
      schedule.operatingHours
        ?.map((hours) => `${weekdaysWords(t, hours.weekdays)} ${windowWords(t, hours)}`)
        .join('\n') ?? words.alwaysOn,
    ),
  ].join('\n');
}

/** What a TV item plays, in words: its kind, what it names and its time on air. */
function tvItemWords(
  words: TvPageWords,
  item: TvItem,
  names: (kind: 'notice' | 'guide', id: string) => string,
): string {
  const what =
    item.kind === 'video' || item.kind === 'image'
      ? item.media.name
      : item.kind === 'notice'
        ? names('notice', item.noticeId)
        : item.kind === 'guide'
          ? names('guide', item.guideId)
          : item.kind === 'live'
            ? item.url
            : item.text;
  const seconds = item.kind === 'video' ? item.lengthSec : item.durationSec;
  return `${words.kinds[item.kind]} ${what} · ${seconds}${words.seconds}`;
}

/** A TV channel: its line-up entry, each programme with its slot, repeat rule and items, then the filler. */
export function tvChannelText(
  words: TvPageWords,
  channel: TvChannelInput,
  names: (kind: 'notice' | 'guide', id: string) => string,
): string {
  const repeatWords = (programme: TvProgramme) => {
    const { repeat } = programme;
    const rule =
      repeat.every === 'week'
        ? `${words.repeats.week} ${repeat.weekdays.map((day) => words.weekdays[day - 1]).join('、')}`
        : repeat.every === 'once'
          ? `${words.repeats.once} ${repeat.date}`
          : words.repeats.day;
    const dates = [programme.firstDate ?? '', programme.lastDate ?? ''].some(Boolean)
      ? ` (${programme.firstDate ?? '…'} – ${programme.lastDate ?? '…'})`
      : '';
    return rule + dates;
  };
  const programmes = channel.programmes.flatMap((programme) => [
    `${programme.start} ${programme.title} · ${words.minutes(programme.durationMin)} · ${repeatWords(programme)}`,
    ...programme.items.map((item, n) => `  ${n + 1}. ${tvItemWords(words, item, names)}`),
  ]);
  return [
    ...labelled(words.number, String(channel.number)),
    ...labelled(words.name, channel.name),
    ...labelled(words.group, channel.group ?? '—'),
    ...labelled(words.visibility, channel.public ? words.isPublic : words.isPrivate),
    ...labelled(words.timeZone, channel.timeZone),
    ...labelled(words.programmes, programmes.join('\n') || '—'),
    ...labelled(
      words.filler,
      channel.filler.map((item, n) => `${n + 1}. ${tvItemWords(words, item, names)}`).join('\n') || '—',
    ),
  ].join('\n');
}
