/**
 * Signage content as the admin server publishes it and a player receives it: a publication (a
 * titled schedule for its targets) reviewed like notices, and sent **signed** (Ed25519) so that a
 * player plays nothing the server did not sign, whatever carried it.
 *
 * Signed envelope: `payload` is the exact JSON text that was signed; the signature covers the
 * UTF-8 bytes of `SIGNATURE_CONTEXT[kind] + payload`, so a signature made for a key set can never
 * pass as one for a bundle. A player checks the signature before it parses the payload, then
 * checks the payload against its schema.
 *
 * Trust: a player trusts the key set it was given at enrollment (or pinned in its configuration).
 * A new key set is accepted only when signed by a key the player trusts now, so the server rotates
 * its key in two steps: publish {old, new} signed by old, re-sign the bundles with new, then
 * publish {new} signed by new (docs/operators/signage-keys.md).
 */
import Type from 'typebox';
import type { PlayerNotice, PlayerView } from './player-view';
import { ReviewFields, ReviewState, VersionStamp } from './review';
import { SignageSchedule } from './signage';
import { Targets } from './targets';

export const SIGNATURE_CONTEXT = {
  bundle: 'linli-signage-bundle-v1\n',
  keys: 'linli-signage-keys-v1\n',
  // A TV channel's schedule (tv-channels.ts): signed like a bundle, never taken for one.
  channel: 'linli-tv-channel-v1\n',
} as const;
export type SignedKind = keyof typeof SIGNATURE_CONTEXT;

const Base64Url = (description: string, minLength: number, maxLength: number) =>
  Type.String({ pattern: '^[A-Za-z0-9_-]+$', minLength, maxLength, description });

export const SigningKeyId = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_.:-]+$' });

/** One Ed25519 public key: `publicKey` is the raw 32 bytes, base64url (a JWK's `x`). */
export const SignagePublicKey = Type.Object(
  { id: SigningKeyId, publicKey: Base64Url('Raw Ed25519 public key, base64url', 43, 43) },
  { additionalProperties: false },
);
export type SignagePublicKey = Type.Static<typeof SignagePublicKey>;

/** What every signed feed entity carries: the signed text, the key's id and the signature. */
export const signedFields = {
  payload: Type.String({ minLength: 2, maxLength: 2_000_000, description: 'The signed JSON text' }),
  keyId: SigningKeyId,
  signature: Base64Url('Ed25519 signature over the context string and the payload, base64url', 86, 86),
};

/** The keys a player trusts, as the payload of a signed key set. */
export const SignageKeySetPayload = Type.Object(
  {
    keys: Type.Array(SignagePublicKey, { minItems: 1, maxItems: 8 }),
    issuedAt: Type.String({ format: 'date-time' }),
  },
  { additionalProperties: false },
);
export type SignageKeySetPayload = Type.Static<typeof SignageKeySetPayload>;

/** Feed entity `signage-keys` (id `current`): the key set, signed by a key of the set before it. */
export const SignedKeySet = Type.Object(signedFields, { additionalProperties: false });
export type SignedKeySet = Type.Static<typeof SignedKeySet>;

/** What a publication's signed payload holds: its identity (so a bundle cannot be passed off as another or an older one) and the schedule. */
export const SignagePublication = Type.Object(
  {
    id: Type.String({ minLength: 1, maxLength: 64 }),
    version: Type.Integer({ minimum: 1 }),
    title: Type.String({ minLength: 1, maxLength: 80 }),
    publishedAt: Type.String({ format: 'date-time' }),
    schedule: SignageSchedule,
  },
  { additionalProperties: false },
);
export type SignagePublication = Type.Static<typeof SignagePublication>;

/** Feed entity `signage`: one publication for this player, signed. */
export const SignedSignage = Type.Object(
  { id: Type.String({ minLength: 1, maxLength: 64 }), version: Type.Integer({ minimum: 1 }), ...signedFields },
  { additionalProperties: false },
);
export type SignedSignage = Type.Static<typeof SignedSignage>;

/** What editors save (admin API): a schedule for screens, reviewed before it is published. */
export const SignageInput = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 80 }),
    schedule: SignageSchedule,
    targets: Targets,
  },
  { additionalProperties: false },
);
export type SignageInput = Type.Static<typeof SignageInput>;

/** A publication as the admin API shows it: the newest saved version and where its review stands. */
export const SignageView = Type.Object({
  id: Type.String(),
  orgId: Type.Integer(),
  ...ReviewFields,
  editor: Type.String({ description: 'Who saved the newest version; someone else must approve it' }),
  ...SignageInput.properties,
});
export type SignageView = Type.Static<typeof SignageView>;

export const SignageListQuery = Type.Object({
  state: Type.Optional(ReviewState),
  q: Type.Optional(Type.String({ maxLength: 40 })),
  orgId: Type.Optional(Type.Integer({ minimum: 1 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
});
export type SignageListQuery = Type.Static<typeof SignageListQuery>;

export const SignageList = Type.Object({ publications: Type.Array(SignageView), total: Type.Integer() });
export type SignageList = Type.Static<typeof SignageList>;

export const SignageVersion = Type.Object({ ...VersionStamp, ...SignageInput.properties });
export type SignageVersion = Type.Static<typeof SignageVersion>;
export const SignageHistory = Type.Object({ versions: Type.Array(SignageVersion) });
export type SignageHistory = Type.Static<typeof SignageHistory>;

/**
 * What the admin UI's signage editor sends the player preview it frames (/admin/signage-preview.html,
 * the web player fed by messages instead of a host) as the editor changes: the publication as
 * edited, the notices its items may show, and the instant (epoch ms) the preview shows it at.
 */
export interface SignagePreviewMessage {
  kind: 'linli-signage-preview';
  publication: NonNullable<PlayerView['publication']>;
  notices: PlayerNotice[];
  at: number;
}
export const SIGNAGE_PREVIEW_MESSAGE = 'linli-signage-preview';
