/**
 * A grid's boundary as the map's editor changes it (pure): the outer ring's corners as
 * [latitude, longitude] (Leaflet's order, without the closing point), moved, added between two
 * neighbours and removed (never below three), and back to a closed GeoJSON ring of
 * [longitude, latitude]. Inner rings are kept as they were.
 */
import type { GridPolygon } from '@linli/protocol';

export type Corner = readonly [latitude: number, longitude: number];

/** The outer ring's corners, without the point that closes it. */
export function cornersOf(boundary: GridPolygon | undefined): Corner[] {
  const ring = boundary?.[0] ?? [];
  const open = ring.length > 1 && ring[0]![0] === ring.at(-1)![0] && ring[0]![1] === ring.at(-1)![1];
  return (open ? ring.slice(0, -1) : ring).map(([longitude, latitude]) => [latitude, longitude] as const);
}

/** Seven decimals of a degree: about a centimetre, and no floating-point noise in the file. */
const rounded = (degrees: number) => Math.round(degrees * 1e7) / 1e7;

/** The corners as a boundary: a closed outer ring of [longitude, latitude], then the inner rings kept. */
export function boundaryOf(corners: readonly Corner[], innerRings: GridPolygon = []): GridPolygon {
  const ring = corners.map(([latitude, longitude]) => [rounded(longitude), rounded(latitude)] as [number, number]);
  return [[...ring, ...(ring[0] ? [ring[0]] : [])], ...innerRings];
}

export const moveCorner = (corners: readonly Corner[], index: number, to: Corner): Corner[] =>
  corners.map((corner, at) => (at === index ? to : corner));

/** A new corner at `index` (between the corners before and after it). */
export const insertCorner = (corners: readonly Corner[], index: number, at: Corner): Corner[] => [
  ...corners.slice(0, index),
  at,
  ...corners.slice(index),
];

/** Without the corner at `index`; a ring keeps three corners at least. */
export const removeCorner = (corners: readonly Corner[], index: number): Corner[] =>
  corners.length <= 3 ? [...corners] : corners.filter((_, at) => at !== index);

/**
 * The middle of each side, where a new corner is added (`index`: where it goes in the list); the
 * side from the last corner back to the first too, once there are three.
 */
export function midpoints(corners: readonly Corner[]): { index: number; at: Corner }[] {
  const sides = corners.length >= 3 ? corners.length : corners.length - 1;
  return Array.from({ length: Math.max(0, sides) }, (_, index) => {
    const [a, b] = [corners[index]!, corners[(index + 1) % corners.length]!];
    return { index: index + 1, at: [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2] as const };
  });
}
