/**
 * The channel on screen, full screen: what tvOnScreen says airs now (the caller renders again at
 * its `nextAt`). The element carries what airs for tests and diagnostics: `data-channel`,
 * `data-item` (empty: the channel's card), `data-item-start` (epoch ms) and `data-item-kind`.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useErrorBoundary, useRef, useState } from 'preact/hooks';
import type { TvChannelSchedule, TvGuideSpotlight } from '@linli/protocol';
import { ClockFace } from '../clock-face';
import { ImageItem, TextItem } from '../items';
import { NoticeItem } from '../notice-item';
import type { TvOnScreen } from './tv-picture';
import { allowSound, TvVideoDeck, type TvVideoEntry } from './tv-video';
import type { TvWords } from './tv-words';

const HLS_TYPE = 'application/vnd.apple.mpegurl';
const ignore = () => undefined;

/** The channel's own card: its number, its name and the clock (also where an item cannot be shown). */
export function IdentCard(props: { channel: TvChannelSchedule }) {
  return (
    <section class="tv-ident">
      <div class="tv-ident-number">{props.channel.number}</div>
      <div class="tv-ident-name">{props.channel.name}</div>
      <div class="tv-ident-clock">
        <ClockFace show="date-time" timeZone={props.channel.timeZone} />
      </div>
    </section>
  );
}

function Spotlight(props: { spotlight: TvGuideSpotlight; words: TvWords }) {
  return (
    <section class="tv-spotlight">
      <div class="tv-spotlight-label">{props.words.spotlight}</div>
      <h1 class="tv-spotlight-title">{props.spotlight.title}</h1>
      <ul class="tv-spotlight-lines">
        {props.spotlight.lines.map((line, index) => (
          <li key={index}>{line}</li>
        ))}
      </ul>
    </section>
  );
}

/** A card saying what cannot be shown, and where it can be seen instead. */
function MessageCard(props: { title: string; hint: string }) {
  return (
    <section class="tv-message">
      <div class="tv-message-title">{props.title}</div>
      <div class="tv-message-hint">{props.hint}</div>
    </section>
  );
}

/** A live source relayed as it comes (no clock to keep): native HLS where the box has it, else a card. */
function LiveItem(props: { url: string; words: TvWords }) {
  const video = useRef<HTMLVideoElement>(null);
  const [playable] = useState(() => document.createElement('video').canPlayType(HLS_TYPE) !== '');
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    const element = video.current;
    if (!playable || !element) return;
    element.src = props.url;
    element.play().catch(() => {
      element.muted = true;
      return element.play().catch(ignore);
    });
    return () => element.pause();
  }, [props.url, playable]);
  if (!playable || failed)
    return <MessageCard title={props.words.liveUnsupported} hint={props.words.liveUnsupportedHint} />;
  return (
    <div class="video-deck">
      <video ref={video} class="front" playsInline onError={() => setFailed(true)} />
    </div>
  );
}

function Layer(props: { onScreen: TvOnScreen; channel: TvChannelSchedule; words: TvWords; givenUp: boolean }) {
  const { picture, itemStart } = props.onScreen;
  if (props.givenUp) return <IdentCard channel={props.channel} />;
  switch (picture.kind) {
    case 'video':
      return null;
    case 'image':
      return <ImageItem itemId={props.onScreen.itemId ?? ''} media={picture.media} onReady={ignore} />;
    case 'notice':
      return (
        <NoticeItem
          notice={picture.notice}
          timeZone={props.channel.timeZone}
          startedAt={itemStart}
          durationMs={picture.durationMs}
          onReady={ignore}
        />
      );
    case 'spotlight':
      return <Spotlight spotlight={picture.spotlight} words={props.words} />;
    case 'card':
      return <TextItem text={picture.text} onReady={ignore} />;
    case 'live':
      return <LiveItem url={picture.url} words={props.words} />;
    case 'ident':
      return <IdentCard channel={props.channel} />;
  }
}

/**
 * What would not render (a broken item) shows the channel's card instead of a blank screen, until
 * the next item (`resetKey`).
 */
export function ScreenGuard(props: { resetKey: string; fallback: ComponentChildren; children: ComponentChildren }) {
  const [error, reset] = useErrorBoundary((caught: unknown) => console.warn('tv-render-failed', caught));
  useEffect(() => {
    if (error) reset();
  }, [props.resetKey]);
  return <>{error ? props.fallback : props.children}</>;
}

export function TvScreen(props: {
  channel: TvChannelSchedule;
  onScreen: TvOnScreen;
  words: TvWords;
  /** A video that would not play: reported in the next alive beat. */
  onVideoGivenUp(itemId: string): void;
}) {
  const { onScreen, channel } = props;
  const { picture } = onScreen;
  const [givenUp, setGivenUp] = useState<string | null>(null);
  const key = `${channel.id}|${onScreen.itemStart}|${onScreen.itemId ?? ''}`;
  const current: TvVideoEntry | null =
    picture.kind === 'video' ? { key, item: picture.item, itemStart: onScreen.itemStart } : null;
  const upcoming: TvVideoEntry | null = onScreen.upcoming && {
    key: `${channel.id}|${onScreen.upcoming.itemStart}|${onScreen.upcoming.item.id}`,
    ...onScreen.upcoming,
  };
  const isGivenUp = givenUp === key;
  // The first key pressed is the user's gesture that lets videos have their sound.
  useEffect(() => {
    const unmute = (event: KeyboardEvent) => event.isTrusted && allowSound();
    window.addEventListener('keydown', unmute);
    return () => window.removeEventListener('keydown', unmute);
  }, []);
  return (
    <main
      class="tv-screen"
      data-channel={channel.id}
      data-item={onScreen.itemId ?? ''}
      data-item-start={String(onScreen.itemStart)}
      data-item-kind={isGivenUp ? 'ident' : picture.kind}
    >
      <TvVideoDeck
        current={isGivenUp ? null : current}
        upcoming={upcoming}
        onFailed={(entry, reason) => {
          console.warn(reason, entry.item.id);
          setGivenUp(entry.key);
          props.onVideoGivenUp(entry.item.id);
        }}
      />
      {(picture.kind !== 'video' || isGivenUp) && (
        <div class={`tv-layer tv-layer-${isGivenUp ? 'ident' : picture.kind}`} key={key}>
          <Layer onScreen={onScreen} channel={channel} words={props.words} givenUp={isGivenUp} />
        </div>
      )}
    </main>
  );
}
