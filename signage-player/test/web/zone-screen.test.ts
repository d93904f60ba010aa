import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { PlaylistItem, Transition } from '@linli/protocol';
import { changeDone, continueSlide, presentSlide, type ZoneScreen, type ZoneSlide } from '../../web/zone-screen';
import { MEDIA } from '../fixtures';

const slide = (key: string, kind: 'image' | 'video', transition?: Transition): ZoneSlide => ({
  key,
  item: (kind === 'video'
    ? { id: key, kind, media: MEDIA, lengthSec: 5, transition }
    : { id: key, kind, media: MEDIA, durationSec: 5, transition }) as PlaylistItem,
});
const EMPTY: ZoneScreen<ZoneSlide> = { shown: null, leaving: null };
const showing = (first: ZoneSlide) => presentSlide(EMPTY, first);

test('the first item of a zone appears at once, whatever its transition', () => {
  const first = slide('a', 'image', 'fade');
  assert.deepEqual(presentSlide(EMPTY, first), { shown: { slide: first, enter: 'none' }, leaving: null });
});

test('an item over an item comes in itself while the one before stays still beneath it', () => {
  const [a, b] = [slide('a', 'image'), slide('b', 'image', 'slide')];
  assert.deepEqual(presentSlide(showing(a), b), {
    shown: { slide: b, enter: 'slide' },
    leaving: { slide: a, leave: 'none' },
  });
});

test('a video coming in from under an item is revealed by that item going', () => {
  const [a, v] = [slide('a', 'image'), slide('v', 'video', 'fade')];
  assert.deepEqual(presentSlide(showing(a), v), {
    shown: { slide: v, enter: 'none' },
    leaving: { slide: a, leave: 'fade' },
  });
});

test('an item over a video comes in over it; a video after a video is left to the video deck', () => {
  const [v, a, w] = [slide('v', 'video'), slide('a', 'image', 'fade'), slide('w', 'video', 'fade')];
  assert.deepEqual(presentSlide(showing(v), a), { shown: { slide: a, enter: 'fade' }, leaving: null });
  assert.deepEqual(presentSlide(showing(v), w), { shown: { slide: w, enter: 'none' }, leaving: null });
});

test('without a transition the change is instant; the same slide again changes nothing', () => {
  const [a, b] = [slide('a', 'image'), slide('b', 'image', 'none')];
  assert.deepEqual(presentSlide(showing(a), b), { shown: { slide: b, enter: 'none' }, leaving: null });
  const screen = showing(a);
  assert.equal(presentSlide(screen, a), screen);
});

test('a continuing slide takes the place unchanged; a finished change drops the slide before', () => {
  const [a, b, c] = [slide('a', 'image'), slide('b', 'image', 'fade'), slide('c', 'image')];
  const changing = presentSlide(showing(a), b);
  assert.deepEqual(continueSlide(changing, c), {
    shown: { slide: c, enter: 'fade' },
    leaving: { slide: a, leave: 'none' },
  });
  assert.deepEqual(changeDone(changing), { shown: { slide: b, enter: 'fade' }, leaving: null });
  assert.equal(continueSlide(EMPTY, c), EMPTY);
});
