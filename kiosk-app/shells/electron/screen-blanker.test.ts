import { test } from 'node:test';
import assert from 'node:assert/strict';
import { blackoutWindowOptions, createScreenBlanker } from './screen-blanker';

function blankerWithFakes() {
  const happened: string[] = [];
  let nextBlocker = 1;
  const setScreenOff = createScreenBlanker({
    cover: () => {
      happened.push('cover');
      return () => happened.push('uncover');
    },
    powerSaveBlocker: {
      start: (type) => {
        happened.push(`keep awake (${type})`);
        return nextBlocker++;
      },
      stop: (id) => {
        happened.push(`release ${id}`);
        return true;
      },
    },
  });
  return { setScreenOff, happened };
}

test('at screen-off the kiosk is covered in black and the display may sleep; at screen-on it is back and kept awake', () => {
  const { setScreenOff, happened } = blankerWithFakes();
  setScreenOff(false);
  assert.deepEqual(happened, ['keep awake (prevent-display-sleep)']);
  setScreenOff(true);
  assert.deepEqual(happened.slice(1), ['release 1', 'cover']);
  setScreenOff(false);
  assert.deepEqual(happened.slice(3), ['uncover', 'keep awake (prevent-display-sleep)']);
});

test('repeating the current state changes nothing (no stacked overlays or blockers)', () => {
  const { setScreenOff, happened } = blankerWithFakes();
  setScreenOff(true);
  setScreenOff(true);
  assert.deepEqual(happened, ['cover']);
  setScreenOff(false);
  setScreenOff(false);
  assert.deepEqual(happened, ['cover', 'uncover', 'keep awake (prevent-display-sleep)']);
});

test('the overlay is black, frameless, full-screen, on top, and runs no script', () => {
  const options = blackoutWindowOptions();
  assert.equal(options.backgroundColor, '#000000');
  assert.equal(options.frame, false);
  assert.equal(options.fullscreen, true);
  assert.equal(options.alwaysOnTop, true);
  assert.equal(options.webPreferences?.javascript, false);
  assert.equal(options.webPreferences?.sandbox, true);
  assert.equal(options.webPreferences?.devTools, false);
});
