/**
 * Which organisation nodes an alert's area covers. Pure.
 *
 * A `geocode` whose value is a division code of 6 to 15 digits (GB/T 2260 district codes, the
 * 12-digit statistical street and community codes, 15-digit grid codes; whatever the valueName says,
 * "GB/T 2260", "ADCODE" or other) covers every node whose code starts with it. Trailing zeros that
 * only fill a level out are dropped first: 330100 (a city) covers 3301…, 330000 (a province) 33…,
 * 330188001000 (a street) 330188001…; 330188 covers the district and everything below.
 *
 * `polygon` and `circle` cover no node: they reach the devices located inside them (alert-geometry.ts).
 */
import type { CapAlert } from './cap-alert';

/** Where a division code's levels end: province 2, city 4, district 6, street 9, community 12, grid 15. */
const LEVEL_ENDS = [2, 4, 6, 9, 12, 15];

/** The part of a division code that names its area (trailing zero levels dropped), or undefined for no code. */
export function divisionPrefix(value: string): string | undefined {
  const code = value.trim();
  if (!/^\d{6,15}$/.test(code) || code.startsWith('00')) return undefined;
  const end = LEVEL_ENDS.find((level) => level < code.length && /^0*$/.test(code.slice(level)));
  return end === undefined ? code : code.slice(0, end);
}

/** The division-code prefixes an alert's areas name, across all its language blocks, without repeats. */
export function alertCodePrefixes(alert: Pick<CapAlert, 'info'>): string[] {
  const prefixes = alert.info.flatMap((info) =>
    info.areas.flatMap((area) => area.geocodes.flatMap((geocode) => divisionPrefix(geocode.value) ?? [])),
  );
  return [...new Set(prefixes)].sort();
}

export interface CodedNode {
  id: number;
  code: string;
  /** Materialised path (`/1/4/9/`). */
  path: string;
}

/**
 * The topmost nodes whose code starts with one of `prefixes`: each covers its subtree (children
 * repeat their parent's code), so these are the alert's targets.
 */
export function coveringNodes<T extends CodedNode>(nodes: T[], prefixes: string[]): T[] {
  const matched = nodes.filter((node) => prefixes.some((prefix) => node.code.startsWith(prefix)));
  return matched
    .filter((node) => !matched.some((other) => other !== node && node.path.startsWith(other.path)))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
