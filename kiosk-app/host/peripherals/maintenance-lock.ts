/**
 * The maintenance screen's PIN check. Open until the visit ends; wrong PINs are limited so the
 * PIN cannot be found by trying at a public kiosk.
 */
import { timingSafeEqual } from 'node:crypto';
import { LinliError } from '@linli/protocol';

const MAX_WRONG = 5;
const LOCKOUT_MS = 5 * 60_000;

export interface MaintenanceLock {
  readonly configured: boolean;
  readonly unlocked: boolean;
  /** Opens the screen for the right PIN; a wrong one counts towards the lockout. */
  unlock(attempt: string): void;
  /** Requires the screen to be open, e.g. before a test print. */
  assertUnlocked(): void;
  lock(): void;
  /** A new devices file brings its own PIN (or none); an open screen closes with the old one. */
  setPin(next: string | undefined): void;
}

export function createMaintenanceLock(pin: string | undefined, now: () => number = Date.now): MaintenanceLock {
  let unlocked = false;
  let wrong: number[] = [];
  return {
    get configured() {
      return pin !== undefined;
    },
    get unlocked() {
      return unlocked;
    },
    unlock(attempt: string): void {
      if (pin === undefined)
        throw new LinliError('MAINTENANCE_PIN_WRONG', 'No maintenance PIN is configured on this kiosk');
      wrong = wrong.filter((at) => now() - at < LOCKOUT_MS);
      if (wrong.length >= MAX_WRONG) throw new LinliError('TOO_MANY_ATTEMPTS');
      const expected = Buffer.from(pin);
      const given = Buffer.from(attempt);
      if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
        wrong.push(now());
        throw new LinliError('MAINTENANCE_PIN_WRONG');
      }
      wrong = [];
      unlocked = true;
    },
    /** Requires the screen to be open, e.g. before a test print. */
    assertUnlocked(): void {
      if (!unlocked) throw new LinliError('MAINTENANCE_PIN_WRONG', 'Open the maintenance screen with its PIN first');
    },
    lock() {
      unlocked = false;
    },
    /** A new devices file brings its own PIN (or none); an open screen closes with the old one. */
    setPin(next: string | undefined) {
      if (next === pin) return;
      pin = next;
      unlocked = false;
    },
  };
}
