/**
 * What a zone has on screen, and how one item gives way to the next. Videos play under the other
 * items' layers (see zone-view.tsx), which decides who moves: a layer coming in over anything
 * animates in itself, with the old layer kept still beneath it until it has; a video coming in
 * from under a layer is revealed by that layer animating out; a video after a video is the
 * VideoDeck's own business. Without a transition (or with nothing before) the change is instant.
 */
import type { PlaylistItem, Transition } from '@linli/protocol';

export interface ZoneSlide {
  /** One play of an item: the same item played again later is another slide. */
  key: string;
  item: PlaylistItem;
}

export interface ZoneScreen<S extends ZoneSlide> {
  shown: { slide: S; enter: Transition } | null;
  /** The slide that was there, kept until the change has played out; `leave` is its own animation. */
  leaving: { slide: S; leave: Transition } | null;
}

const isVideo = (slide: ZoneSlide) => slide.item.kind === 'video';

export function presentSlide<S extends ZoneSlide>(screen: ZoneScreen<S>, slide: S): ZoneScreen<S> {
  const before = screen.shown?.slide;
  if (before?.key === slide.key) return screen;
  const transition = before ? (slide.item.transition ?? 'none') : 'none';
  if (!before || transition === 'none') return { shown: { slide, enter: 'none' }, leaving: null };
  if (isVideo(before)) return { shown: { slide, enter: isVideo(slide) ? 'none' : transition }, leaving: null };
  if (isVideo(slide)) return { shown: { slide, enter: 'none' }, leaving: { slide: before, leave: transition } };
  return { shown: { slide, enter: transition }, leaving: { slide: before, leave: 'none' } };
}

/** The next slide shows the same as the one on screen (continuesOnScreen): it takes its place unchanged. */
export function continueSlide<S extends ZoneSlide>(screen: ZoneScreen<S>, slide: S): ZoneScreen<S> {
  return screen.shown ? { ...screen, shown: { ...screen.shown, slide } } : screen;
}

/** The change has played out: the slide before is gone. */
export function changeDone<S extends ZoneSlide>(screen: ZoneScreen<S>): ZoneScreen<S> {
  return screen.leaving ? { ...screen, leaving: null } : screen;
}
