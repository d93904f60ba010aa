import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_PAGE_PIXELS, fitPage, pagesToKeep, sameZoneSize } from '../../web/pdf-fit';

const A4 = { width: 595.28, height: 841.89 };
const A4_LANDSCAPE = { width: A4.height, height: A4.width };

test('a portrait page in a landscape zone is as tall as the zone, in device pixels, its shape kept', () => {
  const fit = fitPage(A4, { width: 1920, height: 1080 });
  assert.equal(fit.pixelHeight, 1080);
  assert.equal(fit.pixelWidth, Math.floor((1080 * A4.width) / A4.height));
  assert.ok(Math.abs(fit.scale - 1080 / A4.height) < 1e-9);
});

test('a landscape page in a portrait zone is as wide as the zone', () => {
  const fit = fitPage(A4_LANDSCAPE, { width: 1080, height: 1760 });
  assert.equal(fit.pixelWidth, 1080);
  assert.equal(fit.pixelHeight, Math.floor((1080 * A4.width) / A4.height));
});

test('at 4K the page is drawn at 4K: twice the pixels of 1080p each way, never past the zone', () => {
  const full = fitPage(A4, { width: 3840, height: 2160 });
  const hd = fitPage(A4, { width: 1920, height: 1080 });
  assert.equal(full.pixelHeight, 2160);
  assert.ok(Math.abs(full.pixelWidth - 2 * hd.pixelWidth) <= 1);
  // Zone sizes that do not divide evenly (11/12 of 1080 rows) round down, never over.
  for (const zone of [
    { width: 1760, height: 990 },
    { width: 3520, height: 1980 },
    { width: 1003, height: 641 },
  ]) {
    for (const page of [A4, A4_LANDSCAPE, { width: 612, height: 792 }]) {
      const fit = fitPage(page, zone);
      assert.ok(fit.pixelWidth <= zone.width && fit.pixelHeight <= zone.height, JSON.stringify({ zone, page, fit }));
      assert.ok(fit.pixelWidth >= zone.width - 1 || fit.pixelHeight >= zone.height - 1, 'one side fills the zone');
    }
  }
});

test('a drawing never exceeds the pixels of a 4K screen, whatever the zone says', () => {
  const fit = fitPage(A4, { width: 8000, height: 12000 });
  assert.ok(fit.pixelWidth * fit.pixelHeight <= MAX_PAGE_PIXELS);
  assert.ok(Math.abs(fit.pixelWidth / fit.pixelHeight - A4.width / A4.height) < 0.01, 'shape kept');
  assert.ok(fit.pixelWidth * fit.pixelHeight > 0.99 * MAX_PAGE_PIXELS);
});

test('a zone with no size yet still gives a canvas of at least one pixel', () => {
  assert.deepEqual(fitPage(A4, { width: 0, height: 0 }), { pixelWidth: 1, pixelHeight: 1, scale: 0 });
});

test('a zone that changed by a device pixel at most keeps its drawing; a real change draws the page again', () => {
  assert.equal(sameZoneSize({ width: 1920, height: 990 }, { width: 1921, height: 989 }), true);
  assert.equal(sameZoneSize({ width: 1920, height: 990 }, { width: 3840, height: 1980 }), false);
});

test('a PDF item keeps the page up and the next one drawn, and only the page up on its last page', () => {
  assert.deepEqual(pagesToKeep(0, 3), [0, 1]);
  assert.deepEqual(pagesToKeep(1, 3), [1, 2]);
  assert.deepEqual(pagesToKeep(2, 3), [2]);
  assert.deepEqual(pagesToKeep(0, 1), [0]);
});
