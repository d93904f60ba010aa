/**
 * Offline read-aloud through a speech engine: a program that reads one utterance from its standard
 * input and speaks it. espeak-ng (a Debian package on every kiosk image) by default; a deployment
 * with a better offline Mandarin voice names its own program (LINLI_SPEECH_COMMAND). The text never
 * goes on a command line. One utterance at a time: a new one, stop() or the end of a visit silences
 * the current one.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import path from 'node:path';
import { LinliError } from '@linli/protocol';
import { speechTextOf } from './speech-text';
import { spokenNumbers } from './spoken-numbers';

export interface Speaker {
  readonly available: boolean;
  /** Resolves when the utterance has finished or was interrupted. */
  speak(text: string): Promise<void>;
  stop(): void;
}

/** A program that speaks what it reads on standard input, and what it wants to read there. */
export interface SpeechEngine {
  command: string;
  args: readonly string[];
  /**
   * `text`: Chinese with numbers written out as said (三十日内) — for engines with their own
   * Mandarin front end. `pinyin`: toned pinyin (she4 bao3), for espeak-ng's cmn-latn-pinyin voice.
   */
  input: 'text' | 'pinyin';
}

/**
 * espeak-ng's Mandarin voice. The plain `cmn` voice reads characters with English tone digits;
 * `cmn-latn-pinyin` reads toned pinyin well. `outputFile`: write WAV there instead of playing it.
 */
export function espeakEngine(options: { command?: string; outputFile?: string } = {}): SpeechEngine {
  return {
    command: options.command ?? 'espeak-ng',
    args: ['-v', 'cmn-latn-pinyin', '-s', '150', ...(options.outputFile ? ['-w', options.outputFile] : []), '--stdin'],
    input: 'pinyin',
  };
}

/** Whether `command` names an executable file, directly or on PATH. */
function executable(command: string, env: NodeJS.ProcessEnv): boolean {
  const candidates = command.includes('/')
    ? [command]
    : (env.PATH ?? '').split(path.delimiter).map((dir) => path.join(dir, command));
  return candidates.some((file) => {
    try {
      accessSync(file, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

export function createSpeaker(engine: SpeechEngine = espeakEngine(), env = process.env): Speaker {
  const available = executable(engine.command, env);
  let current: ChildProcess | null = null;

  const stop = () => {
    current?.kill('SIGTERM');
    current = null;
  };

  return {
    available,
    speak(text) {
      if (!available) return Promise.reject(new LinliError('SPEECH_UNAVAILABLE', `${engine.command} is not installed`));
      stop();
      const child = spawn(engine.command, [...engine.args], { stdio: ['pipe', 'ignore', 'ignore'] });
      current = child;
      // A stopped engine closes its input early; what it no longer reads is of no interest.
      child.stdin.on('error', () => undefined);
      child.stdin.end(engine.input === 'pinyin' ? speechTextOf(text) : spokenNumbers(text));
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
