/**
 * 老年人优先: whether the resident whose ID card was read is old enough for the hall's rule. Age is
 * counted in whole years (周岁) on the calendar date in Beijing: a year older on the birthday itself,
 * and — by the same comparison of month and day — someone born on 29 February a year older on 1 March
 * in common years. Only the outcome leaves the host, never the card. Pure.
 */
import type { KioskTicketRequest } from '@linli/protocol';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whole years from `birthDate` to `today` (both YYYY-MM-DD); undefined when either is not a date. */
export function ageOn(birthDate: string, today: string): number | undefined {
  const birth = DATE.exec(birthDate);
  const now = DATE.exec(today);
  if (!birth || !now) return undefined;
  const [, by, bm, bd] = birth.map(Number) as [number, number, number, number];
  const [, ty, tm, td] = now.map(Number) as [number, number, number, number];
  if (bm < 1 || bm > 12 || bd < 1 || bd > 31) return undefined;
  const birthdayReached = tm > bm || (tm === bm && td >= bd);
  const age = ty - by - (birthdayReached ? 0 : 1);
  return age < 0 ? undefined : age;
}

/**
 * The priority a ticket asks for: elder when the hall has an age rule and the card's holder has
 * reached it today; none otherwise (no rule, too young, or a birth date that cannot be read).
 */
export function priorityByCard(
  birthDate: string,
  today: string,
  elderAge: number | null,
): NonNullable<KioskTicketRequest['priority']> {
  if (elderAge === null) return 'none';
  const age = ageOn(birthDate, today);
  return age !== undefined && age >= elderAge ? 'elder' : 'none';
}
