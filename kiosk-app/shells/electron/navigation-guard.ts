/**
 * Keeps every web contents on the app: navigations, redirects and frame navigations are stopped
 * unless they go to app://kiosk or to an allow-listed https origin; new windows and <webview>s
 * are never created. Origins are compared parsed, never as string prefixes. The allow-list is read
 * at each navigation, so one pushed by the admin server applies at once.
 */
import type { WebContents } from 'electron';
import { isAppUrl } from './app-url';

export function isAllowedNavigation(url: string, allowedOrigins: ReadonlySet<string>): boolean {
  if (isAppUrl(url)) return true;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' && allowedOrigins.has(parsed.origin);
  } catch {
    return false;
  }
}

type NavigationTarget = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;

export function guardNavigation(contents: NavigationTarget, allowedOrigins: () => ReadonlySet<string>): void {
  const stopForeign = (event: { url: string; preventDefault(): void }) => {
    if (!isAllowedNavigation(event.url, allowedOrigins())) event.preventDefault();
  };
  contents.on('will-navigate', stopForeign);
  // A page on our origin could answer with a redirect elsewhere; will-navigate has passed by then.
  contents.on('will-redirect', stopForeign);
  // Covers iframes, which will-navigate does not see.
  contents.on('will-frame-navigate', stopForeign);
  // Allow-listed external pages will open in a controlled view later; until then no new windows.
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  // webviewTag is off in webPreferences; this refuses one even if a page finds a way to add it.
  contents.on('will-attach-webview', (event) => event.preventDefault());
}
