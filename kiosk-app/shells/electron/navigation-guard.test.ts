import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { WebContents } from 'electron';
import { isAppUrl } from './app-url';
import { guardNavigation, isAllowedNavigation } from './navigation-guard';
import { fakeEmitter, fakeEvent } from './test-fakes';

const NO_ORIGINS = new Set<string>();
const GOV = new Set(['https://zwfw.example.gov.cn']);

function guardedContents(allowedOrigins: ReadonlySet<string>) {
  const contents = fakeEmitter();
  let openHandler: ((details: { url: string }) => { action: string }) | undefined;
  const target = Object.assign(contents, {
    setWindowOpenHandler: (handler: typeof openHandler) => void (openHandler = handler),
  });
  guardNavigation(target as unknown as Pick<WebContents, 'on' | 'setWindowOpenHandler'>, () => allowedOrigins);
  /** Emits a navigation-type event; true when the navigation was stopped. */
  const stopped = (eventName: string, url: string) => {
    const event = fakeEvent({ url, isMainFrame: true });
    contents.emit(eventName, event, url);
    return event.prevented;
  };
  return { contents, stopped, openWindow: (url: string) => openHandler!({ url }) };
}

test('a link to another origin is stopped; pages of the app still load', () => {
  const { stopped } = guardedContents(NO_ORIGINS);
  assert.equal(stopped('will-navigate', 'https://phishing.example/'), true);
  assert.equal(stopped('will-navigate', 'file:///etc/passwd'), true);
  assert.equal(stopped('will-navigate', 'http://127.0.0.1:7310/'), true);
  assert.equal(stopped('will-navigate', 'app://kiosk/'), false);
  assert.equal(stopped('will-navigate', 'app://kiosk/guide/shebao-card-loss'), false);
});

test('a redirect to another origin is stopped', () => {
  const { stopped } = guardedContents(GOV);
  assert.equal(stopped('will-redirect', 'https://tracker.example/collect'), true);
  assert.equal(stopped('will-redirect', 'https://zwfw.example.gov.cn/after-login'), false);
});

test('an iframe cannot navigate to another origin', () => {
  const { stopped } = guardedContents(NO_ORIGINS);
  assert.equal(stopped('will-frame-navigate', 'https://ads.example/frame'), true);
  assert.equal(stopped('will-frame-navigate', 'app://kiosk/'), false);
});

test('an allow-listed https origin may be visited; its http twin, subdomains and look-alikes may not', () => {
  assert.equal(isAllowedNavigation('https://zwfw.example.gov.cn/item?id=1', GOV), true);
  assert.equal(isAllowedNavigation('http://zwfw.example.gov.cn/', GOV), false);
  assert.equal(isAllowedNavigation('https://evil.zwfw.example.gov.cn/', GOV), false);
  assert.equal(isAllowedNavigation('https://zwfw.example.gov.cn.evil.example/', GOV), false);
  assert.equal(isAllowedNavigation('https://zwfw.example.gov.cn:8443/', GOV), false);
  assert.equal(isAllowedNavigation('not a url', GOV), false);
  assert.equal(
    isAllowedNavigation('https://zwfw.example.gov.cn/', NO_ORIGINS),
    false,
    'nothing external without configuration',
  );
});

test('window.open and target=_blank open no window, not even to an allow-listed origin', () => {
  const { openWindow } = guardedContents(GOV);
  assert.deepEqual(openWindow('https://phishing.example/'), { action: 'deny' });
  assert.deepEqual(openWindow('https://zwfw.example.gov.cn/'), { action: 'deny' });
  assert.deepEqual(openWindow('app://kiosk/'), { action: 'deny' });
});

test('a webview tag is never attached', () => {
  const { contents } = guardedContents(NO_ORIGINS);
  const event = fakeEvent();
  contents.emit('will-attach-webview', event, {}, { src: 'https://phishing.example/' });
  assert.equal(event.prevented, true);
});

test('only app://kiosk itself counts as the app, not look-alikes', () => {
  assert.equal(isAppUrl('app://kiosk'), true);
  assert.equal(isAppUrl('app://kiosk/main.js'), true);
  assert.equal(isAppUrl('app://kiosk.evil/'), false);
  assert.equal(isAppUrl('app://kiosk@evil/'), false);
  assert.equal(isAppUrl('app://user@kiosk/'), false);
  assert.equal(isAppUrl('app://other/'), false);
  assert.equal(isAppUrl('https://kiosk/'), false);
  assert.equal(isAppUrl('javascript:alert(1)'), false);
  assert.equal(isAppUrl(''), false);
});
