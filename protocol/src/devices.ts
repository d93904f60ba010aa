/** Device enrollment and the fleet view in the admin UI. */
import Type from 'typebox';
import { PeripheralHealth } from './peripherals';
import { SignagePublicKey } from './signage-bundle';
import { ReleaseChannel, UpdateReport } from './releases';
import { ScreenReport } from './sync';

/** Device kinds: a kiosk (guides, forms, peripherals) or a signage player (screens). */
export const DEVICE_KINDS = ['kiosk', 'player'] as const;
export const DeviceKind = Type.Enum(DEVICE_KINDS);
export type DeviceKind = (typeof DEVICE_KINDS)[number];

export const EnrollRequest = Type.Object(
  {
    code: Type.String({ minLength: 4, maxLength: 64 }),
    name: Type.String({
      minLength: 1,
      maxLength: 100,
      description: 'Where the device stands, e.g. 安和街道便民服务中心大厅',
    }),
    kind: Type.Optional(DeviceKind),
  },
  { additionalProperties: false },
);
export type EnrollRequest = Type.Static<typeof EnrollRequest>;

export const EnrollReply = Type.Object({
  deviceId: Type.String(),
  secret: Type.String({ description: 'Shown once; the device sends `Authorization: Bearer <deviceId>.<secret>`' }),
  signageKeys: Type.Optional(
    Type.Array(SignagePublicKey, {
      description: 'For players: the keys signage bundles are signed with, trusted from enrollment on',
    }),
  ),
});
export type EnrollReply = Type.Static<typeof EnrollReply>;

/** A device that has not sent a heartbeat for this long counts as offline (3 missed beats at the default 60 s). */
export const DEVICE_OFFLINE_AFTER_SEC = 180;

/** A point in WGS 84 degrees, as CAP areas give theirs (a map app's 经纬度; GCJ-02 maps are off by a few hundred metres). */
export const DeviceLocation = Type.Object(
  {
    latitude: Type.Number({ minimum: -90, maximum: 90 }),
    longitude: Type.Number({ minimum: -180, maximum: 180 }),
  },
  { additionalProperties: false },
);
export type DeviceLocation = Type.Static<typeof DeviceLocation>;

/** Sets (or, with null, clears) where a device stands. */
export const DeviceLocationInput = Type.Object(
  { location: Type.Union([DeviceLocation, Type.Null()]) },
  { additionalProperties: false },
);
export type DeviceLocationInput = Type.Static<typeof DeviceLocationInput>;

export const DeviceView = Type.Object({
  id: Type.String(),
  name: Type.String(),
  kind: DeviceKind,
  enrolledAt: Type.String(),
  revoked: Type.Boolean(),
  lastSeenAt: Type.Union([Type.String(), Type.Null()]),
  online: Type.Boolean({ description: `A heartbeat within the last ${DEVICE_OFFLINE_AFTER_SEC} s` }),
  appVersion: Type.Union([Type.String(), Type.Null()]),
  updateChannel: ReleaseChannel,
  update: Type.Union([UpdateReport, Type.Null()], { description: "The updater's step as of the last heartbeat" }),
  storageFull: Type.Boolean({ description: 'Its disk had no room for new content, as of the last heartbeat' }),
  cursor: Type.Union([Type.Integer(), Type.Null()]),
  uptimeSec: Type.Union([Type.Integer(), Type.Null()]),
  peripherals: Type.Array(PeripheralHealth, {
    description: 'As of the last heartbeat; empty when the kiosk reported none',
  }),
  orgId: Type.Integer(),
  groupIds: Type.Array(Type.Integer()),
  screen: Type.Union([ScreenReport, Type.Null()], { description: "A player's screen as of its last heartbeat" }),
  location: Type.Union([DeviceLocation, Type.Null()], {
    description: 'Where it stands, set in the fleet view: alerts whose area is a polygon or circle reach it by this',
  }),
});
export type DeviceView = Type.Static<typeof DeviceView>;

/** The `Authorization` header value a device sends. */
export function deviceAuthorization(deviceId: string, secret: string): string {
  return `Bearer ${deviceId}.${secret}`;
}

/** An enrollment code enrolls devices into one org node, until it expires or is used up. */
export const EnrollmentCodeInput = Type.Object(
  {
    orgId: Type.Integer({ minimum: 1 }),
    validDays: Type.Integer({ minimum: 1, maximum: 365 }),
    maxUses: Type.Union([Type.Integer({ minimum: 1, maximum: 1000 }), Type.Null()], {
      description: '1 for a single device; null for any number until expiry',
    }),
  },
  { additionalProperties: false },
);
export type EnrollmentCodeInput = Type.Static<typeof EnrollmentCodeInput>;

export const EnrollmentCodeView = Type.Object({
  code: Type.String(),
  orgId: Type.Integer(),
  expiresAt: Type.String(),
  maxUses: Type.Union([Type.Integer(), Type.Null()]),
  uses: Type.Integer(),
  revoked: Type.Boolean(),
  createdBy: Type.String(),
  createdAt: Type.String(),
});
export type EnrollmentCodeView = Type.Static<typeof EnrollmentCodeView>;
export const EnrollmentCodeList = Type.Object({ codes: Type.Array(EnrollmentCodeView) });
export type EnrollmentCodeList = Type.Static<typeof EnrollmentCodeList>;

/** Devices grouped across the tree (e.g. every hall's lobby screen), for targeting content. */
export const DeviceGroupInput = Type.Object(
  { orgId: Type.Integer({ minimum: 1 }), name: Type.String({ minLength: 1, maxLength: 40 }) },
  { additionalProperties: false },
);
export type DeviceGroupInput = Type.Static<typeof DeviceGroupInput>;
export const DeviceGroup = Type.Object({
  id: Type.Integer(),
  orgId: Type.Integer(),
  name: Type.String(),
  deviceIds: Type.Array(Type.String()),
});
export type DeviceGroup = Type.Static<typeof DeviceGroup>;
export const DeviceGroupList = Type.Object({ groups: Type.Array(DeviceGroup) });
export type DeviceGroupList = Type.Static<typeof DeviceGroupList>;
export const GroupMembers = Type.Object(
  { deviceIds: Type.Array(Type.String({ maxLength: 64 }), { maxItems: 5000 }) },
  { additionalProperties: false },
);
export type GroupMembers = Type.Static<typeof GroupMembers>;
