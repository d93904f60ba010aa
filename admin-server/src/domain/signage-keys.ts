/**
 * The keys signage is signed with (Ed25519, node:crypto) and the key set players trust.
 *
 * The keys live in the database (`signage_keys`) beside the other secrets the server keeps there
 * (TOTP secrets, the enrollment code): whoever can read the database can sign, so back it up and
 * guard it as such. One key signs (`signing`); during a rotation the key before it stays in the
 * set, so players move their trust forward (protocol/src/signage-bundle.ts). The set is on the
 * feed as entity `signage-keys`, id `current`, for every player, signed by a key of the set
 * before it. The first key is made on first need: the first player's enrollment or the first
 * approval of a publication. docs/operators/signage-keys.md is the operator's side.
 */
import {
  LinliError,
  SIGNATURE_CONTEXT,
  type SignageKeySetPayload,
  type SignagePublicKey,
  type SignedKeySet,
  type SignedKind,
  type SignedSignage,
} from '@linli/protocol';
import { createHash, createPrivateKey, generateKeyPairSync, sign } from 'node:crypto';
import { appendChange, currentUpserts, type ChangeRecord } from '../db/change-log';
import type { Database, Queryable, Transaction } from '../db/database';
import { findRootOrg } from '../db/org-store';
import type { ChangeHub } from '../push/change-hub';
import type { Actor } from './actor';
import type { ReviewSteps } from './reviewed-content';
import { writeAudit, type AuditService } from './audit';
import type { Clock } from './clock';

/** A stored key: the raw public key and the PKCS#8 private key, both base64url. */
export interface StoredKey {
  id: string;
  publicKey: string;
  privateKey: string;
  /** The key that signs now; the other one in a set of two is the key before it (a rotation under way). */
  signing: boolean;
}

/** The feed entities signed with these keys, and the context each is signed in. */
const SIGNED_ENTITIES = [
  ['signage', 'bundle'],
  ['tv-channel', 'channel'],
] as const;

/**
 * Review steps whose approval makes a version live that players check by its signature (signage,
 * TV channels): a second person approves every version, so an approval is what first needs a
 * signing key, which is made (and its set published) beforehand.
 */
export function signedOnApproval<Input, View, History>(
  steps: ReviewSteps<Input, View, History>,
  keys: Pick<SignageKeys, 'ensure'>,
): ReviewSteps<Input, View, History> {
  return {
    ...steps,
    async review(actor, id, decision, baseVersion) {
      if (decision.approve) await keys.ensure();
      return steps.review(actor, id, decision, baseVersion);
    },
  };
}

/** A new key pair, named by the day it was made and its public key's fingerprint. */
export function newSigningKey(now: Date): StoredKey {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const raw = publicKey.export({ format: 'jwk' }).x!;
  const fingerprint = createHash('sha256').update(Buffer.from(raw, 'base64url')).digest('base64url').slice(0, 8);
  return {
    id: `sk-${now.toISOString().slice(0, 10).replace(/-/g, '')}-${fingerprint}`,
    publicKey: raw,
    privateKey: privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64url'),
    signing: true,
  };
}

/** The signature of `payload` for `kind`: over the UTF-8 of the kind's context string and the payload. */
export function signPayload(kind: SignedKind, payload: string, key: StoredKey): { keyId: string; signature: string } {
  const privateKey = createPrivateKey({ key: Buffer.from(key.privateKey, 'base64url'), format: 'der', type: 'pkcs8' });
  const signature = sign(null, Buffer.from(SIGNATURE_CONTEXT[kind] + payload, 'utf8'), privateKey);
  return { keyId: key.id, signature: signature.toString('base64url') };
}

/** The public half, as players trust it. */
export function publicKeyOf(key: StoredKey): SignagePublicKey {
  return { id: key.id, publicKey: key.publicKey };
}

/** A key set, signed by `by` (a key of the set players trust before this one). */
export function signedKeySet(keys: StoredKey[], issuedAt: Date, by: StoredKey): SignedKeySet {
  const payload: SignageKeySetPayload = { keys: keys.map(publicKeyOf), issuedAt: issuedAt.toISOString() };
  const text = JSON.stringify(payload);
  return { payload: text, ...signPayload('keys', text, by) };
}

/** What a rotation step did, for the operator. */
export interface KeyRotation {
  /** False when there was nothing to do: a rotation already under way, or no older key to retire. */
  changed: boolean;
  /** The key set now; the signing key is the one marked. */
  keys: { id: string; signing: boolean }[];
  /** Live publications sent again, signed by the signing key. */
  resigned: number;
}

/** Signage signing keys: the set players trust, signing, and the two rotation steps. */
export interface SignageKeys {
  /** The public keys of the current set (the first key made if there is none): what a player enrolling now trusts. */
  publicKeys(): Promise<SignagePublicKey[]>;
  /** Makes the first key, and puts its set on the feed, if there is none yet. */
  ensure(): Promise<void>;
  /** A publication's signature by the signing key, read inside the caller's transaction (`ensure` first). */
  signBundle(
    queryable: Queryable,
    payload: string,
    kind?: 'bundle' | 'channel',
  ): Promise<{ keyId: string; signature: string }>;
  /**
   * Step 1: a new signing key; the set {old, new} goes on the feed signed by the old key, and every
   * live publication again signed by the new one. Nothing changes while a rotation is under way.
   */
  rotate(actor: Actor): Promise<KeyRotation>;
  /** Step 2: the old key forgotten; the set {new} goes on the feed signed by the new key. */
  retire(actor: Actor): Promise<KeyRotation>;
}

interface KeyRow {
  id: string;
  public_key: string;
  private_key: string;
  signing: number;
  [column: string]: unknown;
}

async function storedKeys(queryable: Queryable): Promise<StoredKey[]> {
  const rows = await queryable.all<KeyRow>(
    'SELECT id, public_key, private_key, signing FROM signage_keys ORDER BY signing, id',
  );
  return rows.map((row) => ({
    id: row.id,
    publicKey: row.public_key,
    privateKey: row.private_key,
    signing: Number(row.signing) === 1,
  }));
}

const summary = (keys: StoredKey[]) => keys.map(({ id, signing }) => ({ id, signing }));

export function createSignageKeys(deps: {
  db: Database;
  hub: ChangeHub;
  clock: Clock;
  audit: AuditService;
}): SignageKeys {
  const { db, hub, clock, audit } = deps;

  async function insertKey(tx: Transaction, key: StoredKey): Promise<void> {
    await tx.run('INSERT INTO signage_keys (id, public_key, private_key, signing, created_at) VALUES (?, ?, ?, ?, ?)', [
      key.id,
      key.publicKey,
      key.privateKey,
      key.signing ? 1 : 0,
      clock().toISOString(),
    ]);
  }

  const publishKeySet = (tx: Transaction, keys: StoredKey[], by: StoredKey) =>
    // Every device's entry; the feed sends it to players only (targeting.ts).
    appendChange(
      tx,
      { entity: 'signage-keys', id: 'current', op: 'upsert', data: signedKeySet(keys, clock(), by), targets: null },
      clock(),
    );

  /** Sends every live publication and TV channel not yet signed by `key` again, the same payload signed by it. */
  async function resign(tx: Transaction, key: StoredKey): Promise<{ count: number; seq: number }> {
    let count = 0;
    let seq = 0;
    for (const [entity, kind] of SIGNED_ENTITIES) {
      for (const entry of await currentUpserts(tx, entity)) {
        const signed = (entry.change as { data: SignedSignage }).data;
        if (signed.keyId === key.id) continue;
        const data = { ...signed, ...signPayload(kind, signed.payload, key) };
        seq = await appendChange(
          tx,
          { entity, id: entry.change.id, op: 'upsert', data, targets: entry.targets } as ChangeRecord,
          clock(),
        );
        count++;
      }
    }
    return { count, seq };
  }

  /** The keys, the first one made (and its set published) when there are none; inside `tx`, holding the feed's lock. */
  async function ensureIn(tx: Transaction): Promise<{ keys: StoredKey[]; seq: number }> {
    // The lock orders this with other servers sharing the database, so only one first key is made.
    await tx.lockChangeLog();
    const keys = await storedKeys(tx);
    if (keys.length > 0) return { keys, seq: 0 };
    const first = newSigningKey(clock());
    await insertKey(tx, first);
    await writeAudit(
      tx,
      {
        actor: 'system',
        action: 'signage-key.create',
        target: { type: 'signage-key', id: first.id, orgId: null, orgPath: null },
        from: 'local',
        outcome: 'ok',
        after: { keys: [publicKeyOf(first)] },
      },
      clock(),
    );
    return { keys: [first], seq: await publishKeySet(tx, [first], first) };
  }

  async function ensured(): Promise<StoredKey[]> {
    const stored = await storedKeys(db);
    if (stored.length > 0) return stored;
    const { keys, seq } = await db.transaction(ensureIn);
    if (seq > 0) hub.publish(seq);
    return keys;
  }

  /** Only administrators of the whole tree change the keys every player trusts; the refusal is audited. */
  async function authorize(actor: Actor, action: string): Promise<void> {
    const root = await findRootOrg(db);
    if (!root) throw new LinliError('NOT_FOUND', 'There is no organisation yet');
    await audit.authorize(actor, 'device.manage', action, {
      type: 'signage-key',
      id: 'current',
      orgId: root.id,
      orgPath: root.path,
    });
  }

  /** A rotation step in one transaction: `step` returns the set after it, or undefined when there was nothing to do. */
  async function rotationStep(
    actor: Actor,
    action: string,
    step: (
      tx: Transaction,
      keys: StoredKey[],
    ) => Promise<{ keys: StoredKey[]; signing: StoredKey; seq: number } | undefined>,
  ): Promise<KeyRotation> {
    await authorize(actor, action);
    const { rotation, seq } = await db.transaction(async (tx) => {
      const before = await ensureIn(tx);
      const after = await step(tx, before.keys);
      if (!after) return { rotation: { changed: false, keys: summary(before.keys), resigned: 0 }, seq: before.seq };
      // Every live publication not signed by the signing key yet. After a retirement that is none,
      // unless one approved while step 1 committed was signed by the old key: it is mended here.
      const resigned = await resign(tx, after.signing);
      await audit.record(
        tx,
        actor,
        action,
        { type: 'signage-key', id: after.signing.id, orgId: null, orgPath: null },
        {
          before: { keys: before.keys.map(publicKeyOf) },
          after: { keys: after.keys.map(publicKeyOf), resigned: resigned.count },
        },
      );
      return {
        rotation: { changed: true, keys: summary(after.keys), resigned: resigned.count },
        seq: Math.max(before.seq, after.seq, resigned.seq),
      };
    });
    if (seq > 0) hub.publish(seq);
    return rotation;
  }

  return {
    async publicKeys() {
      return (await ensured()).map(publicKeyOf);
    },
    async ensure() {
      await ensured();
    },
    async signBundle(queryable, payload, kind = 'bundle') {
      const key = (await storedKeys(queryable)).find((candidate) => candidate.signing);
      if (!key) throw new LinliError('INTERNAL', 'There is no signage signing key yet');
      return signPayload(kind, payload, key);
    },
    rotate: (actor) =>
      rotationStep(actor, 'signage-key.rotate', async (tx, keys) => {
        if (keys.length > 1) return undefined;
        const old = keys[0]!;
        const fresh = newSigningKey(clock());
        await tx.run('UPDATE signage_keys SET signing = 0 WHERE id = ?', [old.id]);
        await insertKey(tx, fresh);
        const set = [{ ...old, signing: false }, fresh];
        // Signed by the old key: the one every player trusts now.
        return { keys: set, signing: fresh, seq: await publishKeySet(tx, set, old) };
      }),
    retire: (actor) =>
      rotationStep(actor, 'signage-key.retire', async (tx, keys) => {
        const signing = keys.find((key) => key.signing)!;
        if (keys.length === 1) return undefined;
        await tx.run('DELETE FROM signage_keys WHERE signing = 0');
        // Signed by the new key, which every player that took step 1 trusts.
        return { keys: [signing], signing, seq: await publishKeySet(tx, [signing], signing) };
      }),
  };
}
