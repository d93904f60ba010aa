import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { WebContents } from 'electron';
import { captureWindowPng, MAX_SCREENSHOT_WIDTH } from './screen-capture';

/** A NativeImage stand-in that says which size its PNG was made at. */
function fakeImage(width: number, height: number, empty = false) {
  return {
    isEmpty: () => empty,
    getSize: () => ({ width, height }),
    resize: (options: { width: number }) => fakeImage(options.width, Math.round((height * options.width) / width)),
    toPNG: () => Buffer.from(`PNG ${width}x${height}`),
  };
}

function contentsShowing(image: ReturnType<typeof fakeImage>, destroyed = false) {
  return { capturePage: async () => image, isDestroyed: () => destroyed } as unknown as Pick<
    WebContents,
    'capturePage' | 'isDestroyed'
  >;
}

test('the kiosk window is captured as PNG, a 4K screen scaled down to full-HD width', async () => {
  assert.equal(String(await captureWindowPng(contentsShowing(fakeImage(1920, 1080)))), 'PNG 1920x1080');
  assert.equal(
    String(await captureWindowPng(contentsShowing(fakeImage(3840, 2160)))),
    `PNG ${MAX_SCREENSHOT_WIDTH}x1080`,
  );
  assert.equal(
    String(await captureWindowPng(contentsShowing(fakeImage(1080, 1920)))),
    'PNG 1080x1920',
    'a portrait panel keeps its size',
  );
});

test('a window that is gone or shows nothing fails with a reason', async () => {
  await assert.rejects(captureWindowPng(contentsShowing(fakeImage(1920, 1080), true)), {
    code: 'INTERNAL',
    message: /gone/,
  });
  await assert.rejects(captureWindowPng(contentsShowing(fakeImage(0, 0, true))), {
    code: 'INTERNAL',
    message: /nothing to capture/,
  });
});
