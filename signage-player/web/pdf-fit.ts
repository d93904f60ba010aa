/**
 * How a PDF page fills its zone, and which pages a PDF item keeps drawn. The page is contained
 * (all of it seen, its shape kept, centred on the zone's background by the page's CSS) and drawn
 * at the zone's own device pixels, so text is as sharp on a 4K screen as the screen allows.
 */

export interface Size {
  width: number;
  height: number;
}

/** No screen a player drives has more pixels than 4K: a larger drawing would only cost memory. */
export const MAX_PAGE_PIXELS = 3840 * 2160;

export interface PageFit {
  /** The canvas's size in device pixels. */
  pixelWidth: number;
  pixelHeight: number;
  /** Device pixels per PDF unit (the pdf.js viewport scale). */
  scale: number;
}

/**
 * `page` in PDF units (its viewport at scale 1, rotation applied), `zone` in device pixels. The
 * drawing is the largest of the page's shape that fits the zone, at most `maxPixels` in area.
 */
export function fitPage(page: Size, zone: Size, maxPixels = MAX_PAGE_PIXELS): PageFit {
  const contain = Math.min(zone.width / page.width, zone.height / page.height);
  const cap = Math.sqrt(maxPixels / (page.width * page.height));
  const scale = Math.min(contain, cap);
  // Down to whole pixels, never past the zone (the tolerance absorbs rounding in the division).
  const pixels = (units: number) => Math.max(1, Math.floor(units * scale + 1e-6));
  return { pixelWidth: pixels(page.width), pixelHeight: pixels(page.height), scale };
}

/** Two sizes within a device pixel of each other draw the same page: no need to draw it again. */
export function sameZoneSize(a: Size, b: Size): boolean {
  return Math.abs(a.width - b.width) <= 1 && Math.abs(a.height - b.height) <= 1;
}

/** The pages a PDF item keeps drawn while `page` shows: that one and the next (drawn before it is due). */
export function pagesToKeep(page: number, pageCount: number): number[] {
  return page + 1 < pageCount ? [page, page + 1] : [page];
}
