/**
 * The remote, for as long as the TV app is on screen: every key it knows (remote-keys.ts) goes to
 * `onKey` and does nothing else (no scrolling, no browser navigation). Back never leaves the page:
 * the app keeps a history entry of its own above the page's, and the browser going back to the
 * page's (a Back key the browser handles itself, history.back()) is taken as Back and the entry
 * put back. Old IPTV browsers that send remote keys only as keypress are heard too.
 */
import { useEffect, useRef } from 'preact/hooks';
import { keyOf, type RemoteKey } from './remote-keys';

/** A browser Back that follows a Back key this soon is that same press. */
const SAME_PRESS_MS = 400;
const HISTORY_MARK = { linliTv: true };

/** Samsung Tizen delivers the colour and channel keys only once asked for them. */
function registerTizenKeys(): void {
  const tizen = (window as { tizen?: { tvinputdevice?: { registerKey(name: string): void } } }).tizen;
  for (const name of [
    'ColorF0Red',
    'ColorF1Green',
    'ColorF2Yellow',
    'ColorF3Blue',
    'ChannelUp',
    'ChannelDown',
    'Info',
    'Guide',
  ]) {
    try {
      tizen?.tvinputdevice?.registerKey(name);
    } catch {
      // A key this model does not have.
    }
  }
}

export function useRemote(onKey: (key: RemoteKey) => void): void {
  const listener = useRef(onKey);
  listener.current = onKey;
  useEffect(() => {
    let sawKeydown = false;
    let lastBackAt = -Infinity;
    const handle = (event: KeyboardEvent) => {
      const key = keyOf(event);
      if (!key) return;
      event.preventDefault();
      if (key.name === 'Back') lastBackAt = Date.now();
      listener.current(key);
    };
    const keydown = (event: KeyboardEvent) => {
      sawKeydown = true;
      handle(event);
    };
    const keypress = (event: KeyboardEvent) => {
      if (!sawKeydown) handle(event);
    };
    const popstate = () => {
      window.history.pushState(HISTORY_MARK, '');
      if (Date.now() - lastBackAt > SAME_PRESS_MS) listener.current({ name: 'Back' });
    };
    registerTizenKeys();
    window.history.pushState(HISTORY_MARK, '');
    window.addEventListener('keydown', keydown);
    window.addEventListener('keypress', keypress);
    window.addEventListener('popstate', popstate);
    return () => {
      window.removeEventListener('keydown', keydown);
      window.removeEventListener('keypress', keypress);
      window.removeEventListener('popstate', popstate);
    };
  }, []);
}
