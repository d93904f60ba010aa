/**
 * A street of players for content signed for them (signage, TV channels): two communities with a
 * player each and a kiosk, a street administrator; pulling like a device, checking a signature as
 * a player does, and publishing through a second person.
 */
import assert from 'node:assert/strict';
import { createPublicKey, verify } from 'node:crypto';
import {
  PROTOCOL_VERSION,
  PROTOCOL_VERSION_HEADER,
  SIGNATURE_CONTEXT,
  deviceAuthorization,
  type Change,
  type SignagePublicKey,
  type SignedKind,
} from '@linli/protocol';
import type { backends } from './backends';
import { startApp, type AdminHeaders } from './app-harness';

const PASSWORD = 'Linli2026signage';

/** A player's check of a signed envelope: the signature by the named key over the context and the exact payload. */
export function signedBy(
  envelope: { payload: string; keyId: string; signature: string },
  kind: SignedKind,
  key: SignagePublicKey,
) {
  assert.equal(envelope.keyId, key.id, `signed by ${key.id}`);
  const publicKey = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: key.publicKey }, format: 'jwk' });
  return verify(
    null,
    Buffer.from(SIGNATURE_CONTEXT[kind] + envelope.payload, 'utf8'),
    publicKey,
    Buffer.from(envelope.signature, 'base64url'),
  );
}

/** A street (安和) with two communities, a street administrator, a player and a kiosk in each community. */
export async function hall(
  t: Parameters<typeof startApp>[0],
  backend: (typeof backends)[number],
  options: Parameters<typeof startApp>[3] = {},
) {
  const harness = await startApp(t, await backend.open(t), undefined, options);
  const { app, admin, root, call, signInAs } = harness;
  const node = async (parentId: number, name: string, code: string) =>
    (await call(admin, 'POST', '/orgs', { parentId, name, code })).json() as { id: number };
  const anhe = await node(root.id, '安和街道', '330188001000');
  const linjiang = await node(anhe.id, '临江社区', '330188001001');
  const wanghu = await node(anhe.id, '望湖社区', '330188001002');
  const created = await call(admin, 'POST', '/users', {
    username: 'anhe.admin',
    displayName: '安和管理员',
    role: 'street-admin',
    orgId: anhe.id,
    password: PASSWORD,
    mustChangePassword: false,
  });
  assert.equal(created.statusCode, 201, created.body);
  const streetAdmin = await signInAs('anhe.admin', PASSWORD);

  const device = async (orgId: number, name: string, kind?: 'kiosk' | 'player') => {
    const code = (await call(admin, 'POST', '/enrollment-codes', { orgId, validDays: 7, maxUses: 1 })).json()
      .code as string;
    const reply = await app.inject({
      method: 'POST',
      url: '/api/v1/devices/enroll',
      payload: { code, name, ...(kind && { kind }) },
    });
    assert.equal(reply.statusCode, 200, reply.body);
    const enrolled = reply.json() as { deviceId: string; secret: string; signageKeys?: SignagePublicKey[] };
    const headers = {
      authorization: deviceAuthorization(enrolled.deviceId, enrolled.secret),
      [PROTOCOL_VERSION_HEADER]: String(PROTOCOL_VERSION),
    };
    let cursor = 0;
    /** Pulls like a device and returns the changes that came since the last pull. */
    const pull = async (): Promise<Change[]> => {
      const changes: Change[] = [];
      for (;;) {
        const page = await app.inject({ url: `/api/v1/sync/changes?cursor=${cursor}&limit=3`, headers });
        assert.equal(page.statusCode, 200, page.body);
        const body = page.json() as { changes: Change[]; nextCursor: number; hasMore: boolean };
        changes.push(...body.changes);
        cursor = body.nextCursor;
        if (!body.hasMore) return changes;
      }
    };
    return { deviceId: enrolled.deviceId, signageKeys: enrolled.signageKeys, pull };
  };
  return {
    ...harness,
    anhe,
    linjiang,
    wanghu,
    streetAdmin,
    device,
    linjiangPlayer: await device(linjiang.id, '临江社区大厅屏', 'player'),
    wanghuPlayer: await device(wanghu.id, '望湖社区大厅屏', 'player'),
    linjiangKiosk: await device(linjiang.id, '临江社区一号机'),
  };
}

export const upload = async (
  app: Awaited<ReturnType<typeof startApp>>['app'],
  headers: AdminHeaders,
  name: string,
  body: Buffer,
) => {
  const reply = await app.inject({
    method: 'POST',
    url: `/api/v1/admin/media?name=${encodeURIComponent(name)}`,
    headers: { ...headers, 'content-type': 'application/octet-stream' },
    payload: body,
  });
  assert.equal(reply.statusCode, 201, reply.body);
  return reply.json() as { id: number; sha256: string; bytes: number; mime: string };
};

export const ofEntity = <E extends Change['entity']>(changes: Change[], ...entities: E[]) =>
  changes.filter((change): change is Extract<Change, { entity: E }> => (entities as string[]).includes(change.entity));

/** Creates, submits and has `approver` approve a publication (or another item a second person approves, at `plural`); returns its id. */
export async function published(
  call: Awaited<ReturnType<typeof startApp>>['call'],
  author: AdminHeaders,
  approver: AdminHeaders,
  body: object,
  plural = 'signage',
): Promise<string> {
  const draft = await call(author, 'POST', `/${plural}`, body);
  assert.equal(draft.statusCode, 201, draft.body);
  const { id } = draft.json() as { id: string };
  assert.equal((await call(author, 'POST', `/${plural}/${id}/submit`)).statusCode, 200);
  const approved = await call(approver, 'POST', `/${plural}/${id}/review`, { approve: true }, 1);
  assert.equal(approved.statusCode, 200, approved.body);
  return id;
}
