/**
 * Who is serving at this desk: the clerk signed in (their session token held here, never shown to
 * the screen), the PIN they chose for coming back after a pause, and whether the desk is locked.
 * The screen locks it when the clerk has been away; the PIN opens it again, and after
 * MAX_WRONG_PINS wrong ones the clerk is signed out and must sign in with their password.
 */
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import { LinliError, type DeskClerk } from '@linli/protocol';

export const MAX_WRONG_PINS = 3;
const scryptAsync = promisify(scrypt) as (password: string, salt: Buffer, keylen: number) => Promise<Buffer>;

export interface DeskState {
  clerk?: DeskClerk;
  pinSet: boolean;
  locked: boolean;
}

export interface DeskSession {
  state(): DeskState;
  begin(clerk: DeskClerk, token: string): void;
  /** The PIN for coming back, chosen once after signing in. */
  setPin(pin: string): Promise<void>;
  lock(): void;
  /** Opens a locked desk; a wrong PIN says how many tries are left, the last signs the clerk out. */
  unlock(pin: string): Promise<void>;
  /** The session for a call to the server: a signed-in, unlocked desk with its PIN chosen. */
  token(): string;
  /** Ends the clerk's time at the desk; answers the token that was held, to sign it out at the server. */
  end(): string | undefined;
}

export function createDeskSession(): DeskSession {
  let current: { clerk: DeskClerk; token: string; pin?: { salt: Buffer; hash: Buffer }; locked: boolean } | undefined;
  let wrongPins = 0;
  const hashOf = (pin: string, salt: Buffer) => scryptAsync(pin, salt, 32);
  return {
    state: () => ({
      ...(current ? { clerk: current.clerk } : {}),
      pinSet: current?.pin !== undefined,
      locked: current?.locked ?? false,
    }),
    begin(clerk, token) {
      current = { clerk, token, locked: false };
      wrongPins = 0;
    },
    async setPin(pin) {
      if (!current) throw new LinliError('UNAUTHENTICATED', 'Sign in first');
      if (current.pin) throw new LinliError('FORBIDDEN', 'The PIN is chosen once per sign-in');
      const salt = randomBytes(16);
      current.pin = { salt, hash: await hashOf(pin, salt) };
    },
    lock() {
      if (current?.pin) current.locked = true;
    },
    async unlock(pin) {
      if (!current?.pin) throw new LinliError('UNAUTHENTICATED', 'Sign in first');
      const given = await hashOf(pin, current.pin.salt);
      if (timingSafeEqual(given, current.pin.hash)) {
        current.locked = false;
        wrongPins = 0;
        return;
      }
      wrongPins++;
      if (wrongPins >= MAX_WRONG_PINS) {
        current = undefined;
        throw new LinliError('UNAUTHENTICATED', `${MAX_WRONG_PINS} wrong PINs: sign in again with your password`);
      }
      throw new LinliError('DESK_PIN_WRONG', `Wrong PIN; ${MAX_WRONG_PINS - wrongPins} tries left`, [
        { path: '/pin', message: String(MAX_WRONG_PINS - wrongPins) },
      ]);
    },
    token() {
      if (!current) throw new LinliError('UNAUTHENTICATED', 'No clerk is signed in at this desk');
      if (!current.pin) throw new LinliError('DESK_LOCKED', 'Choose a PIN first');
      if (current.locked) throw new LinliError('DESK_LOCKED');
      return current.token;
    },
    end() {
      const token = current?.token;
      current = undefined;
      return token;
    },
  };
}
