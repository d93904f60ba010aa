/** Request and reply shapes of the admin UI's API (`/api/v1/admin/...`). */
import Type from 'typebox';
import { Guide, GuideCategory, GuideFile, GuideInput } from './guide';
import { ReviewFields, ReviewState, VersionStamp } from './review';
import { DeviceView } from './devices';
import { CSRF_HEADER, Role } from './org';

export const LoginRequest = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 64 }),
    password: Type.String({ minLength: 1, maxLength: 200 }),
    totp: Type.Optional(
      Type.String({ maxLength: 10, description: 'The authenticator code, for users who turned two-step sign-in on' }),
    ),
  },
  { additionalProperties: false },
);
export type LoginRequest = Type.Static<typeof LoginRequest>;

export const SessionView = Type.Object({
  username: Type.String(),
  displayName: Type.String(),
  role: Role,
  orgId: Type.Integer(),
  permissions: Type.Array(Type.String()),
  totpEnabled: Type.Boolean(),
  mustChangePassword: Type.Boolean({
    description:
      'The password was set by someone else (a new account, a reset, a generated first password): until the user sets their own, the admin API answers only the session, sign-out and password change (403 PASSWORD_CHANGE_REQUIRED)',
  }),
  csrfToken: Type.String({
    description: `Send back as the ${CSRF_HEADER} header on every request that changes something`,
  }),
});
export type SessionView = Type.Static<typeof SessionView>;

export const GuideListQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 100 })),
  category: Type.Optional(GuideCategory),
  published: Type.Optional(Type.Boolean({ description: 'true: a version is live on devices' })),
  state: Type.Optional(ReviewState),
  offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
});
export type GuideListQuery = Type.Static<typeof GuideListQuery>;

/**
 * A guide as editors see it: the newest saved version with its review state. `published` is true
 * while some version is live on devices, which may be older than the one shown here.
 */
export const GuideView = Type.Object({ ...Guide.properties, ...ReviewFields });
export type GuideView = Type.Static<typeof GuideView>;

export const GuideVersion = Type.Object({ ...VersionStamp, ...GuideInput.properties });
export type GuideVersion = Type.Static<typeof GuideVersion>;
export const GuideHistory = Type.Object({ versions: Type.Array(GuideVersion) });
export type GuideHistory = Type.Static<typeof GuideHistory>;

export const GuideListItem = Type.Pick(GuideView, [
  'id',
  'category',
  'title',
  'published',
  'version',
  'updatedAt',
  'state',
  'liveVersion',
  'reviewComment',
]);
export type GuideListItem = Type.Static<typeof GuideListItem>;
export const GuideList = Type.Object({ guides: Type.Array(GuideListItem), total: Type.Integer() });
export type GuideList = Type.Static<typeof GuideList>;

export const PublishRequest = Type.Object({ published: Type.Boolean() }, { additionalProperties: false });

export const ImportReply = Type.Object({ created: Type.Integer(), updated: Type.Integer(), unchanged: Type.Integer() });
export type ImportReply = Type.Static<typeof ImportReply>;

export const ExportReply = GuideFile;

export const DeviceList = Type.Object({
  devices: Type.Array(DeviceView),
  enrollmentCode: Type.Union([Type.String(), Type.Null()], {
    description: 'The deployment-wide code, for system administrators only',
  }),
});
export type DeviceList = Type.Static<typeof DeviceList>;

export const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });
