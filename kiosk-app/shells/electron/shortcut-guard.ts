/**
 * Swallows the keys that would reload the page, open DevTools, zoom, print, show the source, find,
 * or close the window. Matched on `input.code` (the physical key, so keyboard layouts and IMEs do
 * not change the match), on keyDown only, with Ctrl and Meta treated alike. The application
 * menu is removed as well (main.ts), which drops Electron's default accelerators; this guard is
 * what still stands if a menu ever comes back, and it covers keys Chromium handles itself.
 */
import type { Input, WebContents } from 'electron';

/** Blocked with or without modifiers. */
const ALWAYS_BLOCKED = new Set(['F3', 'F5', 'F12']);

/** Blocked with Ctrl or Meta: reload, print, view source, find, close, quit, zoom. */
const BLOCKED_WITH_COMMAND = new Set([
  'KeyR',
  'KeyP',
  'KeyU',
  'KeyF',
  'KeyG',
  'KeyW',
  'KeyQ',
  'F4',
  'Equal',
  'Minus',
  'Digit0',
  'NumpadAdd',
  'NumpadSubtract',
  'Numpad0',
]);

/** Blocked with Ctrl/Meta plus Shift or Alt(Option): DevTools (Ctrl+Shift+I/J/C, Cmd+Opt+I/J/C). */
const DEVTOOLS_KEYS = new Set(['KeyI', 'KeyJ', 'KeyC']);

export type KeyInput = Pick<Input, 'type' | 'code' | 'control' | 'meta' | 'alt' | 'shift'>;

export function isBlockedShortcut(input: KeyInput): boolean {
  if (input.type !== 'keyDown') return false;
  if (ALWAYS_BLOCKED.has(input.code)) return true;
  if (input.alt && input.code === 'F4') return true;
  const command = input.control || input.meta;
  if (!command) return false;
  return BLOCKED_WITH_COMMAND.has(input.code) || ((input.shift || input.alt) && DEVTOOLS_KEYS.has(input.code));
}

export function swallowBlockedShortcuts(contents: Pick<WebContents, 'on'>): void {
  contents.on('before-input-event', (event, input) => {
    if (isBlockedShortcut(input)) event.preventDefault();
  });
}
