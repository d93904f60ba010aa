/** Fits a page's text into one speak call, ending at a pause rather than mid-sentence. */
import { SPEAK_MAX_CHARS } from '@linli/protocol';

const PAUSE = /[。！？；\n]/g;

export function fitForSpeech(text: string, max = SPEAK_MAX_CHARS): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const lastPause = Math.max(...[...cut.matchAll(PAUSE)].map((match) => match.index), -1);
  // A page with no pause in its first half is cut where the limit falls.
  return lastPause >= max / 2 ? cut.slice(0, lastPause + 1) : cut;
}
