/**
 * Zones on the layout grid as the designer moves and sizes them (pure): a pointer's travel in
 * pixels snapped to whole cells, a zone moved or one of its edges or corners dragged (kept on the
 * grid and at least one cell), the arrow keys' steps, and where a new zone fits.
 */
import { SIGNAGE_GRID, type Zone } from '@linli/protocol';

export type GridBox = Pick<Zone, 'x' | 'y' | 'w' | 'h'>;

/** The edges and corners a zone is resized by, as compass points. */
export const RESIZE_HANDLES = ['n', 'e', 's', 'w', 'ne', 'se', 'sw', 'nw'] as const;
export type ResizeHandle = (typeof RESIZE_HANDLES)[number];
/** What a drag takes hold of: the whole zone, or an edge or corner. */
export type DragHandle = 'move' | ResizeHandle;

const clamp = (value: number, lowest: number, highest: number) => Math.min(highest, Math.max(lowest, value));

/** A pointer's travel in pixels as whole cells, to the nearest cell: what snaps a drag to the grid. */
export function cellsOf(pixels: number, cellPixels: number): number {
  // `|| 0`: a small travel back rounds to −0, which would read as a change.
  return Math.round(pixels / cellPixels) || 0;
}

/** The zone after its handle travelled `cols` cells across and `rows` down from where the drag began. */
export function draggedBox(start: GridBox, handle: DragHandle, cols: number, rows: number): GridBox {
  if (handle === 'move')
    return {
      ...start,
      x: clamp(start.x + cols, 0, SIGNAGE_GRID - start.w),
      y: clamp(start.y + rows, 0, SIGNAGE_GRID - start.h),
    };
  let { x, y, w, h } = start;
  // The opposite edge stays where it is; the dragged one stops a cell short of it and at the grid's edge.
  const right = start.x + start.w;
  const bottom = start.y + start.h;
  if (handle.includes('e')) w = clamp(start.w + cols, 1, SIGNAGE_GRID - start.x);
  if (handle.includes('w')) {
    x = clamp(start.x + cols, 0, right - 1);
    w = right - x;
  }
  if (handle.includes('s')) h = clamp(start.h + rows, 1, SIGNAGE_GRID - start.y);
  if (handle.includes('n')) {
    y = clamp(start.y + rows, 0, bottom - 1);
    h = bottom - y;
  }
  return { x, y, w, h };
}

const ARROW_STEPS: Record<string, readonly [cols: number, rows: number]> = {
  ArrowLeft: [-1, 0],
  ArrowRight: [1, 0],
  ArrowUp: [0, -1],
  ArrowDown: [0, 1],
};

/**
 * The keyboard's way to do what a drag does: an arrow key moves the zone a cell; with Shift it
 * moves the right or bottom edge a cell (a wider, narrower, taller or shorter zone). Null for any
 * other key.
 */
export function keyedBox(box: GridBox, key: string, shift: boolean): GridBox | null {
  const step = ARROW_STEPS[key];
  return step ? draggedBox(box, shift ? 'se' : 'move', step[0], step[1]) : null;
}

/**
 * Where a new zone goes: the first free cell, row by row, grown right and then down while the
 * cells it takes are free. With no cell free it takes the top-left quarter, and the overlap is
 * shown for the editor to resolve.
 */
export function freeBox(zones: readonly GridBox[]): GridBox {
  const taken = (col: number, row: number) =>
    zones.some((zone) => col >= zone.x && col < zone.x + zone.w && row >= zone.y && row < zone.y + zone.h);
  for (let y = 0; y < SIGNAGE_GRID; y++) {
    for (let x = 0; x < SIGNAGE_GRID; x++) {
      if (taken(x, y)) continue;
      let w = 1;
      while (x + w < SIGNAGE_GRID && !taken(x + w, y)) w++;
      let h = 1;
      const rowFree = (row: number) => Array.from({ length: w }, (_, i) => x + i).every((col) => !taken(col, row));
      while (y + h < SIGNAGE_GRID && rowFree(y + h)) h++;
      return { x, y, w, h };
    }
  }
  return { x: 0, y: 0, w: SIGNAGE_GRID / 2, h: SIGNAGE_GRID / 2 };
}
