import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { App, BrowserWindow, CommandLine, WebContents } from 'electron';
import { keepWindowOpen, kioskWindowOptions, lockDownWebContents } from './security';
import { fakeEmitter, fakeEvent } from './test-fakes';
import { disablePinchZoom } from './zoom-lock';

test('the kiosk window is sandboxed and isolated, with no Node, no DevTools and no webview tag', () => {
  const options = kioskWindowOptions('/app/preload.cjs');
  assert.equal(options.kiosk, true);
  const prefs = options.webPreferences!;
  assert.equal(prefs.sandbox, true);
  assert.equal(prefs.contextIsolation, true);
  assert.equal(prefs.nodeIntegration, false);
  assert.equal(prefs.webSecurity, true);
  assert.equal(prefs.webviewTag, false);
  assert.equal(prefs.devTools, false);
  assert.equal(prefs.preload, '/app/preload.cjs');
});

function lockedDownContents() {
  const contents = fakeEmitter();
  const zoomLimits: Array<[number, number]> = [];
  let openHandler: (() => { action: string }) | undefined;
  Object.assign(contents, {
    setWindowOpenHandler: (handler: typeof openHandler) => void (openHandler = handler),
    setVisualZoomLevelLimits: async (min: number, max: number) => void zoomLimits.push([min, max]),
  });
  lockDownWebContents(
    contents as unknown as Pick<WebContents, 'on' | 'setWindowOpenHandler' | 'setVisualZoomLevelLimits'>,
    () => new Set(),
    () => undefined,
  );
  return { contents, zoomLimits, openWindow: () => openHandler!() };
}

test('every web contents gets the navigation, window, webview and shortcut guards', () => {
  const { contents, openWindow } = lockedDownContents();
  const navigation = fakeEvent({ url: 'https://phishing.example/' });
  contents.emit('will-navigate', navigation);
  assert.equal(navigation.prevented, true);
  assert.deepEqual(openWindow(), { action: 'deny' });
  const webview = fakeEvent();
  contents.emit('will-attach-webview', webview);
  assert.equal(webview.prevented, true);
  const f12 = fakeEvent();
  contents.emit('before-input-event', f12, {
    type: 'keyDown',
    code: 'F12',
    control: false,
    meta: false,
    alt: false,
    shift: false,
  });
  assert.equal(f12.prevented, true);
});

test('pinch zoom is off: switched off in Chromium, and the zoom range pinned to 100 % after every load', () => {
  const switches: string[] = [];
  disablePinchZoom({ appendSwitch: (name: string) => void switches.push(name) } as unknown as Pick<
    CommandLine,
    'appendSwitch'
  >);
  assert.deepEqual(switches, ['disable-pinch']);

  const { contents, zoomLimits } = lockedDownContents();
  contents.emit('did-finish-load');
  contents.emit('did-finish-load');
  assert.deepEqual(zoomLimits, [
    [1, 1],
    [1, 1],
  ]);
});

test('the kiosk window cannot be closed (Alt+F4 handled by the OS), but quitting the app closes it', () => {
  const window = fakeEmitter();
  const app = fakeEmitter();
  keepWindowOpen(window as unknown as Pick<BrowserWindow, 'on'>, app as unknown as Pick<App, 'on'>);
  const close = fakeEvent();
  window.emit('close', close);
  assert.equal(close.prevented, true);
  app.emit('before-quit', fakeEvent());
  const closeOnQuit = fakeEvent();
  window.emit('close', closeOnQuit);
  assert.equal(closeOnQuit.prevented, false);
});
