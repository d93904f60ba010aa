/**
 * Times on paper and the calendar date of rules as residents and the admin server read them:
 * Beijing time, whatever zone the kiosk's system clock is set to. Pure (the caller passes the instant).
 */
const MINUTE = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
});
const DATE = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** 2026-12-05 09:05 */
export const beijingMinute = (at: Date): string => MINUTE.format(at);
/** 2026-12-05 */
export const beijingDate = (at: Date): string => DATE.format(at);
