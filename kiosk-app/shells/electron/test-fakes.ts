/**
 * Stand-ins for the Electron objects the shell configures, for unit tests (Electron itself is
 * never loaded in tests). Cast them to the `Pick<…>` a handler takes.
 */
type Listener = (...args: never[]) => unknown;

/** Records `on(name, listener)` and lets a test emit events to the listeners. */
export function fakeEmitter() {
  const listeners = new Map<string, Listener[]>();
  return {
    on(name: string, listener: Listener) {
      listeners.set(name, [...(listeners.get(name) ?? []), listener]);
      return this;
    },
    emit(name: string, ...args: unknown[]): void {
      for (const listener of listeners.get(name) ?? []) (listener as (...values: unknown[]) => unknown)(...args);
    },
  };
}

/** An Electron event object: `prevented` tells whether a handler called preventDefault. */
export function fakeEvent<P extends object>(params: P = {} as P) {
  const event = {
    ...params,
    prevented: false,
    preventDefault() {
      event.prevented = true;
    },
  };
  return event;
}
