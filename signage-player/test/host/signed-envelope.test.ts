import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LinliError, SignagePublication } from '@linli/protocol';
import { openSigned } from '../../host/signed-envelope';
import { nextTrustedKeys } from '../../host/key-trust';
import { makeKey, publication, signed, signedBundle, signedKeySet } from './signer';

const oldKey = makeKey('k1');
const newKey = makeKey('k2');
const refused = (code: string) => (error: unknown) => error instanceof LinliError && error.code === code;

test('a bundle signed by a trusted key opens to its publication', () => {
  const content = publication('hall', 1);
  const opened = openSigned(signedBundle(oldKey, content), 'bundle', [oldKey.publicKey], SignagePublication);
  assert.deepEqual(opened, content);
});

test('a bundle changed after signing, signed by an unknown key, or signed as a key set is refused', () => {
  const bundle = signedBundle(oldKey, publication('hall', 1));
  const tampered = { ...bundle, payload: bundle.payload.replace('信息屏', '假消息') };
  assert.throws(
    () => openSigned(tampered, 'bundle', [oldKey.publicKey], SignagePublication),
    refused('SIGNATURE_INVALID'),
  );
  assert.throws(
    () => openSigned(bundle, 'bundle', [newKey.publicKey], SignagePublication),
    (error: unknown) => refused('SIGNATURE_INVALID')(error) && /does not trust/.test((error as Error).message),
  );
  // The same payload signed for the other context: a key set's signature never passes as a bundle's.
  const asKeys = { ...bundle, ...signed(oldKey, 'keys', bundle.payload) };
  assert.throws(
    () => openSigned(asKeys, 'bundle', [oldKey.publicKey], SignagePublication),
    refused('SIGNATURE_INVALID'),
  );
});

test('a signed payload that does not fit the schema is VALIDATION_FAILED, after its signature checked out', () => {
  const envelope = { id: 'x', version: 1, ...signed(oldKey, 'bundle', JSON.stringify({ id: 'x' })) };
  assert.throws(
    () => openSigned(envelope, 'bundle', [oldKey.publicKey], SignagePublication),
    refused('VALIDATION_FAILED'),
  );
});

test('rotation: {old, new} signed by old is taken, then {new} signed by new; a set signed by an untrusted key is not', () => {
  const both = nextTrustedKeys([oldKey.publicKey], signedKeySet(oldKey, [oldKey, newKey]));
  assert.deepEqual(both, [oldKey.publicKey, newKey.publicKey]);
  const onlyNew = nextTrustedKeys(both, signedKeySet(newKey, [newKey]));
  assert.deepEqual(onlyNew, [newKey.publicKey]);
  // A player that missed the first step does not trust the new key yet, so it cannot take the second.
  assert.throws(
    () => nextTrustedKeys([oldKey.publicKey], signedKeySet(newKey, [newKey])),
    refused('SIGNATURE_INVALID'),
  );
});
