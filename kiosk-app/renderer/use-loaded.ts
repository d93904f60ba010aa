/**
 * Data from the bridge for one question (a query, a guide, a category): loading, loaded or failed.
 * A value is kept with the key of the question it answers, so an answer to an earlier question is
 * never shown under a new one, and a failure is a state the screen shows, with a way to try again.
 */
import { useEffect, useState } from 'preact/hooks';
import { LinliError, type ErrorCode } from '@linli/protocol';

export type Loaded<T> = { state: 'loading' } | { state: 'loaded'; value: T } | { state: 'failed'; code: ErrorCode };

type Answer<T> = { key: string } & Loaded<T>;

/**
 * `key` names the question; `reloadOn` lists what makes the same question worth asking again
 * (new content from the host): the last answer stays on screen until the new one arrives.
 */
export function useLoaded<T>(
  load: () => Promise<T>,
  key: string,
  reloadOn: unknown[] = [],
): { loaded: Loaded<T>; retry: () => void } {
  const [answer, setAnswer] = useState<Answer<T>>({ key, state: 'loading' });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let current = true;
    load().then(
      (value) => current && setAnswer({ key, state: 'loaded', value }),
      (error: unknown) =>
        current && setAnswer({ key, state: 'failed', code: error instanceof LinliError ? error.code : 'INTERNAL' }),
    );
    return () => {
      current = false;
    };
  }, [key, attempt, ...reloadOn]);
  const retry = () => {
    setAnswer({ key, state: 'loading' });
    setAttempt((n) => n + 1);
  };
  return { loaded: answer.key === key ? answer : { state: 'loading' }, retry };
}

/** The value once loaded; null while loading or after a failure (for what a screen can go without). */
export function valueOf<T>(loaded: Loaded<T>): T | null {
  return loaded.state === 'loaded' ? loaded.value : null;
}
