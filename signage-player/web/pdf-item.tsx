/**
 * A PDF item: its pages as pictures filling the zone, each in its turn (the schedule says which
 * page is up). A page is drawn before it shows — the first while the item before it stays on
 * screen (onReady, as for every item), each next one while the page before is still up — so a
 * page turn swaps one finished picture for another and the zone never shows an empty frame. A page
 * that cannot be drawn (a corrupt file, a page the file does not have) or is not drawn within 5 s
 * shows the card naming the file for that page's time, and the host hears of it once per play.
 * When the item leaves, its document and canvases are freed.
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { PlaylistItem } from '@linli/protocol';
import { mediaUrl } from './item-content';
import { PdfPlaceholder } from './items';
import { pagesToKeep, sameZoneSize, type Size } from './pdf-fit';
import type { PageDrawing, PdfRenderer } from './pdf-renderer';

// A page still not drawn by then (a stalled file, a slow box on a huge page) gives way to the card.
const PAGE_WAIT_MS = 5000;

type PdfPlaylistItem = Extract<PlaylistItem, { kind: 'pdf' }>;

/** The element's content box in device pixels (exact where the browser reports it). */
function devicePixelSize(entry: ResizeObserverEntry): Size {
  const box = entry.devicePixelContentBoxSize?.[0];
  if (box) return { width: box.inlineSize, height: box.blockSize };
  const { width, height } = entry.contentRect;
  return { width: Math.round(width * devicePixelRatio), height: Math.round(height * devicePixelRatio) };
}

export function PdfItem(props: {
  item: PdfPlaylistItem;
  /** The page the schedule shows now, from 0. */
  page: number;
  renderer: PdfRenderer;
  onReady: () => void;
  /** The file or a page could not be read: the card shows instead. */
  onUnreadable: () => void;
}) {
  const latest = useRef(props);
  latest.current = props;
  const sheet = useRef<HTMLDivElement>(null);
  const [file] = useState(() => props.renderer.open(mediaUrl(props.item.media)));
  /** The pages kept drawn (the one up and the next), each at the zone size it was drawn for. */
  const drawings = useRef(new Map<number, { zone: Size; drawing: PageDrawing }>());
  /** The drawing whose canvas is on screen: released only once another has taken its place. */
  const onScreen = useRef<PageDrawing | null>(null);
  const reported = useRef(false);
  const [zone, setZone] = useState<Size | null>(null);
  // The card stays up from a page that could not be drawn until a page is drawn.
  const [card, setCard] = useState(false);

  const releaseUnlessKept = (drawing: PageDrawing | null) => {
    if (!drawing || drawing === onScreen.current) return;
    for (const kept of drawings.current.values()) if (kept.drawing === drawing) return;
    drawing.release();
  };
  const draw = (page: number, size: Size): PageDrawing => {
    const kept = drawings.current.get(page);
    if (kept && sameZoneSize(kept.zone, size)) return kept.drawing;
    const drawing = file.drawPage(page, size);
    drawings.current.set(page, { zone: size, drawing });
    releaseUnlessKept(kept?.drawing ?? null);
    return drawing;
  };
  const putOnScreen = (page: number, drawing: PageDrawing | null, canvas: HTMLCanvasElement | null) => {
    const element = sheet.current;
    if (!element) return;
    if (canvas) element.replaceChildren(canvas);
    else element.replaceChildren();
    element.dataset.page = canvas ? String(page) : '';
    const before = onScreen.current;
    onScreen.current = drawing;
    releaseUnlessKept(before);
  };

  // The zone's size in device pixels, now and whenever it changes (a window going full screen).
  useLayoutEffect(() => {
    const observer = new ResizeObserver(([entry]) => {
      if (!entry) return;
      const size = devicePixelSize(entry);
      setZone((before) => (before && sameZoneSize(before, size) ? before : size));
    });
    observer.observe(sheet.current!, { box: 'device-pixel-content-box' });
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    if (!zone) return;
    const { page } = props;
    let current = true;
    let gaveUp = false;
    const unreadable = () => {
      if (!current || gaveUp) return;
      gaveUp = true;
      clearTimeout(timer);
      putOnScreen(page, null, null);
      setCard(true);
      console.warn('pdf-unreadable', latest.current.item.id, page + 1);
      if (!reported.current) latest.current.onUnreadable();
      reported.current = true;
      latest.current.onReady();
    };
    const timer = setTimeout(unreadable, PAGE_WAIT_MS);
    const drawing = draw(page, zone);
    drawing.drawn.then((canvas) => {
      if (!current) return;
      clearTimeout(timer);
      putOnScreen(page, drawing, canvas);
      setCard(false);
      latest.current.onReady();
      // This page and the next stay drawn, the next drawn now, well before its turn; others go.
      const keep = pagesToKeep(page, latest.current.item.pageCount);
      for (const [other, kept] of drawings.current) {
        if (keep.includes(other)) continue;
        drawings.current.delete(other);
        releaseUnlessKept(kept.drawing);
      }
      for (const next of keep) draw(next, zone);
    }, unreadable);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [props.page, zone]);

  useEffect(
    () => () => {
      for (const { drawing } of drawings.current.values()) drawing.release();
      drawings.current.clear();
      onScreen.current?.release();
      file.close();
    },
    [],
  );

  return (
    <>
      <div class="pdf-sheet" ref={sheet} />
      {card && (
        <PdfPlaceholder
          media={props.item.media}
          page={props.page}
          pageCount={props.item.pageCount}
          onReady={props.onReady}
        />
      )}
    </>
  );
}
