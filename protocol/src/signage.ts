/**
 * Signage: layouts of zones on a grid, a playlist per zone, and the schedule a screen follows
 * (entries with dates, weekdays and time windows or dayparts, priorities, interrupts with a share
 * of voice, a default layout, operating hours). Times of day and dates are wall-clock times in the
 * schedule's IANA time zone; instants (validity, creation) are ISO date-times.
 * The admin server checks a schedule before sending it and the player checks it again on receipt,
 * both with `parseSignageSchedule`.
 */
import Type from 'typebox';
import { LinliError, type ErrorDetail } from './errors';
import { MediaRef } from './media';
import { SIGNAGE_GRID } from './signage-grid';
import { validationErrors } from './validation';
import { isTimeZone } from './zoned-time';

export const ORIENTATIONS = ['landscape', 'portrait'] as const;
export const Orientation = Type.Enum(ORIENTATIONS);
export type Orientation = (typeof ORIENTATIONS)[number];

export const TRANSITIONS = ['none', 'fade', 'slide'] as const;
export const Transition = Type.Enum(TRANSITIONS);
export type Transition = (typeof TRANSITIONS)[number];

const SignageId = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_.:-]+$' });
const CLOCK = '^([01]\\d|2[0-3]):[0-5]\\d$';
const ClockTime = Type.String({ pattern: CLOCK, description: '24-hour wall-clock time, e.g. 07:30' });
const LocalDate = Type.String({ format: 'date', description: 'A date in the schedule time zone, e.g. 2026-05-01' });
const DurationSec = Type.Integer({ minimum: 1, maximum: 86_400, description: 'Seconds on screen' });

/** What every playlist item has: an id kept across edits (the player's place follows it), validity, a transition. */
const ItemFields = {
  id: SignageId,
  validFrom: Type.Optional(Type.String({ format: 'date-time', description: 'Not shown before this instant' })),
  validUntil: Type.Optional(Type.String({ format: 'date-time', description: 'Not shown from this instant on' })),
  transition: Type.Optional(Transition),
};

const item = <K extends string, P extends Type.TProperties>(kind: K, properties: P) =>
  Type.Object({ ...ItemFields, kind: Type.Literal(kind), ...properties }, { additionalProperties: false });

export const PlaylistItem = Type.Union([
  item('image', { media: MediaRef, durationSec: DurationSec }),
  item('video', {
    media: MediaRef,
    lengthSec: Type.Number({ minimum: 0.1, maximum: 86_400, description: "The video's own length" }),
    durationSec: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 86_400, description: 'Cut or loop to this length instead of its own' }),
    ),
  }),
  item('notice', { noticeId: Type.String({ minLength: 1, maxLength: 64 }), durationSec: DurationSec }),
  item('web', { url: Type.String({ pattern: '^https?://[^\\s]+$', maxLength: 2000 }), durationSec: DurationSec }),
  item('pdf', {
    media: MediaRef,
    pageCount: Type.Integer({ minimum: 1, maximum: 500 }),
    pageSec: Type.Integer({ minimum: 1, maximum: 3600, description: 'Seconds per page; the item lasts every page' }),
  }),
  item('clock', { show: Type.Enum(['time', 'date', 'date-time']), durationSec: DurationSec }),
  item('text', { text: Type.String({ minLength: 1, maxLength: 2000 }), durationSec: DurationSec }),
  item('ticker', { text: Type.String({ minLength: 1, maxLength: 500 }), durationSec: DurationSec }),
  // A service hall's calling display (叫号屏): the player follows the hall's calls live.
  item('queue-calls', {
    hallId: Type.Integer({ minimum: 1, description: 'The service hall whose calls show' }),
    durationSec: DurationSec,
    announce: Type.Boolean({ description: 'Each new call also chimes and is spoken: 请 A012 号到 3 号窗口办理' }),
  }),
]);
export type PlaylistItem = Type.Static<typeof PlaylistItem>;
export type PlaylistItemKind = PlaylistItem['kind'];

const GridCell = Type.Integer({ minimum: 0, maximum: SIGNAGE_GRID - 1 });
const GridSpan = Type.Integer({ minimum: 1, maximum: SIGNAGE_GRID });

export const Zone = Type.Object(
  {
    id: SignageId,
    x: GridCell,
    y: GridCell,
    w: GridSpan,
    h: GridSpan,
    playlist: Type.Array(PlaylistItem, { maxItems: 200, description: 'Played in order, then from the start' }),
  },
  { additionalProperties: false },
);
export type Zone = Type.Static<typeof Zone>;

export const Layout = Type.Object(
  {
    id: SignageId,
    name: Type.Optional(Type.String({ maxLength: 80 })),
    orientation: Orientation,
    zones: Type.Array(Zone, { minItems: 1, maxItems: 16 }),
  },
  { additionalProperties: false },
);
export type Layout = Type.Static<typeof Layout>;

/** From `from` up to (not including) `to`; `to` before `from` runs past midnight into the next day. */
export const TimeWindow = Type.Object({ from: ClockTime, to: ClockTime }, { additionalProperties: false });
export type TimeWindow = Type.Static<typeof TimeWindow>;

/** ISO weekday numbers: 1 = Monday … 7 = Sunday. */
const Weekdays = Type.Array(Type.Integer({ minimum: 1, maximum: 7 }), { minItems: 1, maxItems: 7, uniqueItems: true });

/** A named, reusable window (e.g. 早间 06:00–09:00). */
export const Daypart = Type.Object(
  { id: SignageId, name: Type.String({ minLength: 1, maxLength: 40 }), ...TimeWindow.properties },
  { additionalProperties: false },
);
export type Daypart = Type.Static<typeof Daypart>;

export const ScheduleEntry = Type.Object(
  {
    id: SignageId,
    layoutId: SignageId,
    priority: Type.Integer({ minimum: 0, maximum: 100, description: 'The highest active priority wins' }),
    createdAt: Type.String({ format: 'date-time', description: 'Among equal priorities the newer entry wins' }),
    startDate: Type.Optional(LocalDate),
    endDate: Type.Optional(Type.String({ format: 'date', description: 'Last day, included' })),
    weekdays: Type.Optional(Weekdays),
    window: Type.Optional(TimeWindow),
    dayparts: Type.Optional(Type.Array(SignageId, { minItems: 1, maxItems: 20, uniqueItems: true })),
    interrupt: Type.Optional(
      Type.Object(
        {
          sharePercent: Type.Integer({
            minimum: 1,
            maximum: 100,
            description: 'Share of every hour, spread over it, taken from what would show otherwise',
          }),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export type ScheduleEntry = Type.Static<typeof ScheduleEntry>;

/** The screen is on inside any of these windows (a window belongs to the weekdays it starts on). */
export const OperatingHours = Type.Object(
  { weekdays: Weekdays, ...TimeWindow.properties },
  { additionalProperties: false },
);
export type OperatingHours = Type.Static<typeof OperatingHours>;

export const SignageSchedule = Type.Object(
  {
    timeZone: Type.String({ minLength: 1, maxLength: 64, description: 'IANA zone of the screen, e.g. Asia/Shanghai' }),
    layouts: Type.Array(Layout, { minItems: 1, maxItems: 100 }),
    dayparts: Type.Optional(Type.Array(Daypart, { maxItems: 50 })),
    entries: Type.Array(ScheduleEntry, { maxItems: 500 }),
    defaultLayoutId: Type.String({ description: 'Shown when no entry is active' }),
    operatingHours: Type.Optional(
      Type.Array(OperatingHours, { minItems: 1, maxItems: 21, description: 'Left out: the screen never turns off' }),
    ),
  },
  { additionalProperties: false },
);
export type SignageSchedule = Type.Static<typeof SignageSchedule>;

/** What the schema cannot say about a layout: unique ids, zones inside the canvas and apart. */
export function layoutProblems(layout: Layout, path = ''): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  layout.zones.forEach((zone, index) => {
    const at = `${path}/zones/${index}`;
    if (layout.zones.findIndex((other) => other.id === zone.id) !== index)
      problems.push({ path: `${at}/id`, message: `zone id "${zone.id}" is used twice` });
    if (zone.x + zone.w > SIGNAGE_GRID)
      problems.push({ path: `${at}/w`, message: `zone "${zone.id}" reaches past the right edge of the grid` });
    if (zone.y + zone.h > SIGNAGE_GRID)
      problems.push({ path: `${at}/h`, message: `zone "${zone.id}" reaches past the bottom edge of the grid` });
    layout.zones.slice(0, index).forEach((other) => {
      const apart =
        zone.x >= other.x + other.w ||
        other.x >= zone.x + zone.w ||
        zone.y >= other.y + other.h ||
        other.y >= zone.y + zone.h;
      if (!apart) problems.push({ path: at, message: `zone "${zone.id}" overlaps zone "${other.id}"` });
    });
    zone.playlist.forEach((entry, itemIndex) => {
      const itemAt = `${at}/playlist/${itemIndex}`;
      // The player keeps its place by item id, so two items with one id would be one place.
      if (zone.playlist.findIndex((other) => other.id === entry.id) !== itemIndex)
        problems.push({ path: `${itemAt}/id`, message: `item id "${entry.id}" is used twice in this playlist` });
      if (entry.validFrom && entry.validUntil && Date.parse(entry.validFrom) >= Date.parse(entry.validUntil))
        problems.push({ path: `${itemAt}/validUntil`, message: 'must be after validFrom' });
    });
  });
  return problems;
}

const sameEnds = (window: TimeWindow) => window.from === window.to;
const EQUAL_ENDS = 'must differ from "from": leave the window out for the whole day';

/** What the schema cannot say about a schedule: references resolve, ids are unique, ranges are ordered. */
export function signageScheduleProblems(schedule: SignageSchedule): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  if (!isTimeZone(schedule.timeZone))
    problems.push({ path: '/timeZone', message: `"${schedule.timeZone}" is not an IANA time zone` });
  const layouts = new Map(schedule.layouts.map((layout) => [layout.id, layout]));
  const defaultLayout = layouts.get(schedule.defaultLayoutId);
  if (!defaultLayout) problems.push({ path: '/defaultLayoutId', message: `no layout "${schedule.defaultLayoutId}"` });
  schedule.layouts.forEach((layout, index) => {
    if (schedule.layouts.findIndex((other) => other.id === layout.id) !== index)
      problems.push({ path: `/layouts/${index}/id`, message: `layout id "${layout.id}" is used twice` });
    // One screen has one orientation; the default layout says which.
    if (defaultLayout && layout.orientation !== defaultLayout.orientation)
      problems.push({
        path: `/layouts/${index}/orientation`,
        message: `layout "${layout.id}" is ${layout.orientation} but the default layout is ${defaultLayout.orientation}`,
      });
    problems.push(...layoutProblems(layout, `/layouts/${index}`));
  });
  const dayparts = schedule.dayparts ?? [];
  dayparts.forEach((daypart, index) => {
    if (dayparts.findIndex((other) => other.id === daypart.id) !== index)
      problems.push({ path: `/dayparts/${index}/id`, message: `daypart id "${daypart.id}" is used twice` });
    if (sameEnds(daypart)) problems.push({ path: `/dayparts/${index}/to`, message: EQUAL_ENDS });
  });
  schedule.entries.forEach((entry, index) => {
    const at = `/entries/${index}`;
    if (schedule.entries.findIndex((other) => other.id === entry.id) !== index)
      problems.push({ path: `${at}/id`, message: `entry id "${entry.id}" is used twice` });
    if (!layouts.has(entry.layoutId))
      problems.push({ path: `${at}/layoutId`, message: `no layout "${entry.layoutId}"` });
    if (entry.startDate && entry.endDate && entry.startDate > entry.endDate)
      problems.push({ path: `${at}/endDate`, message: 'must not be before startDate' });
    if (entry.window && entry.dayparts)
      problems.push({ path: `${at}/dayparts`, message: 'give either a window or dayparts, not both' });
    if (entry.window && sameEnds(entry.window)) problems.push({ path: `${at}/window/to`, message: EQUAL_ENDS });
    (entry.dayparts ?? []).forEach((id, daypartIndex) => {
      if (!dayparts.some((daypart) => daypart.id === id))
        problems.push({ path: `${at}/dayparts/${daypartIndex}`, message: `no daypart "${id}"` });
    });
  });
  (schedule.operatingHours ?? []).forEach((hours, index) => {
    if (sameEnds(hours)) problems.push({ path: `/operatingHours/${index}/to`, message: EQUAL_ENDS });
  });
  return problems;
}

/** Every problem of a schedule as field details (schema first, then consistency); none when it is usable. */
export function signageScheduleErrors(value: unknown): ErrorDetail[] {
  const schemaProblems = validationErrors(SignageSchedule, value);
  return schemaProblems.length > 0 ? schemaProblems : signageScheduleProblems(value as SignageSchedule);
}

/** The schedule typed, or VALIDATION_FAILED naming every bad field. */
export function parseSignageSchedule(value: unknown): SignageSchedule {
  const details = signageScheduleErrors(value);
  if (details.length > 0) {
    const first = details[0]!;
    throw new LinliError('VALIDATION_FAILED', `Signage schedule: ${first.path}: ${first.message}`, details);
  }
  return value as SignageSchedule;
}

export const LAYOUT_PRESETS = ['full', 'main-side', 'main-ticker', 'main-side-ticker', 'grid-2x2'] as const;
export type LayoutPreset = (typeof LAYOUT_PRESETS)[number];

type Box = readonly [id: string, x: number, y: number, w: number, h: number];

/**
 * Zone boxes per preset and orientation. Portrait stacks what landscape puts side by side (a
 * side column 3 cells wide would be a sliver on a portrait screen); a ticker is always one row at
 * the bottom.
 */
const PRESET_BOXES: Record<LayoutPreset, Record<Orientation, readonly Box[]>> = {
  full: { landscape: [['main', 0, 0, 12, 12]], portrait: [['main', 0, 0, 12, 12]] },
  'main-side': {
    landscape: [
      ['main', 0, 0, 9, 12],
      ['side', 9, 0, 3, 12],
    ],
    portrait: [
      ['main', 0, 0, 12, 8],
      ['side', 0, 8, 12, 4],
    ],
  },
  'main-ticker': {
    landscape: [
      ['main', 0, 0, 12, 11],
      ['ticker', 0, 11, 12, 1],
    ],
    portrait: [
      ['main', 0, 0, 12, 11],
      ['ticker', 0, 11, 12, 1],
    ],
  },
  'main-side-ticker': {
    landscape: [
      ['main', 0, 0, 9, 11],
      ['side', 9, 0, 3, 11],
      ['ticker', 0, 11, 12, 1],
    ],
    portrait: [
      ['main', 0, 0, 12, 7],
      ['side', 0, 7, 12, 4],
      ['ticker', 0, 11, 12, 1],
    ],
  },
  'grid-2x2': {
    landscape: [
      ['top-left', 0, 0, 6, 6],
      ['top-right', 6, 0, 6, 6],
      ['bottom-left', 0, 6, 6, 6],
      ['bottom-right', 6, 6, 6, 6],
    ],
    portrait: [
      ['top-left', 0, 0, 6, 6],
      ['top-right', 6, 0, 6, 6],
      ['bottom-left', 0, 6, 6, 6],
      ['bottom-right', 6, 6, 6, 6],
    ],
  },
};

/** A layout from a preset, its zones' playlists empty for the editor to fill. */
export function presetLayout(preset: LayoutPreset, orientation: Orientation, id: string, name?: string): Layout {
  return {
    id,
    ...(name === undefined ? {} : { name }),
    orientation,
    zones: PRESET_BOXES[preset][orientation].map(([zoneId, x, y, w, h]) => ({ id: zoneId, x, y, w, h, playlist: [] })),
  };
}
