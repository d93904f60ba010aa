/**
 * Emergency alerts (预警信息) received as OASIS CAP 1.2 documents from registered alert sources
 * (预警信息源): the CAP vocabulary, what devices receive on the feed, and the admin API's shapes.
 *
 * What is shown: `status` Actual (and Test / Exercise, flagged `test`, for screens marked for
 * tests), `msgType` Alert or Update, `scope` Public, until the earliest `expires` of its info
 * blocks or until an Update or Cancel names it in `references`. System, Draft, Ack and Error
 * messages, and Restricted or Private ones, are kept for administrators and never sent to devices.
 */
import Type from 'typebox';

export const CAP_NAMESPACE = 'urn:oasis:names:tc:emergency:cap:1.2';
export const CAP_CONTENT_TYPES = ['application/cap+xml', 'application/xml', 'text/xml'] as const;
/** Largest CAP document accepted; real ones are a few kilobytes. */
export const CAP_MAX_BYTES = 256 * 1024;

export const CAP_STATUSES = ['Actual', 'Exercise', 'System', 'Test', 'Draft'] as const;
export const CAP_MSG_TYPES = ['Alert', 'Update', 'Cancel', 'Ack', 'Error'] as const;
export const CAP_SCOPES = ['Public', 'Restricted', 'Private'] as const;
export const CAP_CATEGORIES = [
  'Geo',
  'Met',
  'Safety',
  'Security',
  'Rescue',
  'Fire',
  'Health',
  'Env',
  'Transport',
  'Infra',
  'CBRNE',
  'Other',
] as const;
export const CAP_RESPONSE_TYPES = [
  'Shelter',
  'Evacuate',
  'Prepare',
  'Execute',
  'Avoid',
  'Monitor',
  'Assess',
  'AllClear',
  'None',
] as const;
/** Most urgent first. */
export const CAP_URGENCIES = ['Immediate', 'Expected', 'Future', 'Past', 'Unknown'] as const;
/** Most severe first: order alerts by this index. */
export const CAP_SEVERITIES = ['Extreme', 'Severe', 'Moderate', 'Minor', 'Unknown'] as const;
export const CAP_CERTAINTIES = ['Observed', 'Likely', 'Possible', 'Unlikely', 'Unknown'] as const;

export type CapStatus = (typeof CAP_STATUSES)[number];
export type CapMsgType = (typeof CAP_MSG_TYPES)[number];
export type CapScope = (typeof CAP_SCOPES)[number];
export type CapSeverity = (typeof CAP_SEVERITIES)[number];

export type CapUrgency = (typeof CAP_URGENCIES)[number];
export type CapCertainty = (typeof CAP_CERTAINTIES)[number];

/** One language block (`<info>`) as devices receive it. */
export const DeviceAlertInfo = Type.Object({
  language: Type.String({ description: 'RFC 3066 tag, e.g. zh-CN; blocks come preferred first (zh-CN, zh, en)' }),
  category: Type.Array(Type.Enum(CAP_CATEGORIES)),
  event: Type.String({ description: 'e.g. 暴雨红色预警' }),
  urgency: Type.Enum(CAP_URGENCIES),
  severity: Type.Enum(CAP_SEVERITIES),
  certainty: Type.Enum(CAP_CERTAINTIES),
  responseType: Type.Array(Type.Enum(CAP_RESPONSE_TYPES)),
  senderName: Type.Union([Type.String(), Type.Null()]),
  headline: Type.Union([Type.String(), Type.Null()]),
  description: Type.Union([Type.String(), Type.Null()]),
  instruction: Type.Union([Type.String(), Type.Null()]),
  web: Type.Union([Type.String(), Type.Null()]),
  contact: Type.Union([Type.String(), Type.Null()]),
  effective: Type.Union([Type.String(), Type.Null()]),
  onset: Type.Union([Type.String(), Type.Null()]),
  expires: Type.Union([Type.String(), Type.Null()]),
  areaDesc: Type.Array(Type.String(), { description: 'The areas named in the block, e.g. 临江市安和区' }),
});
export type DeviceAlertInfo = Type.Static<typeof DeviceAlertInfo>;

/**
 * An emergency alert as devices receive it: shown over everything while `effective <= now <
 * expires` on the device's clock. The top-level text is the preferred block's (zh-CN first);
 * `info` keeps every block for other display languages. A `test` alert (status Test or Exercise)
 * is shown only on screens marked for tests, and labelled as a test.
 */
export const DeviceAlert = Type.Object({
  id: Type.String({ description: "The server's id; an Update arrives as a new id and a tombstone for the old" }),
  status: Type.Union([Type.Literal('Actual'), Type.Literal('Exercise'), Type.Literal('Test')]),
  test: Type.Boolean({ description: 'True for Test and Exercise: never to look like a real alert' }),
  msgType: Type.Union([Type.Literal('Alert'), Type.Literal('Update')]),
  sender: Type.String(),
  senderName: Type.String({ description: 'e.g. 临江市气象台 (the sender when the message names no senderName)' }),
  sent: Type.String(),
  effective: Type.String({ description: 'When to start showing it (the sent time when no block says)' }),
  expires: Type.Union([Type.String(), Type.Null()], { description: 'The earliest expires of its blocks' }),
  event: Type.String(),
  headline: Type.String({ description: 'The headline, or the event when the block has none' }),
  description: Type.Union([Type.String(), Type.Null()]),
  instruction: Type.Union([Type.String(), Type.Null()]),
  severity: Type.Enum(CAP_SEVERITIES),
  urgency: Type.Enum(CAP_URGENCIES),
  certainty: Type.Enum(CAP_CERTAINTIES),
  language: Type.String(),
  info: Type.Array(DeviceAlertInfo),
});
export type DeviceAlert = Type.Static<typeof DeviceAlert>;

// ---- admin API ---------------------------------------------------------------------------------

/**
 * How often a source's feed is polled, in seconds: every minute unless set, from 15 s to an hour
 * (after repeated failures the server waits longer, up to 15 minutes or the interval if longer).
 */
export const ALERT_FEED_POLL_SEC = { default: 60, min: 15, max: 3600 } as const;
/** The longest feed address accepted. */
export const ALERT_FEED_URL_MAX = 2000;

const FeedUrl = Type.String({
  minLength: 1,
  maxLength: ALERT_FEED_URL_MAX,
  description:
    'An http or https address the server polls: one CAP 1.2 or GB/T 35965.1 document, or an Atom or RSS 2.0 index linking to them. ' +
    'Credentials in it (https://user:password@host/…, or a key, token or signature in the query) are used but never shown back',
});
const PollSec = Type.Integer({
  minimum: ALERT_FEED_POLL_SEC.min,
  maximum: ALERT_FEED_POLL_SEC.max,
  description: `Seconds between polls (default ${ALERT_FEED_POLL_SEC.default})`,
});

export const AlertSourceInput = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 60, description: 'e.g. 临江市预警信息发布中心' }),
    feedUrl: Type.Optional(FeedUrl),
    pollSec: Type.Optional(PollSec),
  },
  { additionalProperties: false },
);
export type AlertSourceInput = Type.Static<typeof AlertSourceInput>;

/** Sets a source's feed (the same address as shown keeps the stored one, credentials and all), or clears it with null. */
export const AlertFeedInput = Type.Object(
  { feedUrl: Type.Union([FeedUrl, Type.Null()]), pollSec: Type.Optional(PollSec) },
  { additionalProperties: false },
);
export type AlertFeedInput = Type.Static<typeof AlertFeedInput>;

/** A coded failure of the last poll: FEED_UNREACHABLE, FEED_INVALID or CAP_INVALID, with what and where. */
export const AlertFeedError = Type.Object({ code: Type.String(), message: Type.String() });
export type AlertFeedError = Type.Static<typeof AlertFeedError>;

export const AlertFeedView = Type.Object({
  url: Type.String({ description: 'The address, credentials replaced by ***' }),
  pollSec: Type.Integer(),
  lastPolledAt: Type.Union([Type.String(), Type.Null()], { description: 'null until the first poll' }),
  lastError: Type.Union([AlertFeedError, Type.Null()], { description: 'null when the last poll went well' }),
  lastTaken: Type.Union([Type.Integer(), Type.Null()], {
    description: 'Documents the last poll fetched and received (0 when the feed had nothing new)',
  }),
  nextPollAt: Type.Union([Type.String(), Type.Null()], { description: 'null for a revoked source' }),
});
export type AlertFeedView = Type.Static<typeof AlertFeedView>;

export const AlertSourceView = Type.Object({
  id: Type.String(),
  name: Type.String(),
  createdAt: Type.String(),
  createdBy: Type.String(),
  revokedAt: Type.Union([Type.String(), Type.Null()]),
  feed: Type.Union([AlertFeedView, Type.Null()], {
    description: 'The feed the server polls for this source, if any (a source may also push)',
  }),
});
export type AlertSourceView = Type.Static<typeof AlertSourceView>;

/** The source with its key, shown this once: only a hash is stored. */
export const AlertSourceCreated = Type.Object({
  ...AlertSourceView.properties,
  key: Type.String({ description: 'Send as `Authorization: Bearer <key>`; shown only now' }),
});
export type AlertSourceCreated = Type.Static<typeof AlertSourceCreated>;

export const AlertSourceList = Type.Object({ sources: Type.Array(AlertSourceView) });
export type AlertSourceList = Type.Static<typeof AlertSourceList>;

/**
 * Where an alert stands: `active` (sent to the devices of its nodes), `expired`, `cancelled`,
 * `superseded` (an Update replaced it), `withheld` (never shown: System, Draft, Ack, Error,
 * Restricted or Private, or a Cancel message itself).
 */
export const ALERT_STATES = ['active', 'expired', 'cancelled', 'superseded', 'withheld'] as const;
export type AlertState = (typeof ALERT_STATES)[number];

export const AlertArea = Type.Object({
  areaDesc: Type.String(),
  geocodes: Type.Array(Type.Object({ valueName: Type.String(), value: Type.String() })),
  polygons: Type.Array(Type.Array(Type.Tuple([Type.Number(), Type.Number()])), {
    description: 'Closed rings of [latitude, longitude] (WGS 84); they reach the devices located inside',
  }),
  circles: Type.Array(
    Type.Object({ latitude: Type.Number(), longitude: Type.Number(), radiusKm: Type.Number({ minimum: 0 }) }),
  ),
});
export type AlertArea = Type.Static<typeof AlertArea>;

export const AlertView = Type.Object({
  id: Type.String(),
  source: Type.String({ description: 'The alert source it came through' }),
  sender: Type.String(),
  identifier: Type.String(),
  sent: Type.String(),
  status: Type.Enum(CAP_STATUSES),
  msgType: Type.Enum(CAP_MSG_TYPES),
  scope: Type.Enum(CAP_SCOPES),
  receivedAt: Type.String(),
  expiresAt: Type.Union([Type.String(), Type.Null()]),
  state: Type.Enum(ALERT_STATES),
  endedAt: Type.Union([Type.String(), Type.Null()]),
  endedBy: Type.Union([Type.String(), Type.Null()], { description: 'The Update or Cancel that ended it' }),
  orgIds: Type.Array(Type.Integer(), {
    description: 'The topmost organisation nodes its area covers (each with its subtree); empty: no node matched',
  }),
  deviceIds: Type.Array(Type.String(), {
    description: 'Devices its polygons and circles reached by their location (set in the fleet view) when it arrived',
  }),
  areas: Type.Array(AlertArea),
  /** The references it names, as `sender,identifier,sent`. */
  references: Type.Array(Type.String()),
  alert: Type.Union([DeviceAlert, Type.Null()], { description: 'What devices receive (null for a Cancel)' }),
});
export type AlertView = Type.Static<typeof AlertView>;

export const AlertListQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
});
export type AlertListQuery = Type.Static<typeof AlertListQuery>;

export const AlertList = Type.Object({
  alerts: Type.Array(AlertView, { description: 'Active ones first, then the most recently received' }),
});
export type AlertList = Type.Static<typeof AlertList>;

/** The reply to a CAP document: 201 when it is new, 200 with the stored one when it was received before. */
export const CapReceipt = Type.Object({
  duplicate: Type.Boolean(),
  alert: AlertView,
  /** Ids of the alerts it ended (Update, Cancel). */
  ended: Type.Array(Type.String()),
});
export type CapReceipt = Type.Static<typeof CapReceipt>;
