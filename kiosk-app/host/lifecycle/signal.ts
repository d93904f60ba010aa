/**
 * One stream of events inside the host. A part created early emits into it; parts created later
 * subscribe, so no callback given to a constructor reaches a part that does not exist yet.
 */
export interface Signal<T> {
  emit(value: T): void;
  /** Returns the unsubscribe, for the composition root's disposables. */
  subscribe(listener: (value: T) => void): () => void;
}

export function createSignal<T>(): Signal<T> {
  const listeners = new Set<(value: T) => void>();
  return {
    emit: (value) => listeners.forEach((listener) => listener(value)),
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}
