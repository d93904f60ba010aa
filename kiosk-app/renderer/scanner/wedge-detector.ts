/**
 * Keyboard-wedge scanners type like a keyboard, only much faster: a burst of characters a few
 * milliseconds apart ending in Enter. People type 80–300 ms apart. This tells the two apart by
 * the gaps between keys alone (pure: keys and their times in, scanned codes out).
 */
export interface WedgeSettings {
  maxKeyGapMs: number;
  minLength: number;
}

/** Keys a scanner sends around characters (upper case comes with Shift) that do not break a burst. */
const IGNORED_KEYS = new Set(['Shift', 'CapsLock']);

export function createWedgeDetector(settings: WedgeSettings) {
  let burst = '';
  let lastAt = Number.NEGATIVE_INFINITY;
  const reset = () => {
    burst = '';
    lastAt = Number.NEGATIVE_INFINITY;
  };
  return {
    /** Feed every keydown; returns the scanned code when Enter ends a fast enough, long enough burst. */
    key(key: string, at: number): string | undefined {
      if (IGNORED_KEYS.has(key)) return undefined;
      const fast = at - lastAt <= settings.maxKeyGapMs;
      if (key === 'Enter') {
        const code = burst;
        reset();
        return fast && [...code].length >= settings.minLength ? code : undefined;
      }
      if ([...key].length !== 1) {
        reset();
        return undefined;
      }
      // A slow key starts a new burst: whatever came before was typed by a person.
      burst = fast ? burst + key : key;
      lastAt = at;
      return undefined;
    },
  };
}
