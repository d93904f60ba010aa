/**
 * Offline read-aloud through espeak-ng (a Debian package on every kiosk image). One utterance at
 * a time: a new one, stop() or the end of a visit silences the current one.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { LinliError } from '@linli/protocol';
import { speechTextOf } from './speech-text';

export interface Speaker {
  readonly available: boolean;
  /** Resolves when the utterance has finished or was interrupted. */
  speak(text: string): Promise<void>;
  stop(): void;
}

export interface SpeakerOptions {
  command?: string;
  /** Write WAV here instead of playing it (tests, and kiosks that play audio another way). */
  outputFile?: string;
}

const VOICE = 'cmn-latn-pinyin';

export function createEspeakSpeaker(options: SpeakerOptions = {}): Speaker {
  const command = options.command ?? 'espeak-ng';
  const available = spawnSync(command, ['--version'], { stdio: 'ignore' }).status === 0;
  let current: ChildProcess | null = null;

  const stop = () => {
    current?.kill('SIGTERM');
    current = null;
  };

  return {
    available,
    speak(text) {
      if (!available) return Promise.reject(new LinliError('SPEECH_UNAVAILABLE', `${command} is not installed`));
      stop();
      const args = [
        '-v',
        VOICE,
        '-s',
        '150',
        ...(options.outputFile ? ['-w', options.outputFile] : []),
        speechTextOf(text),
      ];
      const child = spawn(command, args, { stdio: 'ignore' });
      current = child;
      return new Promise((resolve, reject) => {
        child.once('error', (error) => reject(new LinliError('SPEECH_UNAVAILABLE', error.message)));
        child.once('exit', () => {
          if (current === child) current = null;
          resolve();
        });
      });
    },
    stop,
  };
}
