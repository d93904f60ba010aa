// A seeded generator for property tests: a failure prints its seed, and the same seed replays it.

import { seededRandom } from '@linli/protocol';

/** Numbers, integers, picks and chances from one seed. */
export function random(seed: number) {
  const next = seededRandom(seed);
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[int(0, items.length - 1)]!;
  const chance = (p: number) => next() < p;
  return { next, int, pick, chance };
}
