/**
 * Notices (公告) and government-information items (政府信息公开): written by an operator, approved
 * by a second person, shown on the kiosks their targets name between publish and expiry times.
 */
import Type from 'typebox';
import { MediaRef, SHA256_PATTERN } from './media';
import { REVIEW_STATES, ReviewFields, ReviewState, VersionStamp } from './review';
import { NOTICE_KINDS } from './notice-kinds';
import { Targets } from './targets';

export const NoticeKind = Type.Enum(NOTICE_KINDS);
export type NoticeKind = (typeof NOTICE_KINDS)[number];

/** Notices follow the shared review workflow; approval needs someone other than the last editor. */
export const NOTICE_STATES = REVIEW_STATES;
export const NoticeState = ReviewState;
export type NoticeState = ReviewState;

const DateTime = Type.String({ format: 'date-time' });

export const NoticeInput = Type.Object(
  {
    kind: NoticeKind,
    title: Type.String({ minLength: 1, maxLength: 80 }),
    body: Type.String({ minLength: 1, maxLength: 20_000, description: 'Plain text; blank lines separate paragraphs' }),
    publishAt: Type.Union([DateTime, Type.Null()], { description: 'Shown from this time; null = as soon as approved' }),
    expireAt: Type.Union([DateTime, Type.Null()], { description: 'Hidden from this time; null = until withdrawn' }),
    targets: Targets,
    attachments: Type.Optional(
      Type.Array(
        Type.Object(
          { sha256: Type.String({ pattern: SHA256_PATTERN }), name: Type.String({ minLength: 1, maxLength: 200 }) },
          { additionalProperties: false },
        ),
        {
          maxItems: 10,
          description: 'Files from the media library: images and videos shown with the notice, PDFs listed',
        },
      ),
    ),
  },
  { additionalProperties: false },
);
export type NoticeInput = Type.Static<typeof NoticeInput>;

/** What devices receive: the approved version, its window and nothing about its authors. */
export const DeviceNotice = Type.Object({
  id: Type.String(),
  kind: NoticeKind,
  title: Type.String(),
  body: Type.String(),
  publishAt: Type.String(),
  expireAt: Type.Union([Type.String(), Type.Null()]),
  version: Type.Integer(),
  issuer: Type.String({ description: 'The organisation that issues it, e.g. 安和街道办事处' }),
  attachments: Type.Array(MediaRef, { description: 'Shown only once every file is on the device and verified' }),
});
export type DeviceNotice = Type.Static<typeof DeviceNotice>;

export const NoticeView = Type.Object({
  id: Type.String(),
  orgId: Type.Integer(),
  ...ReviewFields,
  editor: Type.String({ description: 'Who saved the newest version; someone else must approve it' }),
  ...NoticeInput.properties,
});
export type NoticeView = Type.Static<typeof NoticeView>;

export const NoticeListQuery = Type.Object({
  state: Type.Optional(NoticeState),
  kind: Type.Optional(NoticeKind),
  q: Type.Optional(Type.String({ maxLength: 40 })),
  orgId: Type.Optional(Type.Integer({ minimum: 1 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
});
export type NoticeListQuery = Type.Static<typeof NoticeListQuery>;

export const NoticeList = Type.Object({ notices: Type.Array(NoticeView), total: Type.Integer() });

/** Who could approve a notice the signed-in user writes: fewer than two means nobody else can, yet. */
export const NoticeApprovers = Type.Object({
  approvers: Type.Integer({
    description:
      "Enabled users allowed to review content at the user's node or above (the user included): the ones whose reach covers the user's notices",
  }),
});
export type NoticeApprovers = Type.Static<typeof NoticeApprovers>;
export type NoticeList = Type.Static<typeof NoticeList>;

export const NoticeVersion = Type.Object({
  ...VersionStamp,
  ...NoticeInput.properties,
});
export type NoticeVersion = Type.Static<typeof NoticeVersion>;
export const NoticeHistory = Type.Object({ versions: Type.Array(NoticeVersion) });
export type NoticeHistory = Type.Static<typeof NoticeHistory>;

/** True while a device should show the notice: published, not yet expired. */
export function noticeShownAt(notice: Pick<DeviceNotice, 'publishAt' | 'expireAt'>, now: Date): boolean {
  const at = now.toISOString();
  return notice.publishAt <= at && (notice.expireAt === null || notice.expireAt > at);
}
