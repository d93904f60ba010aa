/**
 * Forwarding cases to the city's citizen-voice platform (市民心声/12345) by webhook, and its updates
 * coming back. No city publishes an interface for this (civic reference §3), so this is ours: a
 * JSON case POSTed to the platform, and JSON updates POSTed back to /api/v1/city/updates, each body
 * signed with HMAC-SHA256 under the secret both sides hold (CITY_SIGNATURE_HEADER:
 * `t=<unix seconds>,v1=<hex of HMAC(secret, "<t>.<body>")>`, refused when older than 5 minutes).
 */
import Type from 'typebox';
import { CASE_NATURES, CASE_URGENCIES } from './case-deadlines';
import { CaseContact, CaseLocation, CASE_TRACKING_PATTERN } from './cases';

export const CITY_SIGNATURE_HEADER = 'x-linli-signature';
export const CITY_SIGNATURE_MAX_AGE_SEC = 300;
export const CITY_UPDATES_PATH = '/api/v1/city/updates';

/** A case as the platform receives it: everything it needs to handle it and call the resident back. */
export const CityForward = Type.Object({
  tracking: Type.String({ pattern: CASE_TRACKING_PATTERN }),
  nature: Type.Enum(CASE_NATURES),
  category: Type.String(),
  categoryName: Type.String(),
  urgency: Type.Enum(CASE_URGENCIES),
  description: Type.String(),
  location: Type.Optional(CaseLocation),
  contact: Type.Optional(CaseContact),
  receivedAt: Type.String({ format: 'date-time' }),
  replyBy: Type.String(),
  /** Where it was taken: the node's name and division code. */
  takenAt: Type.Object({ name: Type.String(), code: Type.String() }),
});
export type CityForward = Type.Static<typeof CityForward>;

/** What the platform answers a forward with: its own id for the case. */
export const CityForwardReply = Type.Object({ externalId: Type.String({ minLength: 1, maxLength: 64 }) });
export type CityForwardReply = Type.Static<typeof CityForwardReply>;

/**
 * accepted: the platform took it (签收); replied: it answered the resident (答复); closed: 办结;
 * returned: it sends the case back (退回), with the reason.
 */
export const CITY_UPDATE_STATUSES = ['accepted', 'replied', 'closed', 'returned'] as const;
export type CityUpdateStatus = (typeof CITY_UPDATE_STATUSES)[number];

export const CityUpdate = Type.Object(
  {
    tracking: Type.String({ pattern: CASE_TRACKING_PATTERN }),
    externalId: Type.String({ minLength: 1, maxLength: 64 }),
    status: Type.Enum(CITY_UPDATE_STATUSES),
    /** replied, closed: what the resident was told; returned: why. */
    text: Type.Optional(Type.String({ minLength: 1, maxLength: 4000 })),
  },
  { additionalProperties: false },
);
export type CityUpdate = Type.Static<typeof CityUpdate>;
