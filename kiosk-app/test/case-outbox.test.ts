/**
 * The kiosk's outbox of residents' cases and its sender: a case is stored before it is sent, kept
 * across a restart while the server is away, sent under the same clientId until the server has
 * it, and then holds no word of what the resident said; a case the server refuses is marked with
 * the server's reason and not sent again; a kiosk-level failure (its credentials) keeps it queued.
 * A photo is stored with its case in one transaction (or neither is), refused by size and type
 * with a code before anything is stored, uploaded before the case that names it, and once the
 * server answered, gone from the file's bytes — the database and its write-ahead log.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { CASE_PHOTO_MAX_BYTES, LinliError, uuidV7, type CaseInput, type CaseReceipt } from '@linli/protocol';
import type { Timers } from '../host/lifecycle/timers';
import type { CaseClient } from '../host/cases/case-client';
import { openCaseOutbox } from '../host/cases/case-outbox';
import { createCaseSender } from '../host/cases/case-sender';

const COMPLAINT: CaseInput = {
  nature: 'complaint',
  category: 'sanitation/garbage',
  description: '垃圾桶三天没有清运',
  contact: { name: '张小三', phone: '13812345678' },
};

/** Retries fire when the test says so: nothing waits on the clock. */
function manualTimers(): Timers & { fire(): void; pending(): number } {
  let due: (() => void)[] = [];
  return {
    sleep: () => new Promise<void>(() => undefined),
    after(_ms, run) {
      due.push(run);
      return () => {
        due = due.filter((entry) => entry !== run);
      };
    },
    every: () => () => undefined,
    fire() {
      const now = due;
      due = [];
      for (const run of now) run();
    },
    pending: () => due.length,
  };
}

/**
 * An admin server that keeps cases by clientId (a repeat answers the first case) and photos by
 * their hash, or is away; `loseReplies` drops that many answers to cases it applied.
 */
function server() {
  const state = {
    down: false,
    refuse: undefined as LinliError | undefined,
    loseReplies: 0,
    sent: [] as CaseInput[],
    /** What arrived, in order: `photo <sha256>` and `case <clientId>`. */
    calls: [] as string[],
  };
  const cases = new Map<string, CaseReceipt>();
  const photos = new Map<string, Buffer>();
  const client: CaseClient = {
    catalogue: async () => assert.fail('not asked'),
    addresses: async () => assert.fail('not asked'),
    status: async () => assert.fail('not asked'),
    async uploadPhoto(jpeg) {
      if (state.down) throw new LinliError('SERVER_UNREACHABLE', 'Cannot reach the admin server');
      const id = createHash('sha256').update(jpeg).digest('hex');
      state.calls.push(`photo ${id}`);
      photos.set(id, Buffer.from(jpeg));
      return id;
    },
    async submit(input) {
      if (state.down) throw new LinliError('SERVER_UNREACHABLE', 'Cannot reach the admin server');
      if (state.refuse) throw state.refuse;
      state.calls.push(`case ${input.clientId}`);
      for (const photo of input.photos ?? [])
        if (!photos.has(photo)) throw new LinliError('VALIDATION_FAILED', 'no photo uploaded with this id');
      state.sent.push(input);
      const known = cases.get(input.clientId!);
      if (known) return { ...known, duplicate: true };
      const receipt: CaseReceipt = {
        tracking: `2612050000${String(cases.size + 1).padStart(2, '0')}`,
        code: 'AbCdEfGhIj',
        state: 'registered',
        receivedAt: '2026-12-05T02:00:00.000Z',
        replyBy: '2026-12-22',
        duplicate: false,
      };
      cases.set(input.clientId!, receipt);
      if (state.loseReplies > 0) {
        state.loseReplies--;
        throw new LinliError('SERVER_UNREACHABLE', 'The reply was lost');
      }
      return receipt;
    },
  };
  return { state, client, cases, photos };
}

/** A JPEG's first bytes, then noise no SQLite page would hold by chance. */
function photoOf(size: number): Buffer {
  const bytes = randomBytes(size);
  bytes.set([0xff, 0xd8, 0xff, 0xe0]);
  return bytes;
}

/** Whether any run of 64 bytes of `photo` (at several places) is left in the database file or its log. */
function leftInFiles(file: string, photo: Buffer): string[] {
  const files = [file, `${file}-wal`, `${file}-journal`].filter(existsSync);
  const probes = [0.1, 0.5, 0.9].map((at) =>
    photo.subarray(Math.floor(photo.length * at), Math.floor(photo.length * at) + 64),
  );
  return files.filter((name) => probes.some((probe) => readFileSync(name).includes(probe)));
}

const tempFile = (t: { after(fn: () => void): void }) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'linli-outbox-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return path.join(dir, 'cases.sqlite');
};

test('a case given while the server is away is kept across a restart and sent, once, when it returns', async (t) => {
  const file = tempFile(t);
  const admin = server();
  admin.state.down = true;
  const timers = manualTimers();
  let outbox = openCaseOutbox(file);
  let changes = 0;
  const senderFor = (box: typeof outbox) =>
    createCaseSender({ outbox: box, client: admin.client, timers, log: () => undefined, onChange: () => changes++ });
  const first = uuidV7();
  outbox.add({ clientId: first, input: COMPLAINT, queuedAt: '2026-12-05T02:00:00.000Z' });
  await senderFor(outbox).send();
  assert.equal(outbox.get(first)?.state, 'queued');
  assert.equal(timers.pending(), 1, 'a retry is waiting');

  // The kiosk restarts (the retry never fired); the case is still there, and a second joins it.
  outbox.close();
  outbox = openCaseOutbox(file);
  t.after(() => outbox.close());
  const second = uuidV7();
  outbox.add({ clientId: second, input: { ...COMPLAINT, nature: 'suggestion' }, queuedAt: '2026-12-05T02:01:00.000Z' });
  assert.deepEqual(
    outbox.queued().map((item) => item.clientId),
    [first, second],
  );

  admin.state.down = false;
  const sender = senderFor(outbox);
  await sender.send();
  assert.deepEqual([outbox.get(first)?.state, outbox.get(second)?.state], ['sent', 'sent']);
  assert.equal(outbox.get(first)?.tracking, '261205000001');
  assert.equal(changes, 2);
  // Sent under their clientIds, in the order given; sending again (a lost reply) changes nothing.
  assert.deepEqual(
    admin.state.sent.map((input) => input.clientId),
    [first, second],
  );
  await sender.send();
  assert.equal(admin.cases.size, 2);

  // Nothing the resident said stays on the kiosk once the server has it.
  const raw = new BetterSqlite3(file, { readonly: true });
  t.after(() => raw.close());
  const text = JSON.stringify(raw.prepare('SELECT * FROM outbox').all());
  for (const said of ['13812345678', '张小三', '垃圾桶']) assert.ok(!text.includes(said), said);
});

test('a case the server refuses is marked with its reason and not sent again; a kiosk fault keeps it queued', async (t) => {
  const admin = server();
  const timers = manualTimers();
  const outbox = openCaseOutbox(tempFile(t));
  t.after(() => outbox.close());
  const sender = createCaseSender({
    outbox,
    client: admin.client,
    timers,
    log: () => undefined,
    onChange: () => undefined,
  });
  const refused = uuidV7();
  outbox.add({ clientId: refused, input: COMPLAINT, queuedAt: '2026-12-05T02:00:00.000Z' });
  admin.state.refuse = new LinliError('CASE_CATEGORY_UNKNOWN', 'No category sanitation/garbage');
  await sender.send();
  assert.deepEqual(outbox.get(refused)?.error, {
    code: 'CASE_CATEGORY_UNKNOWN',
    message: 'No category sanitation/garbage',
  });
  assert.equal(outbox.get(refused)?.input, undefined);
  assert.equal(timers.pending(), 0);

  const kept = uuidV7();
  outbox.add({ clientId: kept, input: COMPLAINT, queuedAt: '2026-12-05T02:05:00.000Z' });
  admin.state.refuse = new LinliError('DEVICE_UNKNOWN', 'Unknown or revoked device');
  await sender.send();
  assert.equal(outbox.get(kept)?.state, 'queued');
  admin.state.refuse = undefined;
  timers.fire();
  await sender.send();
  assert.equal(outbox.get(kept)?.state, 'sent');
});

test('a photo waits with its case across a restart, goes up before the case that names it, and then is gone from the file', async (t) => {
  const file = tempFile(t);
  const admin = server();
  admin.state.down = true;
  const timers = manualTimers();
  let outbox = openCaseOutbox(file);
  const photo = photoOf(400_000);
  const sha256 = createHash('sha256').update(photo).digest('hex');
  const clientId = uuidV7();
  outbox.add({ clientId, input: COMPLAINT, queuedAt: '2026-12-05T02:00:00.000Z', photo });
  assert.deepEqual(outbox.get(clientId)?.photo, { sha256, bytes: photo.length });
  const senderFor = (box: typeof outbox, waits = timers) =>
    createCaseSender({
      outbox: box,
      client: admin.client,
      timers: waits,
      log: () => undefined,
      onChange: () => undefined,
    });
  // Its retry never fires: the kiosk restarts first.
  await senderFor(outbox, manualTimers()).send();
  assert.equal(outbox.get(clientId)?.state, 'queued');

  // The kiosk restarts with the server still away: the photo is still there, whole.
  outbox.close();
  outbox = openCaseOutbox(file);
  t.after(() => outbox.close());
  assert.deepEqual(outbox.photoOf(clientId), photo);
  assert.notDeepEqual(leftInFiles(file, photo), [], 'the probe finds a photo that is there');

  // The server is back, but the answer to the case is lost: the photo and the case go again.
  admin.state.down = false;
  admin.state.loseReplies = 1;
  const sender = senderFor(outbox);
  await sender.send();
  assert.equal(outbox.get(clientId)?.state, 'queued');
  assert.ok(outbox.photoOf(clientId), 'kept until the server answered');
  timers.fire();
  await sender.send();
  assert.equal(outbox.get(clientId)?.state, 'sent');
  assert.deepEqual(admin.state.calls, [`photo ${sha256}`, `case ${clientId}`, `photo ${sha256}`, `case ${clientId}`]);
  assert.deepEqual(admin.state.sent.at(-1)?.photos, [sha256], 'the case names its photo by its hash');
  assert.equal(admin.cases.size, 1, 'one case');
  assert.deepEqual([...admin.photos.keys()], [sha256], 'one photo');

  // Nothing of the photo is left on the kiosk: not in the tables, not in the file's bytes.
  assert.equal(outbox.photoOf(clientId), undefined);
  assert.equal(outbox.get(clientId)?.photo, undefined);
  assert.deepEqual(leftInFiles(file, photo), []);
  await sender.send();
  assert.equal(admin.state.calls.length, 4, 'nothing sent again');
});

test('a refused case takes its photo with it, out of the file too', async (t) => {
  const file = tempFile(t);
  const admin = server();
  const outbox = openCaseOutbox(file);
  t.after(() => outbox.close());
  const photo = photoOf(200_000);
  const clientId = uuidV7();
  outbox.add({ clientId, input: COMPLAINT, queuedAt: '2026-12-05T02:00:00.000Z', photo });
  admin.state.refuse = new LinliError('CASE_CATEGORY_UNKNOWN', 'No category sanitation/garbage');
  const sender = createCaseSender({
    outbox,
    client: admin.client,
    timers: manualTimers(),
    log: () => undefined,
    onChange: () => undefined,
  });
  await sender.send();
  assert.equal(outbox.get(clientId)?.state, 'rejected');
  assert.equal(outbox.photoOf(clientId), undefined);
  assert.deepEqual(leftInFiles(file, photo), []);
});

test('a photo over the limit or not a JPEG is refused with its code, and nothing is stored', (t) => {
  const outbox = openCaseOutbox(tempFile(t));
  t.after(() => outbox.close());
  const refused = (photo: Buffer) => {
    const clientId = uuidV7();
    assert.throws(
      () => outbox.add({ clientId, input: COMPLAINT, queuedAt: '2026-12-05T02:00:00.000Z', photo }),
      (error: LinliError) => {
        assert.equal(error.details?.[0]?.path, '/photo');
        return true;
      },
    );
    assert.equal(outbox.get(clientId), undefined, 'no case without its photo');
    return clientId;
  };
  assert.throws(
    () =>
      outbox.add({
        clientId: uuidV7(),
        input: COMPLAINT,
        queuedAt: '2026-12-05T02:00:00.000Z',
        photo: photoOf(CASE_PHOTO_MAX_BYTES + 1),
      }),
    { code: 'MEDIA_TOO_LARGE' },
  );
  refused(photoOf(CASE_PHOTO_MAX_BYTES + 1));
  assert.throws(
    () =>
      outbox.add({
        clientId: uuidV7(),
        input: COMPLAINT,
        queuedAt: '2026-12-05T02:00:00.000Z',
        photo: Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'),
      }),
    { code: 'MEDIA_TYPE_UNSUPPORTED' },
  );
  refused(Buffer.alloc(0));
  assert.deepEqual(outbox.queued(), []);
  // At the limit itself, it is taken.
  const atLimit = uuidV7();
  outbox.add({
    clientId: atLimit,
    input: COMPLAINT,
    queuedAt: '2026-12-05T02:00:00.000Z',
    photo: photoOf(CASE_PHOTO_MAX_BYTES),
  });
  assert.equal(outbox.get(atLimit)?.photo?.bytes, CASE_PHOTO_MAX_BYTES);
});

test('the case and its photo are one transaction: a photo that cannot be written leaves no case', (t) => {
  const file = tempFile(t);
  const outbox = openCaseOutbox(file);
  t.after(() => outbox.close());
  // The disk fails as the photo is written (a trigger stands in for it).
  const raw = new BetterSqlite3(file);
  raw.exec("CREATE TRIGGER disk_full BEFORE INSERT ON outbox_photos BEGIN SELECT RAISE(ABORT, 'disk full'); END");
  raw.close();
  const clientId = uuidV7();
  assert.throws(
    () => outbox.add({ clientId, input: COMPLAINT, queuedAt: '2026-12-05T02:00:00.000Z', photo: photoOf(1000) }),
    /disk full/,
  );
  assert.equal(outbox.get(clientId), undefined);
  assert.deepEqual(outbox.queued(), []);
});

test('client ids are UUID version 7, ordered by time', () => {
  const earlier = uuidV7(Date.parse('2026-12-05T02:00:00Z'));
  const later = uuidV7(Date.parse('2026-12-05T02:00:00.001Z'));
  assert.match(earlier, /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.ok(earlier < later);
  assert.equal(
    earlier.slice(0, 13).replace('-', ''),
    Date.parse('2026-12-05T02:00:00Z').toString(16).padStart(12, '0'),
  );
});
