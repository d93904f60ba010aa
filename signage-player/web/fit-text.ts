/** The largest size at which content still fits, found by bisection (the test is a layout, so few of them). */

/**
 * The largest integer in [low, high] for which `fits` holds, assuming that whatever fits at one size
 * fits at every smaller one; `low` when nothing does (the smallest size is the least bad).
 */
export function largestFitting(low: number, high: number, fits: (size: number) => boolean): number {
  let best = low;
  let lo = low;
  let hi = high;
  while (lo <= hi) {
    const middle = Math.floor((lo + hi) / 2);
    if (fits(middle)) {
      best = middle;
      lo = middle + 1;
    } else {
      hi = middle - 1;
    }
  }
  return best;
}
