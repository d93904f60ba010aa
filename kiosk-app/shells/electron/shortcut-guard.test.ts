import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { WebContents } from 'electron';
import { isBlockedShortcut, swallowBlockedShortcuts, type KeyInput } from './shortcut-guard';
import { fakeEmitter, fakeEvent } from './test-fakes';

type Chord = Partial<Omit<KeyInput, 'code'>>;
const key = (code: string, chord: Chord = {}): KeyInput => ({
  type: 'keyDown',
  code,
  control: false,
  meta: false,
  alt: false,
  shift: false,
  ...chord,
});
const ctrl = { control: true };
const cmd = { meta: true };

test('F12 and the DevTools chords do nothing', () => {
  assert.equal(isBlockedShortcut(key('F12')), true);
  for (const code of ['KeyI', 'KeyJ', 'KeyC']) {
    assert.equal(isBlockedShortcut(key(code, { control: true, shift: true })), true, `Ctrl+Shift+${code}`);
    assert.equal(isBlockedShortcut(key(code, { meta: true, alt: true })), true, `Cmd+Opt+${code}`);
  }
});

test('reload keys do nothing', () => {
  assert.equal(isBlockedShortcut(key('F5')), true);
  assert.equal(isBlockedShortcut(key('F5', ctrl)), true);
  assert.equal(isBlockedShortcut(key('KeyR', ctrl)), true);
  assert.equal(isBlockedShortcut(key('KeyR', cmd)), true);
  assert.equal(isBlockedShortcut(key('KeyR', { control: true, shift: true })), true);
});

test('zoom keys do nothing', () => {
  for (const code of ['Equal', 'Minus', 'Digit0', 'NumpadAdd', 'NumpadSubtract', 'Numpad0']) {
    assert.equal(isBlockedShortcut(key(code, ctrl)), true, `Ctrl+${code}`);
    assert.equal(isBlockedShortcut(key(code, cmd)), true, `Cmd+${code}`);
  }
  assert.equal(isBlockedShortcut(key('Equal', { control: true, shift: true })), true, 'Ctrl+Shift+= (Ctrl++)');
});

test('print, view-source, find and close-window keys do nothing', () => {
  for (const code of ['KeyP', 'KeyU', 'KeyF', 'KeyG', 'KeyW', 'KeyQ', 'F4'])
    assert.equal(isBlockedShortcut(key(code, ctrl)), true, `Ctrl+${code}`);
  assert.equal(isBlockedShortcut(key('KeyP', cmd)), true);
  assert.equal(isBlockedShortcut(key('F3')), true);
  assert.equal(isBlockedShortcut(key('F4', { alt: true })), true, 'Alt+F4');
});

test('typing, copy and paste still reach the page', () => {
  assert.equal(isBlockedShortcut(key('KeyR')), false, 'a plain r');
  assert.equal(isBlockedShortcut(key('KeyR', { shift: true })), false, 'a capital R');
  assert.equal(isBlockedShortcut(key('KeyC', ctrl)), false, 'Ctrl+C');
  assert.equal(isBlockedShortcut(key('KeyV', ctrl)), false, 'Ctrl+V');
  assert.equal(isBlockedShortcut(key('KeyA', ctrl)), false, 'Ctrl+A');
  assert.equal(isBlockedShortcut(key('Digit0')), false, 'the digit 0');
  assert.equal(isBlockedShortcut(key('Enter')), false);
  assert.equal(isBlockedShortcut({ ...key('F12'), type: 'keyUp' }), false, 'only keyDown is matched');
});

test('a blocked key pressed in the window never reaches the page', () => {
  const contents = fakeEmitter();
  swallowBlockedShortcuts(contents as unknown as Pick<WebContents, 'on'>);
  const press = (input: KeyInput) => {
    const event = fakeEvent();
    contents.emit('before-input-event', event, input);
    return event.prevented;
  };
  assert.equal(press(key('F12')), true);
  assert.equal(press(key('KeyR', ctrl)), true);
  assert.equal(press(key('KeyA')), false);
});
