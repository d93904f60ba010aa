/**
 * Keying a channel number on the remote: digits collect on screen; the number is tuned
 * DIGIT_WAIT_MS after the last digit, at once on OK, or as soon as it has as many digits as the
 * largest channel number can have (three: channels are numbered 1–999). Pure: the caller passes
 * the time and sets one timer for `tuneAt`.
 */

export const DIGIT_WAIT_MS = 1500;
export const MAX_CHANNEL_DIGITS = 3;

export interface DigitEntry {
  /** The digits as typed, e.g. "0", "12". */
  digits: string;
  /** When the number is tuned unless another digit or OK comes first. */
  tuneAt: number;
}

/** The entry with `digit` typed at `now` (a new entry when there is none). */
export function typeDigit(entry: DigitEntry | null, digit: number, now: number): DigitEntry {
  const digits = `${entry?.digits ?? ''}${digit}`.slice(-MAX_CHANNEL_DIGITS);
  return { digits, tuneAt: now + DIGIT_WAIT_MS };
}

/** Nothing more can be typed: tune now. */
export function entryComplete(entry: DigitEntry): boolean {
  return entry.digits.length >= MAX_CHANNEL_DIGITS;
}

/** The entry is due (its wait has passed). */
export function entryDue(entry: DigitEntry, now: number): boolean {
  return now >= entry.tuneAt;
}

/** The channel number keyed ("012" is 12; "0" is 0, which no channel has). */
export function enteredNumber(entry: DigitEntry): number {
  return Number(entry.digits);
}
