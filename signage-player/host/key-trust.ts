/**
 * The signage keys a player trusts, moved forward only by a key set signed with a key it trusts
 * now (protocol/src/signage-bundle.ts explains the two-step rotation).
 */
import { SignageKeySetPayload, type SignagePublicKey, type SignedKeySet } from '@linli/protocol';
import { openSigned } from './signed-envelope';

/** The keys to trust from now on: the set's own, when signed by one of `trusted`; else SIGNATURE_INVALID. */
export function nextTrustedKeys(trusted: SignagePublicKey[], keySet: SignedKeySet): SignagePublicKey[] {
  return openSigned(keySet, 'keys', trusted, SignageKeySetPayload).keys;
}

export function sameKeys(a: SignagePublicKey[], b: SignagePublicKey[]): boolean {
  const text = (keys: SignagePublicKey[]) =>
    keys
      .map((key) => `${key.id}=${key.publicKey}`)
      .sort()
      .join(',');
  return text(a) === text(b);
}
