/**
 * Tells listeners (devices on the push channel) that the change log moved. In-process by
 * default; the PostgreSQL fan-out forwards notifications between server instances.
 */
export type ChangeListener = (latestSeq: number) => void;

export interface ChangeHub {
  publish(latestSeq: number): void;
  subscribe(listener: ChangeListener): () => void;
}

export function createChangeHub(): ChangeHub {
  const listeners = new Set<ChangeListener>();
  return {
    publish(latestSeq) {
      for (const listener of listeners) listener(latestSeq);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
