/**
 * Community TV channels (社区电视频道): a channel is a linear schedule of programmes on the wall
 * clock of its time zone. Set-top boxes and the server's HLS output work out what plays from the
 * clock and the schedule alone (tv-schedule.ts), so every box shows the same item at the same
 * offset. A programme repeats every day, on chosen weekdays or once; its items loop from its
 * start for its length. Where no programme runs the filler loops (a card with the channel's name
 * when there is none). Channels are reviewed content: a second person approves every version.
 */
import Type from 'typebox';
import type { ErrorDetail } from './errors';
import { MediaRef } from './media';
import { ReviewFields, ReviewState, VersionStamp } from './review';
import { signedFields } from './signage-bundle';
import { Targets } from './targets';
import { validationErrors } from './validation';
import { isTimeZone } from './zoned-time';

const TvId = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_.:-]+$' });
const ClockTime = Type.String({
  pattern: '^([01]\\d|2[0-3]):[0-5]\\d$',
  description: '24-hour wall-clock time, e.g. 19:30',
});
const LocalDate = Type.String({ format: 'date', description: 'A date in the channel time zone, e.g. 2026-12-01' });
const DurationSec = Type.Integer({ minimum: 1, maximum: 86_400, description: 'Seconds on air' });

const tvItem = <K extends string, P extends Type.TProperties>(kind: K, properties: P) =>
  Type.Object({ id: TvId, kind: Type.Literal(kind), ...properties }, { additionalProperties: false });

/** What a programme or the filler plays, one after another. */
export const TvItem = Type.Union([
  tvItem('video', {
    media: MediaRef,
    lengthSec: Type.Number({ minimum: 0.1, maximum: 86_400, description: "The video's own length" }),
  }),
  tvItem('image', { media: MediaRef, durationSec: DurationSec }),
  // A notice as a slide; one that is withdrawn or expired is skipped (the filler shows in its time).
  tvItem('notice', { noticeId: Type.String({ minLength: 1, maxLength: 64 }), durationSec: DurationSec }),
  // A service guide in the spotlight: its name, what to bring and where to go.
  tvItem('guide', { guideId: Type.String({ minLength: 1, maxLength: 64 }), durationSec: DurationSec }),
  // A live HLS source relayed for its time (a council meeting, the city channel).
  tvItem('live', { url: Type.String({ pattern: '^https?://[^\\s]+$', maxLength: 2000 }), durationSec: DurationSec }),
  // A plain text card (an ident, 节目预告).
  tvItem('card', { text: Type.String({ minLength: 1, maxLength: 200 }), durationSec: DurationSec }),
]);
export type TvItem = Type.Static<typeof TvItem>;
export type TvItemKind = TvItem['kind'];

export const TvRepeat = Type.Union([
  Type.Object({ every: Type.Literal('day') }, { additionalProperties: false }),
  Type.Object(
    {
      every: Type.Literal('week'),
      weekdays: Type.Array(Type.Integer({ minimum: 1, maximum: 7 }), { minItems: 1, maxItems: 7, uniqueItems: true }),
    },
    { additionalProperties: false },
  ),
  Type.Object({ every: Type.Literal('once'), date: LocalDate }, { additionalProperties: false }),
]);
export type TvRepeat = Type.Static<typeof TvRepeat>;

/** A programme (节目): its slot on the clock, how it repeats, and the items it loops through. */
export const TvProgramme = Type.Object(
  {
    id: TvId,
    title: Type.String({ minLength: 1, maxLength: 80 }),
    description: Type.Optional(Type.String({ maxLength: 500 })),
    category: Type.Optional(Type.String({ maxLength: 40, description: 'The guide category, e.g. 新闻, 政务' })),
    start: ClockTime,
    durationMin: Type.Integer({ minimum: 1, maximum: 1440 }),
    repeat: TvRepeat,
    firstDate: Type.Optional(Type.String({ format: 'date', description: 'Repeats from this day on' })),
    lastDate: Type.Optional(Type.String({ format: 'date', description: 'Repeats until this day, included' })),
    items: Type.Array(TvItem, { minItems: 1, maxItems: 200, description: 'Played in order from the start, looped' }),
  },
  { additionalProperties: false },
);
export type TvProgramme = Type.Static<typeof TvProgramme>;

/** A channel's line-up entry and schedule: what editors save, and (with its id) what boxes receive. */
export const TvChannelFields = {
  number: Type.Integer({ minimum: 1, maximum: 999, description: 'The number residents key on the remote' }),
  name: Type.String({ minLength: 1, maxLength: 40 }),
  group: Type.Optional(Type.String({ maxLength: 40, description: "The M3U's group-title" })),
  public: Type.Boolean({ description: 'Listed in /tv/channels.m3u without a token' }),
  timeZone: Type.String({ minLength: 1, maxLength: 64, description: 'IANA zone, e.g. Asia/Shanghai' }),
  programmes: Type.Array(TvProgramme, { maxItems: 500 }),
  filler: Type.Array(TvItem, { maxItems: 50, description: 'Loops wherever no programme runs' }),
};

export const TvChannelInput = Type.Object({ ...TvChannelFields, targets: Targets }, { additionalProperties: false });
export type TvChannelInput = Type.Static<typeof TvChannelInput>;

/** A guide's spotlight as a channel carries it (boxes are not sent guides): its name and a few lines. */
export const TvGuideSpotlight = Type.Object(
  {
    guideId: Type.String({ minLength: 1, maxLength: 64 }),
    title: Type.String({ minLength: 1, maxLength: 120 }),
    lines: Type.Array(Type.String({ maxLength: 200 }), { maxItems: 8 }),
  },
  { additionalProperties: false },
);
export type TvGuideSpotlight = Type.Static<typeof TvGuideSpotlight>;

/** A channel as boxes and the HLS output read it: the live version's schedule, with its guides' spotlights. */
export const TvChannelSchedule = Type.Object(
  {
    id: TvId,
    version: Type.Integer({ minimum: 1 }),
    ...TvChannelFields,
    spotlights: Type.Array(TvGuideSpotlight, { maxItems: 200 }),
  },
  { additionalProperties: false },
);
export type TvChannelSchedule = Type.Static<typeof TvChannelSchedule>;

/** Feed entity `tv-channel`: one channel for this box, signed with the signage key. */
export const SignedTvChannel = Type.Object(
  { id: TvId, version: Type.Integer({ minimum: 1 }), ...signedFields },
  { additionalProperties: false },
);
export type SignedTvChannel = Type.Static<typeof SignedTvChannel>;

export const TvChannelView = Type.Object({
  id: Type.String(),
  orgId: Type.Integer(),
  ...ReviewFields,
  editor: Type.String({ description: 'Who saved the newest version; someone else must approve it' }),
  ...TvChannelInput.properties,
});
export type TvChannelView = Type.Static<typeof TvChannelView>;

export const TvChannelListQuery = Type.Object({
  state: Type.Optional(ReviewState),
  q: Type.Optional(Type.String({ maxLength: 40 })),
  orgId: Type.Optional(Type.Integer({ minimum: 1 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
});
export type TvChannelListQuery = Type.Static<typeof TvChannelListQuery>;

export const TvChannelList = Type.Object({ channels: Type.Array(TvChannelView), total: Type.Integer() });
export type TvChannelList = Type.Static<typeof TvChannelList>;

export const TvChannelVersion = Type.Object({ ...VersionStamp, ...TvChannelInput.properties });
export type TvChannelVersion = Type.Static<typeof TvChannelVersion>;
export const TvChannelHistory = Type.Object({ versions: Type.Array(TvChannelVersion) });
export type TvChannelHistory = Type.Static<typeof TvChannelHistory>;

function itemProblems(items: TvItem[], path: string): ErrorDetail[] {
  return items.flatMap((item, index) =>
    items.findIndex((other) => other.id === item.id) === index
      ? []
      : [{ path: `${path}/${index}/id`, message: `item id "${item.id}" is used twice in this list` }],
  );
}

/** What the schema cannot say about a channel: a real time zone, unique ids, ordered dates. */
export function tvChannelProblems(channel: Omit<TvChannelInput, 'targets'>): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  if (!isTimeZone(channel.timeZone))
    problems.push({ path: '/timeZone', message: `"${channel.timeZone}" is not an IANA time zone` });
  channel.programmes.forEach((programme, index) => {
    const at = `/programmes/${index}`;
    if (channel.programmes.findIndex((other) => other.id === programme.id) !== index)
      problems.push({ path: `${at}/id`, message: `programme id "${programme.id}" is used twice` });
    if (programme.firstDate && programme.lastDate && programme.firstDate > programme.lastDate)
      problems.push({ path: `${at}/lastDate`, message: 'must not be before firstDate' });
    if (programme.repeat.every === 'once' && (programme.firstDate || programme.lastDate))
      problems.push({ path: `${at}/repeat`, message: 'a programme on one date has no first or last date' });
    problems.push(...itemProblems(programme.items, `${at}/items`));
  });
  problems.push(...itemProblems(channel.filler, '/filler'));
  return problems;
}

/** Every problem of a channel as field details (schema first, then consistency); none when it is usable. */
export function tvChannelErrors(value: unknown): ErrorDetail[] {
  const schemaProblems = validationErrors(TvChannelInput, value);
  return schemaProblems.length > 0 ? schemaProblems : tvChannelProblems(value as TvChannelInput);
}

/** A channel's live HLS output as the admin UI shows it (the stream the server produces). */
export const TvStreamStatus = Type.Object({
  channelId: Type.String(),
  state: Type.Enum(['starting', 'running', 'restarting', 'stopped']),
  /** Bits per second of the segments listed now; null before the first. */
  bitrate: Type.Union([Type.Integer(), Type.Null()]),
  segments: Type.Integer(),
  lastSegmentAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  lastError: Type.Union([
    Type.Object({
      at: Type.String({ format: 'date-time' }),
      message: Type.String(),
      itemId: Type.Optional(Type.String()),
    }),
    Type.Null(),
  ]),
  restarts: Type.Integer(),
  skipped: Type.Integer(),
  /** The stream's playlist for the admin UI's preview (signed in), under the admin API. */
  path: Type.String(),
});
export type TvStreamStatus = Type.Static<typeof TvStreamStatus>;

export const TvStreamList = Type.Object({
  /** False when this server produces no streams (LINLI_TV_STREAMS=off). */
  streaming: Type.Boolean(),
  streams: Type.Array(TvStreamStatus),
});
export type TvStreamList = Type.Static<typeof TvStreamList>;
