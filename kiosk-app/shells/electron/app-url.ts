/** The app's own origin and the test for it. */
export const APP_ORIGIN = 'app://kiosk';
export const HOME_URL = `${APP_ORIGIN}/`;

/**
 * True for app://kiosk URLs only. Parsed rather than prefix-matched, so `app://kiosk.evil/` or
 * `app://kiosk@evil/` do not pass (Node's URL gives non-special schemes an opaque origin, so the
 * scheme and host are compared instead of `origin`).
 */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'app:' && parsed.host === 'kiosk' && parsed.username === '' && parsed.password === '';
  } catch {
    return false;
  }
}
