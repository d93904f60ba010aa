/**
 * Utilities in China bill by Beijing time (UTC+8, no daylight saving) whatever the server's own
 * time zone: a month, a date or a paid time is always read there.
 */
const BEIJING_OFFSET_MS = 8 * 3600_000;

/** The instant as it reads on a Beijing clock, in a Date whose UTC fields carry it. */
export function onBeijingClock(instant: Date): Date {
  return new Date(instant.getTime() + BEIJING_OFFSET_MS);
}

/** 'YYYY-MM-DD' in Beijing. */
export function beijingDate(instant: Date): string {
  return onBeijingClock(instant).toISOString().slice(0, 10);
}

/** 'YYYY-MM-DD HH:MM' in Beijing. */
export function beijingMinute(instant: Date): string {
  const text = onBeijingClock(instant).toISOString();
  return `${text.slice(0, 10)} ${text.slice(11, 16)}`;
}
