/** A signing key for tests, signing the way the admin server does (protocol/src/signage-bundle.ts). */
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import {
  SIGNATURE_CONTEXT,
  type SignagePublicKey,
  type SignagePublication,
  type SignedKeySet,
  type SignedKind,
  type SignedSignage,
} from '@linli/protocol';
import { fullLayout, image, schedule } from '../fixtures';

export interface TestKey {
  publicKey: SignagePublicKey;
  privateKey: KeyObject;
}

export function makeKey(id: string): TestKey {
  const pair = generateKeyPairSync('ed25519');
  const jwk = pair.publicKey.export({ format: 'jwk' });
  return { publicKey: { id, publicKey: jwk.x! }, privateKey: pair.privateKey };
}

export function signed(key: TestKey, kind: SignedKind, payload: string) {
  const signature = sign(null, Buffer.from(SIGNATURE_CONTEXT[kind] + payload, 'utf8'), key.privateKey);
  return { payload, keyId: key.publicKey.id, signature: signature.toString('base64url') };
}

export function publication(id: string, version: number, extra: Partial<SignagePublication> = {}): SignagePublication {
  return {
    id,
    version,
    title: `信息屏 ${id}`,
    publishedAt: `2026-12-0${version}T08:00:00.000Z`,
    // Text only: no file to wait for.
    schedule: {
      ...schedule(),
      layouts: [fullLayout('default', [{ id: 'hello', kind: 'text', text: '欢迎', durationSec: 10 }])],
    },
    ...extra,
  };
}

/** A publication whose only item shows the image file `sha256`. */
export function publicationWithFile(id: string, version: number, sha256: string): SignagePublication {
  const media = { sha256, bytes: 10, mime: 'image/png', name: 'poster.png' };
  const layout = fullLayout('default', [image('poster', 10, { media } as never)]);
  return publication(id, version, { schedule: { ...schedule(), layouts: [layout] } });
}

export function signedBundle(key: TestKey, content: SignagePublication): SignedSignage {
  return { id: content.id, version: content.version, ...signed(key, 'bundle', JSON.stringify(content)) };
}

export function signedKeySet(by: TestKey, keys: TestKey[]): SignedKeySet {
  const payload = { keys: keys.map((key) => key.publicKey), issuedAt: new Date().toISOString() };
  return signed(by, 'keys', JSON.stringify(payload));
}
