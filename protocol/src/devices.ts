/** Device enrollment and the fleet view in the admin UI. */
import Type from 'typebox';
import { PeripheralHealth } from './peripherals';

export const EnrollRequest = Type.Object(
  {
    code: Type.String({ minLength: 4, maxLength: 64 }),
    name: Type.String({ minLength: 1, maxLength: 100, description: 'Where the device stands, e.g. 安和街道便民服务中心大厅' }),
  },
  { additionalProperties: false },
);
export type EnrollRequest = Type.Static<typeof EnrollRequest>;

export const EnrollReply = Type.Object({
  deviceId: Type.String(),
  secret: Type.String({ description: 'Shown once; the device sends `Authorization: Bearer <deviceId>.<secret>`' }),
});
export type EnrollReply = Type.Static<typeof EnrollReply>;

export const DeviceView = Type.Object({
  id: Type.String(),
  name: Type.String(),
  enrolledAt: Type.String(),
  revoked: Type.Boolean(),
  lastSeenAt: Type.Union([Type.String(), Type.Null()]),
  appVersion: Type.Union([Type.String(), Type.Null()]),
  cursor: Type.Union([Type.Integer(), Type.Null()]),
  uptimeSec: Type.Union([Type.Integer(), Type.Null()]),
  peripherals: Type.Array(PeripheralHealth, { description: 'As of the last heartbeat; empty when the kiosk reported none' }),
});
export type DeviceView = Type.Static<typeof DeviceView>;

/** The `Authorization` header value a device sends. */
export function deviceAuthorization(deviceId: string, secret: string): string {
  return `Bearer ${deviceId}.${secret}`;
}
