/** Text set as large as its box allows: the font size is found by measuring, again when the box is resized. */
import type { RefObject } from 'preact';
import { useLayoutEffect } from 'preact/hooks';
import { largestFitting } from './fit-text';

const SMALLEST_PX = 8;

/**
 * Sets `box`'s font size to the largest whole pixel size, up to `largestPx(box)`, at which
 * `content` (a block inside `box`, sized by its text) fits in `box` without overflowing; again
 * whenever `text` changes or the box is resized. `box` has a fixed size and no padding.
 */
export function useFittedFontSize(
  box: RefObject<HTMLElement | null>,
  content: RefObject<HTMLElement | null>,
  text: string,
  largestPx: (box: HTMLElement) => number,
): void {
  useLayoutEffect(() => {
    const boxElement = box.current;
    const contentElement = content.current;
    if (!boxElement || !contentElement) return;
    const fits = (sizePx: number) => {
      boxElement.style.fontSize = `${sizePx}px`;
      return (
        contentElement.scrollWidth <= boxElement.clientWidth && contentElement.offsetHeight <= boxElement.clientHeight
      );
    };
    // Called once when observing starts (before the first paint) and then on every resize.
    const observer = new ResizeObserver(() => {
      const size = largestFitting(SMALLEST_PX, Math.max(SMALLEST_PX, Math.floor(largestPx(boxElement))), fits);
      boxElement.style.fontSize = `${size}px`;
    });
    observer.observe(boxElement);
    return () => observer.disconnect();
  }, [text]);
}
