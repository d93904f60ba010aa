/**
 * Tells listeners in this process that something moved, by a number: the change log's latest seq
 * (devices on the push channel), or the id of a hall whose queue changed (counters and calling
 * displays). In-process by default; the PostgreSQL fan-out forwards them between server instances.
 */
export type ChangeListener = (value: number) => void;

export interface ChangeHub {
  publish(value: number): void;
  subscribe(listener: ChangeListener): () => void;
}

export function createChangeHub(): ChangeHub {
  const listeners = new Set<ChangeListener>();
  return {
    publish(value) {
      for (const listener of listeners) listener(value);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
