/**
 * Checks a signed envelope (a signage bundle or key set) against the keys this player trusts:
 * the signature first, over the exact payload text with its context string, and only then the
 * payload is parsed and checked against its schema. Anything else is SIGNATURE_INVALID (or
 * VALIDATION_FAILED for a signed payload that does not fit its schema) and nothing of it is used.
 */
import { createPublicKey, verify } from 'node:crypto';
import { LinliError, SIGNATURE_CONTEXT, parseWith, type SignagePublicKey, type SignedKind } from '@linli/protocol';
import type { Static, TSchema } from 'typebox';

export interface SignedEnvelope {
  payload: string;
  keyId: string;
  signature: string;
}

/** The payload text, once a trusted key's signature over it checks out. */
export function verifiedPayload(envelope: SignedEnvelope, kind: SignedKind, trusted: SignagePublicKey[]): string {
  const key = trusted.find((candidate) => candidate.id === envelope.keyId);
  if (!key)
    throw new LinliError('SIGNATURE_INVALID', `Signed with key "${envelope.keyId}", which this player does not trust`);
  const publicKey = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: key.publicKey }, format: 'jwk' });
  const signed = Buffer.from(SIGNATURE_CONTEXT[kind] + envelope.payload, 'utf8');
  if (!verify(null, signed, publicKey, Buffer.from(envelope.signature, 'base64url')))
    throw new LinliError('SIGNATURE_INVALID', `The signature by key "${envelope.keyId}" does not match the content`);
  return envelope.payload;
}

/** The payload checked for its signature, then parsed and checked against `schema`. */
export function openSigned<S extends TSchema>(
  envelope: SignedEnvelope,
  kind: SignedKind,
  trusted: SignagePublicKey[],
  schema: S,
): Static<S> {
  const text = verifiedPayload(envelope, kind, trusted);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new LinliError('VALIDATION_FAILED', 'The signed payload is not JSON');
  }
  return parseWith(schema, value);
}
