/**
 * The camera gate the Electron shell asks before it grants the camera: open only while the case
 * form's photo step is on screen during a visit, and closed by the step, the submission, the end of
 * the visit and the time limit. A case with a photo goes through the bridge into the outbox; a
 * photo over the limit is refused with its code, and then neither the case nor the photo is kept.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CASE_PHOTO_MAX_BYTES, type LinliError } from '@linli/protocol';
import { createCaseBridge } from '../host/cases/case-bridge';
import { CAMERA_WINDOW_MS, createCaseCameraGate } from '../host/cases/case-camera';
import type { CaseClient } from '../host/cases/case-client';
import { openCaseOutbox } from '../host/cases/case-outbox';
import type { Timers } from '../host/lifecycle/timers';

/** Timers a test runs by hand: `elapse(ms)` runs what is due by then. */
function handTimers(): Timers & { elapse(ms: number): void; pending(): number } {
  let now = 0;
  let due: { at: number; run: () => void }[] = [];
  return {
    sleep: () => new Promise<void>(() => undefined),
    after(ms, run) {
      const entry = { at: now + ms, run };
      due.push(entry);
      return () => {
        due = due.filter((other) => other !== entry);
      };
    },
    every: () => () => undefined,
    elapse(ms) {
      now += ms;
      const ready = due.filter((entry) => entry.at <= now);
      due = due.filter((entry) => entry.at > now);
      for (const entry of ready) entry.run();
    },
    pending: () => due.length,
  };
}

test('the camera gate opens only during a visit and closes by itself after its window', () => {
  const timers = handTimers();
  const visit = { active: false };
  const gate = createCaseCameraGate({ timers, inVisit: () => visit.active });
  assert.throws(() => gate.open(), { code: 'FORBIDDEN' }, 'not on the attract screen');
  assert.equal(gate.isOpen(), false);

  visit.active = true;
  gate.open();
  assert.equal(gate.isOpen(), true);
  timers.elapse(CAMERA_WINDOW_MS - 1);
  assert.equal(gate.isOpen(), true);
  timers.elapse(1);
  assert.equal(gate.isOpen(), false, 'the window is over, whatever the page says');

  // Opened again (重拍), it starts a new window; the step closes it; no timer is left behind.
  gate.open();
  gate.open();
  assert.equal(timers.pending(), 1);
  gate.close();
  assert.equal(gate.isOpen(), false);
  assert.equal(timers.pending(), 0);

  // The visit ends while open: closed at once, even before anyone calls close.
  gate.open();
  visit.active = false;
  assert.equal(gate.isOpen(), false);
});

test("the case bridge: the photo step opens the gate; the submission and the visit's end close it; an oversized photo is refused and nothing kept", async (t) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'linli-camera-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const outbox = openCaseOutbox(path.join(dir, 'cases.sqlite'));
  t.after(() => outbox.close());
  const timers = handTimers();
  const camera = createCaseCameraGate({ timers, inVisit: () => true });
  const sends: number[] = [];
  const cases = createCaseBridge({
    outbox,
    client: {} as CaseClient,
    // The server is away: every case stays queued.
    sender: { send: async () => void sends.push(outbox.queued().length), stop: async () => undefined },
    timers,
    clock: () => new Date('2026-12-05T02:00:00Z'),
    currentCard: () => undefined,
    printSlip: async () => undefined,
    publicLinkBase: 'http://127.0.0.1',
    camera,
  });
  const given = { nature: 'complaint', category: 'sanitation/garbage', description: '垃圾桶三天没有清运' } as const;
  const jpeg = (size: number) => {
    const bytes = Buffer.alloc(size, 7);
    bytes.set([0xff, 0xd8, 0xff, 0xe0]);
    return { jpegBase64: bytes.toString('base64') };
  };

  await cases.bridge.openCaseCamera({});
  assert.equal(camera.isOpen(), true);
  await cases.bridge.closeCaseCamera({});
  assert.equal(camera.isOpen(), false);

  await cases.bridge.openCaseCamera({});
  const tooLarge = await cases.bridge.submitCase({ ...given, photo: jpeg(CASE_PHOTO_MAX_BYTES + 1) }).then(
    () => assert.fail('taken'),
    (error: LinliError) => error,
  );
  assert.equal(tooLarge.code, 'MEDIA_TOO_LARGE');
  assert.equal(camera.isOpen(), false, 'the photo step is over once the case is sent');
  assert.deepEqual(outbox.queued(), [], 'no case without its photo');
  assert.deepEqual(sends, [], 'nothing to send');
  assert.deepEqual((await cases.bridge.caseSubmissions({})).items, []);

  const taken = await cases.bridge.submitCase({ ...given, photo: jpeg(300_000) });
  assert.equal(taken.state, 'queued');
  const [queued] = outbox.queued();
  assert.equal(queued?.photo?.bytes, 300_000);
  assert.equal(queued?.input && 'photo' in queued.input, false, 'the case itself carries no photo field');

  await cases.bridge.openCaseCamera({});
  cases.endVisit();
  assert.equal(camera.isOpen(), false);
});
