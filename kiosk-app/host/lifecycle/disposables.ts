/**
 * What the composition root started, registered as each part is created and stopped in reverse
 * order: a part stops before the parts it was built on. A stop that fails does not keep the rest
 * from stopping; the first failure is thrown once all have run.
 */
export interface Disposables {
  add(stop: () => unknown): void;
  stopAll(): Promise<void>;
}

export function createDisposables(): Disposables {
  const stops: Array<() => unknown> = [];
  return {
    add: (stop) => void stops.push(stop),
    async stopAll() {
      const failures: unknown[] = [];
      for (const stop of stops.splice(0).reverse()) {
        try {
          await stop();
        } catch (error) {
          failures.push(error);
        }
      }
      if (failures.length > 0) throw failures[0];
    },
  };
}
