/** Zones are placed on a grid of this many cells across and down, whatever the screen's pixels. */
export const SIGNAGE_GRID = 12;
