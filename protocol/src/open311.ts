/**
 * Open311 GeoReport v2 (wiki.open311.org/GeoReport_v2) as this server speaks it at /open311/v2/:
 * the admin UI's API keys (each issued for a node: the cases it posts are taken there), and the
 * shape of a request as the spec's JSON gives it. Linli's cases keep their own states; at this
 * boundary they are only open or closed.
 */
import Type from 'typebox';

export const OPEN311_PATH = '/open311/v2';

export const Open311KeyInput = Type.Object(
  {
    /** Who uses the key: an app, the city platform. */
    name: Type.String({ minLength: 1, maxLength: 60 }),
    /** Where the cases it posts are taken (受理点). */
    orgId: Type.Integer({ minimum: 1 }),
  },
  { additionalProperties: false },
);
export type Open311KeyInput = Type.Static<typeof Open311KeyInput>;

export const Open311KeyView = Type.Object({
  id: Type.String(),
  name: Type.String(),
  orgId: Type.Integer(),
  orgName: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  createdBy: Type.String(),
  revokedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});
export type Open311KeyView = Type.Static<typeof Open311KeyView>;

/** A key as it is issued: shown this once, stored only as its hash. */
export const Open311KeyCreated = Type.Object({ ...Open311KeyView.properties, key: Type.String() });
export type Open311KeyCreated = Type.Static<typeof Open311KeyCreated>;

export const Open311KeyList = Type.Object({ keys: Type.Array(Open311KeyView) });
export type Open311KeyList = Type.Static<typeof Open311KeyList>;
