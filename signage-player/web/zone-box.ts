/** Where a zone sits on screen: its grid cells as percentages of the player, whatever the screen's pixels. */
import { SIGNAGE_GRID, type Zone } from '@linli/protocol';

export interface PercentBox {
  left: number;
  top: number;
  width: number;
  height: number;
}

const percentOfGrid = (cells: number) => (cells / SIGNAGE_GRID) * 100;

export function zoneBox(zone: Pick<Zone, 'x' | 'y' | 'w' | 'h'>): PercentBox {
  return {
    left: percentOfGrid(zone.x),
    top: percentOfGrid(zone.y),
    width: percentOfGrid(zone.w),
    height: percentOfGrid(zone.h),
  };
}
