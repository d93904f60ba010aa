/**
 * Calls' announcements made offline as WAV files: espeak-ng (the kiosk's Mandarin voice, writing a
 * file instead of playing) reads the words from its standard input — nothing the server sent goes
 * on a command line, and no shell runs — into `<dir>/<hall>-<seq>.wav`. One at a time, in the
 * order asked; the newest files are kept for the page to fetch, the folder is emptied at start and
 * when stopped. A failure is a coded error the caller logs: the call still shows, without words.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { LinliError, type QueueCall } from '@linli/protocol';
import { espeakEngine } from '../../kiosk-app/host/speech/speaker';
import { announcementSpeech } from './call-announcement';

/** Announcements kept on disk: enough for the page to fetch the latest calls of every hall followed. */
const FILES_KEPT = 40;
/** A speech engine that has not written a few seconds of audio by then is stuck. */
const ENGINE_TIMEOUT_MS = 15_000;
/** A WAV header alone is 44 bytes: anything that short has no sound in it. */
const MIN_WAV_BYTES = 1000;

export interface AnnouncementAudio {
  /**
   * Loads what the words need (the pinyin dictionary: a noticeable moment, once) ahead of the first
   * call, so it does not hold up the host while that call is on its way to the screen.
   */
  prepare(): void;
  /** Writes the call's announcement; rejects with SPEECH_UNAVAILABLE when the engine is missing or fails. */
  make(hallId: number, call: Pick<QueueCall, 'seq' | 'label' | 'window'>): Promise<void>;
  /** The WAV of a call made here, while it is kept. */
  read(hallId: number, seq: number): Uint8Array | undefined;
  /** Waits for the one being made, then removes every file. */
  stop(): Promise<void>;
}

export function createAnnouncementAudio(deps: {
  dir: string;
  /** The espeak-ng program (PATH is searched when it names no folder). */
  command?: string;
}): AnnouncementAudio {
  const { dir } = deps;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const fileOf = (hallId: number, seq: number) => path.join(dir, `${hallId}-${seq}.wav`);
  const made: string[] = [];
  let queue: Promise<void> = Promise.resolve();
  let stopped = false;
  let prepared = false;

  const run = (file: string, text: string) =>
    new Promise<void>((resolve, reject) => {
      const engine = espeakEngine({ ...(deps.command && { command: deps.command }), outputFile: file });
      const child = spawn(engine.command, [...engine.args], { stdio: ['pipe', 'ignore', 'pipe'] });
      let errorText = '';
      child.stderr.on('data', (chunk: Buffer) => (errorText += chunk.toString('utf8')));
      const timer = setTimeout(() => child.kill('SIGKILL'), ENGINE_TIMEOUT_MS);
      child.stdin.on('error', () => undefined);
      child.stdin.end(text);
      child.once('error', (error) => {
        clearTimeout(timer);
        reject(new LinliError('SPEECH_UNAVAILABLE', `${engine.command} cannot run: ${error.message}`));
      });
      child.once('close', (code, signal) => {
        clearTimeout(timer);
        if (code === 0) resolve();
        else
          reject(
            new LinliError('SPEECH_UNAVAILABLE', `${engine.command} failed (${signal ?? code}): ${errorText.trim()}`),
          );
      });
    });

  /** espeak-ng says it cannot write the file but still exits 0: the file itself is the answer. */
  const checkWav = (file: string) => {
    const bytes = statSync(file, { throwIfNoEntry: false })?.size ?? 0;
    const header = bytes >= MIN_WAV_BYTES ? readFileSync(file).subarray(0, 4).toString('latin1') : '';
    if (header !== 'RIFF') {
      rmSync(file, { force: true });
      throw new LinliError('SPEECH_UNAVAILABLE', `The speech engine wrote no announcement (${bytes} bytes)`);
    }
  };

  const keepNewest = () => {
    for (const file of made.splice(0, Math.max(0, made.length - FILES_KEPT))) rmSync(file, { force: true });
  };

  return {
    prepare() {
      if (!prepared) announcementSpeech({ label: 'A001', window: 1 });
      prepared = true;
    },
    make(hallId, call) {
      const file = fileOf(hallId, call.seq);
      const making = queue.then(async () => {
        if (stopped) throw new LinliError('SPEECH_UNAVAILABLE', 'The player is stopping');
        await run(file, announcementSpeech(call));
        checkWav(file);
        made.push(file);
        keepNewest();
      });
      queue = making.catch(() => undefined);
      return making;
    },
    read(hallId, seq) {
      const file = fileOf(hallId, seq);
      return made.includes(file) ? new Uint8Array(readFileSync(file)) : undefined;
    },
    async stop() {
      stopped = true;
      await queue;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
