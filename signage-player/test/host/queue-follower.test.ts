/**
 * The player host's following of a hall, against a stand-in stream and the real espeak-ng: the
 * state is passed on as it comes; a new call is announced (a WAV made offline), the calls of the
 * first state after a (re)connect never are; a stream closed by the server or fallen silent is
 * opened again; without a speech engine the call still shows and the failure is logged by its
 * code; a stop removes every file it made. Waits follow the follower's own announcements.
 */
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { QueueHallState } from '@linli/protocol';
import { SYSTEM_TIMERS, type Timers } from '../../../kiosk-app/host/lifecycle/timers';
import { createAnnouncementAudio } from '../../host/announcement-audio';
import { SILENT_STREAM_MS, createQueueFollower } from '../../host/queue-follower';

const HALL = 7;
const at = '2026-03-10T01:00:00.000Z';
const stateWith = (...seqs: number[]): QueueHallState => ({
  hallId: HALL,
  name: '安和街道便民服务中心',
  day: '2026-03-10',
  windows: [{ number: 3, paused: false }],
  businesses: [{ id: 'social', name: '社保医保', prefix: 'A', open: true, waiting: 0, estimatedMinutes: 0 }],
  waiting: [],
  calls: seqs.map((seq) => ({ seq, label: `A${String(seq).padStart(3, '0')}`, window: 3, at })),
});

/** Stand-in for the device API's hall stream: each connection the follower opens, for the test to feed or close. */
function fakeStreams(onOpen: () => void) {
  const encoder = new TextEncoder();
  const opened: { send(state: QueueHallState): void; close(): void }[] = [];
  const openStream = async (_hallId: number, signal: AbortSignal) => {
    let stream!: ReadableStreamDefaultController<Uint8Array>;
    const body = new ReadableStream<Uint8Array>({ start: (controller) => void (stream = controller) });
    signal.addEventListener('abort', () => stream.error(new Error('aborted')), { once: true });
    opened.push({
      send: (state) => stream.enqueue(encoder.encode(`event: state\ndata: ${JSON.stringify(state)}\n\n`)),
      close: () => stream.close(),
    });
    queueMicrotask(onOpen);
    return new Response(body);
  };
  return { openStream, opened };
}

function startFollower(t: TestContext, command?: string) {
  const dir = mkdtempSync(path.join(tmpdir(), 'linli-announcements-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const audioDir = path.join(dir, 'announcements');
  let changes: Array<() => void> = [];
  const changed = () => changes.forEach((listener) => listener());
  const streams = fakeStreams(changed);
  const logged: string[] = [];
  let silences: Array<() => void> = [];
  // The silence watchdog's timer is the test's to fire; every other wait is real.
  const timers: Timers = {
    ...SYSTEM_TIMERS,
    after(ms, run) {
      if (ms !== SILENT_STREAM_MS) return SYSTEM_TIMERS.after(ms, run);
      silences.push(run);
      return () => void (silences = silences.filter((each) => each !== run));
    },
  };
  const follower = createQueueFollower({
    openStream: streams.openStream,
    audio: createAnnouncementAudio({ dir: audioDir, ...(command && { command }) }),
    timers,
    log: (message) => logged.push(message),
    onChange: changed,
  });
  t.after(() => follower.stop());
  /** Resolves once `holds` is true, looking again at each change the follower announces and each connection. */
  const until = (holds: () => boolean) =>
    new Promise<void>((resolve) => {
      const look = () => {
        if (!holds()) return;
        changes = changes.filter((listener) => listener !== look);
        resolve();
      };
      changes.push(look);
      look();
    });
  const hall = () => follower.view().halls.find((each) => each.hallId === HALL);
  const connections = (count: number) => until(() => streams.opened.length >= count);
  return {
    follower,
    streams,
    logged,
    audioDir,
    until,
    hall,
    connections,
    silence: () => silences.forEach((run) => run()),
  };
}

test('new calls are announced with words, never those a connection starts with; dropped or silent streams come back', async (t) => {
  const { follower, streams, until, hall, connections, silence, audioDir } = startFollower(t);
  follower.follow(new Map([[HALL, { announce: true }]]));
  await connections(1);
  streams.opened[0]!.send(stateWith(2, 1));
  await until(() => hall()?.live === true && hall()?.state?.calls.length === 2);
  streams.opened[0]!.send(stateWith(3, 2, 1));
  await until(() => hall()!.announcements.length === 1);
  assert.deepEqual(hall()!.announcements, [{ seq: 3, label: 'A003', window: 3, audio: true }]);
  const wav = follower.announcement(HALL, 3)!;
  assert.equal(Buffer.from(wav.subarray(0, 4)).toString('latin1'), 'RIFF');
  assert.ok(wav.byteLength > 20_000, `${wav.byteLength} bytes of speech`);

  // Closed by the server: opened again; the calls made meanwhile are not announced late.
  streams.opened[0]!.close();
  await until(() => hall()!.live === false);
  await connections(2);
  streams.opened[1]!.send(stateWith(5, 4, 3));
  await until(() => hall()!.live && hall()!.state!.calls[0]!.seq === 5);
  streams.opened[1]!.send(stateWith(6, 5, 4, 3));
  await until(() => hall()!.announcements.length === 2);
  assert.deepEqual(
    hall()!.announcements.map((each) => each.seq),
    [3, 6],
  );

  // Silent for three keepalives: taken for dropped and opened again.
  silence();
  await until(() => hall()!.live === false);
  await connections(3);
  streams.opened[2]!.send(stateWith(6, 5));
  await until(() => hall()!.live);

  await follower.stop();
  assert.equal(existsSync(audioDir), false, 'the announcements are removed');
});

test('without a speech engine the call still shows and the failure is logged by its code', async (t) => {
  const { follower, streams, until, hall, connections, logged } = startFollower(t, '/nonexistent/espeak-ng');
  follower.follow(new Map([[HALL, { announce: true }]]));
  await connections(1);
  streams.opened[0]!.send(stateWith());
  streams.opened[0]!.send(stateWith(1));
  await until(() => hall()!.announcements.length === 1);
  assert.equal(hall()!.state!.calls[0]!.label, 'A001');
  assert.deepEqual(hall()!.announcements, [{ seq: 1, label: 'A001', window: 3, audio: false }]);
  assert.equal(follower.announcement(HALL, 1), undefined);
  assert.match(logged.join('\n'), /announcement of A001 without words: SPEECH_UNAVAILABLE/);
});

test('a hall no longer shown is no longer followed, and one without announcing says nothing', async (t) => {
  const { follower, streams, until, hall, connections } = startFollower(t);
  follower.follow(new Map([[HALL, { announce: false }]]));
  await connections(1);
  streams.opened[0]!.send(stateWith());
  streams.opened[0]!.send(stateWith(1));
  await until(() => hall()?.state?.calls.length === 1);
  assert.deepEqual(hall()!.announcements, []);
  follower.follow(new Map());
  assert.equal(hall(), undefined);
});
