/**
 * One zone of a layout: shows the item the schedule puts there, and only once it is ready (an
 * image decoded, a video's first frame presented, a notice paged) — until then the item before
 * stays, so a zone never flashes empty between items. Then the new item comes in with its
 * transition (fade, slide or none) and the old one goes. Non-video items are layers over the
 * zone's VideoDeck; each layer is opaque, so whichever is on top is what the zone shows.
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { Layout, PlayerNotice, PlayerQueueHall, PlaylistItem, Zone } from '@linli/protocol';
import { itemDurationMs, type ZoneShowing } from '../core';
import { ClockFace } from './clock-face';
import { continuesOnScreen, webItemAllowed, zonePlaysVideo, zoneShowsPdf } from './item-content';
import { ImageItem, PdfPlaceholder, TextItem, TickerItem, WebItem, useReadyOnMount } from './items';
import { NoticeItem } from './notice-item';
import { PdfItem } from './pdf-item';
import { QueueCallsItem } from './queue-calls-item';
import type { PdfRenderer } from './pdf-renderer';
import type { PlaySink } from './use-play-reporting';
import { VideoDeck, type VideoSlide } from './video-deck';
import { zoneBox } from './zone-box';
import { changeDone, continueSlide, presentSlide, type ZoneScreen } from './zone-screen';

/** What the zones of the layout on screen share. */
export interface ZoneContext {
  publicationId: string;
  layoutId: string;
  timeZone: string;
  notices: readonly PlayerNotice[];
  webOrigins: readonly string[];
  /** A hall calling displays show, as the host follows it; undefined before the host has it. */
  queueHall: (hallId: number) => PlayerQueueHall | undefined;
  plays: PlaySink;
  /** Draws PDF pages; without one (the editor's preview) a PDF item shows its card. */
  pdf: PdfRenderer | null;
  skip(layoutId: string, zoneId: string, item: PlaylistItem): void;
  /** An item whose file could not be read shows its card and keeps its time; the host hears of it. */
  unreadable(item: PlaylistItem): void;
}

/** One play of an item: the same item played again later is another slide. */
interface Slide {
  key: string;
  item: PlaylistItem;
  startedAt: number;
  endsAt: number;
  page: number;
}

function slideOf(showing: ZoneShowing | undefined): Slide | null {
  if (!showing || showing.item === null) return null;
  const { item, startedAt, endsAt } = showing;
  return { key: `${item.id}@${startedAt}`, item, startedAt, endsAt, page: showing.page ?? 0 };
}

const isVideo = (slide: Slide | null | undefined): slide is Slide & VideoSlide => slide?.item.kind === 'video';

/**
 * Layers with one key are one element: a ticker running on into the next ticker with its text keeps
 * it, a calling display into the next of the same hall too (its newest call does not flash again).
 */
function layerKey(slide: Slide): string {
  if (slide.item.kind === 'ticker') return `ticker:${slide.item.text}`;
  if (slide.item.kind === 'queue-calls') return `queue-calls:${slide.item.hallId}`;
  return slide.key;
}

/** A notice no longer held, or a web page of an origin not allowed, shows nothing (and is not reported as played). */
function showsNothing(item: PlaylistItem, context: ZoneContext): boolean {
  if (item.kind === 'notice') return !context.notices.some((notice) => notice.id === item.noticeId);
  if (item.kind === 'web') return !webItemAllowed(item.url, context.webOrigins);
  return false;
}

function ItemLayer(props: { slide: Slide; context: ZoneContext; onReady: () => void }) {
  const { slide, context, onReady } = props;
  const { item } = slide;
  switch (item.kind) {
    case 'image':
      return <ImageItem itemId={item.id} media={item.media} onReady={onReady} />;
    case 'text':
      return <TextItem text={item.text} onReady={onReady} />;
    case 'ticker':
      return <TickerItem text={item.text} onReady={onReady} />;
    case 'clock':
      return <ClockLayer show={item.show} timeZone={context.timeZone} onReady={onReady} />;
    case 'queue-calls':
      return <QueueCallsItem hallId={item.hallId} hall={context.queueHall(item.hallId)} onReady={onReady} />;
    case 'notice': {
      const notice = context.notices.find((each) => each.id === item.noticeId);
      if (!notice) return <MissingNotice itemId={item.id} onReady={onReady} />;
      return (
        <NoticeItem
          notice={notice}
          timeZone={context.timeZone}
          startedAt={slide.startedAt}
          durationMs={itemDurationMs(item)}
          onReady={onReady}
        />
      );
    }
    case 'web':
      return (
        <WebItem
          itemId={item.id}
          url={item.url}
          allowed={webItemAllowed(item.url, context.webOrigins)}
          onReady={onReady}
        />
      );
    case 'pdf':
      if (!context.pdf)
        return <PdfPlaceholder media={item.media} page={slide.page} pageCount={item.pageCount} onReady={onReady} />;
      return (
        <PdfItem
          item={item}
          page={slide.page}
          renderer={context.pdf}
          onReady={onReady}
          onUnreadable={() => context.unreadable(item)}
        />
      );
    case 'video':
      return null;
  }
}

function ClockLayer(props: { show: 'time' | 'date' | 'date-time'; timeZone: string; onReady: () => void }) {
  useReadyOnMount(props.onReady);
  return <ClockFace show={props.show} timeZone={props.timeZone} />;
}

function MissingNotice(props: { itemId: string; onReady: () => void }) {
  useEffect(() => console.warn('notice-not-held', props.itemId), []);
  useReadyOnMount(props.onReady);
  return null;
}

export function ZoneView(props: {
  zone: Zone;
  showing: ZoneShowing | undefined;
  upcoming: PlaylistItem | null;
  context: ZoneContext;
}) {
  const { zone, context } = props;
  const wanted = slideOf(props.showing);
  const [screen, setScreen] = useState<ZoneScreen<Slide>>({ shown: null, leaving: null });
  const { shown, leaving } = screen;
  const latestWanted = useRef(wanted);
  latestWanted.current = wanted;

  const continues =
    wanted !== null &&
    shown !== null &&
    wanted.key !== shown.slide.key &&
    continuesOnScreen(shown.slide.item, wanted.item);
  const incoming = wanted && wanted.key !== shown?.slide.key && !continues ? wanted : null;
  // The slide on screen, with what the schedule now says about it (a PDF's page turns).
  const current =
    shown && wanted && (wanted.key === shown.slide.key || continues) ? { ...shown, slide: wanted } : shown;

  /** `slide` is ready to be seen: it takes the zone, if it is still what the schedule wants there. */
  const present = (slide: Slide) => {
    if (slide.key === latestWanted.current?.key) setScreen((before) => presentSlide(before, slide));
  };
  const onChangeDone = (event: AnimationEvent) => {
    if (event.target === event.currentTarget) setScreen(changeDone);
  };

  useLayoutEffect(() => {
    if (continues) setScreen((before) => continueSlide(before, wanted));
    else if (!wanted) setScreen({ shown: null, leaving: null });
  }, [continues, wanted === null]);

  // Proof of play follows what is on screen.
  const shownItem = current?.slide.item;
  useEffect(() => {
    const ids = { publicationId: context.publicationId, layoutId: context.layoutId, zoneId: zone.id };
    if (shownItem && !showsNothing(shownItem, context)) context.plays.begin({ ...ids, itemId: shownItem.id });
    else context.plays.end(context.layoutId, zone.id);
  }, [shown?.slide.key]);
  useEffect(() => () => context.plays.end(context.layoutId, zone.id), []);

  const showsPdf = zoneShowsPdf(zone);
  useEffect(() => {
    if (showsPdf) context.pdf?.prepare();
  }, [showsPdf]);

  const box = zoneBox(zone);
  const videoWanted = isVideo(wanted) ? wanted : null;
  // In document order, which never changes for a kept element (moving an element would restart it).
  const layers: { slide: Slide; className: string; onAnimationEnd?: (event: AnimationEvent) => void }[] = [];
  if (leaving) {
    const animated = leaving.leave !== 'none';
    layers.push({
      slide: leaving.slide,
      className: `leaving leave-${leaving.leave}`,
      ...(animated ? { onAnimationEnd: onChangeDone } : {}),
    });
  }
  if (current && !isVideo(current.slide)) {
    layers.push({
      slide: current.slide,
      className: `shown enter-${current.enter}`,
      ...(current.enter !== 'none' ? { onAnimationEnd: onChangeDone } : {}),
    });
  }
  if (incoming && !isVideo(incoming)) layers.push({ slide: incoming, className: 'incoming' });

  return (
    <section
      class="zone"
      data-zone-id={zone.id}
      data-item-id={current?.slide.item.id}
      style={{ left: `${box.left}%`, top: `${box.top}%`, width: `${box.width}%`, height: `${box.height}%` }}
    >
      {zonePlaysVideo(zone) && (
        <VideoDeck
          wanted={videoWanted}
          upcoming={props.upcoming}
          active={isVideo(current?.slide)}
          transition={isVideo(current?.slide) && videoWanted ? (videoWanted.item.transition ?? 'none') : 'none'}
          onReady={present}
          onFailed={(slide) => context.skip(context.layoutId, zone.id, slide.item)}
        />
      )}
      {/* Covers the videos while the zone has nothing on screen yet (they play hidden, not removed). */}
      {zonePlaysVideo(zone) && !current && <div class="layer blank" />}
      {layers.map((layer) => (
        <div
          key={layerKey(layer.slide)}
          class={`layer layer-${layer.slide.item.kind} ${layer.className}`}
          data-item-id={layer.slide.item.id}
          onAnimationEnd={layer.onAnimationEnd}
        >
          <ItemLayer slide={layer.slide} context={context} onReady={() => present(layer.slide)} />
        </div>
      ))}
    </section>
  );
}

/** The layout on screen: each zone where the grid puts it. */
export function LayoutView(props: {
  layout: Layout;
  zones: readonly ZoneShowing[];
  upcoming: ReadonlyMap<string, PlaylistItem>;
  context: ZoneContext;
}) {
  return (
    <div class="layout" data-layout-id={props.layout.id}>
      {props.layout.zones.map((zone) => (
        <ZoneView
          key={zone.id}
          zone={zone}
          showing={props.zones.find((each) => each.zoneId === zone.id)}
          upcoming={props.upcoming.get(zone.id) ?? null}
          context={props.context}
        />
      ))}
    </div>
  );
}
