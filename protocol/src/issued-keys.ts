/**
 * Keys the admin UI issues for a node to callers outside: Open311 apps and the city platform (the
 * cases they post are taken at the node), IPTV platforms reading private TV channels (the
 * channels placed in the node's subtree). Shown once, stored only as a hash, revoked for good.
 */
import Type from 'typebox';

export const IssuedKeyInput = Type.Object(
  {
    /** Who uses the key: an app, the city platform, an IPTV platform. */
    name: Type.String({ minLength: 1, maxLength: 60 }),
    orgId: Type.Integer({ minimum: 1 }),
  },
  { additionalProperties: false },
);
export type IssuedKeyInput = Type.Static<typeof IssuedKeyInput>;

export const IssuedKeyView = Type.Object({
  id: Type.String(),
  name: Type.String(),
  orgId: Type.Integer(),
  orgName: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  createdBy: Type.String(),
  revokedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});
export type IssuedKeyView = Type.Static<typeof IssuedKeyView>;

/** A key as it is issued: shown this once, stored only as its hash. */
export const IssuedKeyCreated = Type.Object({ ...IssuedKeyView.properties, key: Type.String() });
export type IssuedKeyCreated = Type.Static<typeof IssuedKeyCreated>;

export const IssuedKeyList = Type.Object({ keys: Type.Array(IssuedKeyView) });
export type IssuedKeyList = Type.Static<typeof IssuedKeyList>;
