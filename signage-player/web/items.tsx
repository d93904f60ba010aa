/**
 * What each kind of playlist item looks like inside its zone (videos are the zone's VideoDeck).
 * Each calls `onReady` once it can be seen as it should (an image decoded, a notice paged), so
 * the zone shows it only then and never a half-loaded item.
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { MediaRef } from '@linli/protocol';
import { mediaUrl } from './item-content';
import { tickerMotion, tickerSpeedPxPerSec, type TickerMotion } from './ticker-motion';
import { useFittedFontSize } from './use-fitted-font';

// A page that never answers still has its turn (shown as far as it got) rather than holding the zone.
const WEB_PAGE_WAIT_MS = 5000;

/** For items that are ready as soon as they are in the page. */
export function useReadyOnMount(onReady: () => void): void {
  useLayoutEffect(() => onReady(), []);
}

export function ImageItem(props: { itemId: string; media: MediaRef; onReady: () => void }) {
  const image = useRef<HTMLImageElement>(null);
  useEffect(() => {
    image.current?.decode().then(props.onReady, () => {
      console.warn('image-unavailable', props.itemId);
      props.onReady();
    });
  }, []);
  return <img ref={image} class="image" src={mediaUrl(props.media)} alt="" />;
}

export function TextItem(props: { text: string; onReady: () => void }) {
  const box = useRef<HTMLDivElement>(null);
  const content = useRef<HTMLDivElement>(null);
  // Large, but a word of two characters should not fill a whole wall.
  useFittedFontSize(box, content, props.text, (element) => 0.35 * Math.min(element.clientWidth, element.clientHeight));
  useReadyOnMount(props.onReady);
  return (
    <div class="text-box" ref={box}>
      <div class="text-content" ref={content}>
        {props.text}
      </div>
    </div>
  );
}

const sameMotion = (a: TickerMotion | null, b: TickerMotion) =>
  a !== null && a.copies === b.copies && a.shiftPx === b.shiftPx && a.durationSec === b.durationSec;

/**
 * Copies of the text side by side move left by one copy per cycle, forever (a CSS animation on the
 * compositor, light for a set-top box). The zone keeps this element while the next item is a
 * ticker with the same text, so the text runs on without a jump.
 */
export function TickerItem(props: { text: string; onReady: () => void }) {
  const box = useRef<HTMLDivElement>(null);
  const firstCopy = useRef<HTMLSpanElement>(null);
  const [motion, setMotion] = useState<TickerMotion | null>(null);
  useLayoutEffect(() => {
    const boxElement = box.current;
    if (!boxElement) return;
    const observer = new ResizeObserver(() => {
      const copy = firstCopy.current;
      if (!copy) return;
      const fontPx = parseFloat(getComputedStyle(copy).fontSize);
      const next = tickerMotion(
        copy.getBoundingClientRect().width,
        boxElement.clientWidth,
        tickerSpeedPxPerSec(fontPx),
      );
      setMotion((previous) => (sameMotion(previous, next) ? previous : next));
    });
    observer.observe(boxElement);
    return () => observer.disconnect();
  }, [props.text]);
  useReadyOnMount(props.onReady);
  const strip = motion
    ? { '--ticker-shift': `${motion.shiftPx}px`, animationDuration: `${motion.durationSec}s` }
    : undefined;
  return (
    <div class="ticker" ref={box}>
      <div class={motion ? 'ticker-strip moving' : 'ticker-strip'} style={strip}>
        {Array.from({ length: motion?.copies ?? 1 }, (_, index) => (
          <span key={index} class="ticker-copy" ref={index === 0 ? firstCopy : undefined} aria-hidden={index > 0}>
            {props.text}
          </span>
        ))}
      </div>
    </div>
  );
}

/** A web page from an allowed origin; any other origin shows nothing (and says so in the console). */
export function WebItem(props: { itemId: string; url: string; allowed: boolean; onReady: () => void }) {
  useEffect(() => {
    if (!props.allowed) {
      console.warn('web-origin-not-allowed', props.itemId, props.url);
      props.onReady();
      return;
    }
    const timer = setTimeout(props.onReady, WEB_PAGE_WAIT_MS);
    return () => clearTimeout(timer);
  }, []);
  if (!props.allowed) return null;
  return (
    <iframe
      class="web-page"
      src={props.url}
      sandbox="allow-scripts allow-same-origin"
      referrerpolicy="no-referrer"
      onLoad={props.onReady}
    />
  );
}

/** A PDF that cannot be drawn (pdf-item.tsx), or any PDF in the editor's preview: a card names the file and the page. */
export function PdfPlaceholder(props: { media: MediaRef; page: number; pageCount: number; onReady: () => void }) {
  useReadyOnMount(props.onReady);
  return (
    <div class="pdf-card">
      <div class="pdf-icon" aria-hidden="true">
        PDF
      </div>
      <div class="pdf-name">{props.media.name}</div>
      <div class="pdf-page">
        第 {props.page + 1} 页 / 共 {props.pageCount} 页
      </div>
    </div>
  );
}
