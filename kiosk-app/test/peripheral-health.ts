/** Waits until a peripheral manager's health satisfies a test's expectation (or fails saying what it was). */
import type { PeripheralHealth } from '@linli/protocol';
import type { PeripheralManager } from '../host/peripherals/peripheral-manager';

export function untilHealth(
  manager: PeripheralManager,
  predicate: (health: PeripheralHealth[]) => boolean,
  ms = 15_000,
): Promise<void> {
  return new Promise((resolve, reject) => {
    if (predicate(manager.health())) return resolve();
    const timer = setTimeout(() => reject(new Error(`timed out; health: ${JSON.stringify(manager.health())}`)), ms);
    const off = manager.onChange(() => {
      if (!predicate(manager.health())) return;
      clearTimeout(timer);
      off();
      resolve();
    });
  });
}

/** The same for a manager with one peripheral. */
export function untilFirst(
  manager: PeripheralManager,
  predicate: (health: PeripheralHealth) => boolean,
  ms?: number,
): Promise<void> {
  return untilHealth(manager, ([first]) => first !== undefined && predicate(first), ms);
}
