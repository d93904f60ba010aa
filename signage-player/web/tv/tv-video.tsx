/**
 * A channel's videos on the channel's clock (video-sync.ts says how): two <video> elements, the
 * current item's put on time and played, the next video loaded behind from its start. The picture
 * in view stays until the next one has a frame up, so no black frame shows between videos. A video
 * with no frame within START_TIMEOUT_MS, or that fails to load, is given up (the channel's card
 * shows for the rest of its time). Files come from the host's media cache by SHA-256, as on the
 * signage page.
 *
 * Sound: a box's browser started by the shell may play sound on its own; where the browser refuses
 * (no user gesture yet), videos play muted until a key on the remote is pressed.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { mediaUrl } from '../item-content';
import type { TvVideoItem } from './tv-picture';
import {
  assignSlots,
  CUED_START_MS,
  driftMs,
  FIRST_LEAD_MS,
  holdMs,
  MAX_SYNC_TRIES,
  nextLeadMs,
  onTime,
  scheduledSec,
  seekTargetSec,
  SYNC_TOLERANCE_MS,
  type DeckSlots,
} from './video-sync';

const START_TIMEOUT_MS = 5000;

export interface TvVideoEntry {
  /** One airing of one item on one channel. */
  key: string;
  item: TvVideoItem;
  itemStart: number;
}

const sound = { allowed: true };

/** Plays with sound where the browser lets it, else muted (until allowSound). */
function playWithSound(video: HTMLVideoElement): Promise<void> {
  video.muted = !sound.allowed;
  return Promise.resolve(video.play()).catch((error: unknown) => {
    if ((error as Error | undefined)?.name !== 'NotAllowedError' || video.muted) throw error;
    sound.allowed = false;
    video.muted = true;
    return video.play();
  });
}

/** A key was pressed (a user gesture): the videos may have their sound. */
export function allowSound(): void {
  if (sound.allowed) return;
  sound.allowed = true;
  document.querySelectorAll<HTMLVideoElement>('.tv video').forEach((video) => (video.muted = false));
}

/** Calls `then` once the video has put a frame up (requestVideoFrameCallback, else its first time update). */
function afterFrame(video: HTMLVideoElement, then: () => void): () => void {
  if ('requestVideoFrameCallback' in video) {
    const handle = video.requestVideoFrameCallback(() => then());
    return () => video.cancelVideoFrameCallback(handle);
  }
  const once = () => then();
  (video as HTMLVideoElement).addEventListener('timeupdate', once, { once: true });
  return () => (video as HTMLVideoElement).removeEventListener('timeupdate', once);
}

/** Puts `video` on the channel's clock and plays it; returns the stop. */
function playInStep(
  video: HTMLVideoElement,
  entry: TvVideoEntry,
  events: { ready(): void; failed(reason: string): void },
): () => void {
  let stopped = false;
  let ready = false;
  let tries = 0;
  let lead = FIRST_LEAD_MS;
  let holdTimer: ReturnType<typeof setTimeout> | undefined;
  const undo: (() => void)[] = [];
  const listen = (type: 'seeked' | 'loadedmetadata' | 'error', listener: () => void, once = false) => {
    video.addEventListener(type, listener, { once });
    undo.push(() => video.removeEventListener(type, listener));
  };
  const fail = (reason: string) => {
    if (!stopped && !ready) events.failed(reason);
  };
  const startTimer = setTimeout(() => fail('video-start-timeout'), START_TIMEOUT_MS);
  const lengthSec = entry.item.lengthSec;
  const nearEnd = () => scheduledSec(entry.itemStart, Date.now()) >= lengthSec - 0.1;

  const check = () => {
    if (stopped) return;
    if (!ready) {
      ready = true;
      events.ready();
    }
    const drift = driftMs(entry.itemStart, Date.now(), video.currentTime);
    video.dataset.driftMs = String(Math.round(drift));
    if (!onTime(drift) && tries < MAX_SYNC_TRIES && !nearEnd()) {
      video.pause();
      seek();
    }
  };
  const play = () => {
    if (stopped) return;
    // A refused play (interrupted by the next load) is covered by the start timer.
    playWithSound(video).then(
      () => {
        if (!stopped) undo.push(afterFrame(video, check));
      },
      () => undefined,
    );
  };
  const seek = () => {
    tries += 1;
    const target = seekTargetSec(entry.itemStart, Date.now(), lead, lengthSec);
    listen(
      'seeked',
      () => {
        if (stopped) return;
        const wait = holdMs(entry.itemStart, target, Date.now());
        if (wait < -SYNC_TOLERANCE_MS && tries < MAX_SYNC_TRIES && !nearEnd()) {
          lead = nextLeadMs(lead, -wait);
          seek();
          return;
        }
        holdTimer = setTimeout(play, Math.max(0, wait));
      },
      true,
    );
    video.currentTime = target;
  };
  const begin = () => {
    if (stopped) return;
    // Loaded behind at its start and its time just begun: play it as it is.
    const cued = video.currentTime === 0 && video.readyState >= 2;
    if (cued && Date.now() - entry.itemStart < CUED_START_MS) play();
    else seek();
  };
  listen('error', () => fail('video-error'));
  if (video.readyState >= 1) begin();
  else listen('loadedmetadata', begin, true);
  return () => {
    stopped = true;
    clearTimeout(startTimer);
    clearTimeout(holdTimer);
    undo.forEach((each) => each());
    video.pause();
  };
}

function DeckVideo(props: {
  entry: TvVideoEntry | null;
  /** This element holds the item on air (else it waits behind, at its item's start). */
  current: boolean;
  visible: boolean;
  onReady(key: string): void;
  onFailed(entry: TvVideoEntry, reason: string): void;
}) {
  const ref = useRef<HTMLVideoElement>(null);
  const { entry, current } = props;
  useEffect(() => {
    const video = ref.current;
    if (!video || !entry) return;
    const url = mediaUrl(entry.item.media);
    video.dataset.itemId = entry.item.id;
    if (video.getAttribute('src') !== url) video.src = url;
    else if (video.error) video.load();
    if (!current) {
      video.pause();
      // Waiting behind for its turn, at its start (a picture still in view keeps its frame).
      if (!props.visible && video.currentTime !== 0) video.currentTime = 0;
      return;
    }
    return playInStep(video, entry, {
      ready: () => props.onReady(entry.key),
      failed: (reason) => props.onFailed(entry, reason),
    });
  }, [entry?.key, current]);
  return (
    <video
      ref={ref}
      class={props.visible ? 'front' : 'behind'}
      data-key={entry?.key}
      data-current={current ? '' : undefined}
      preload="auto"
      playsInline
    />
  );
}

export function TvVideoDeck(props: {
  current: TvVideoEntry | null;
  upcoming: TvVideoEntry | null;
  onFailed(entry: TvVideoEntry, reason: string): void;
}) {
  const { current, upcoming } = props;
  const [shown, setShown] = useState<string | null>(null);
  const slots = useRef<DeckSlots>([null, null]);
  const entries = useRef(new Map<string, TvVideoEntry>());
  const currentKey = useRef<string | null>(null);
  currentKey.current = current?.key ?? null;
  // Nothing of the deck is in view while the channel shows something else.
  const shownKey = current ? shown : null;
  slots.current = assignSlots(slots.current, current?.key ?? null, upcoming?.key ?? null, shownKey);
  for (const entry of [current, upcoming]) if (entry) entries.current.set(entry.key, entry);
  for (const key of [...entries.current.keys()]) if (!slots.current.includes(key)) entries.current.delete(key);

  useEffect(() => {
    if (!current) setShown(null);
  }, [current?.key]);

  return (
    <div class="video-deck tv-video-deck">
      {slots.current.map((key, slot) => (
        <DeckVideo
          key={slot}
          entry={key === null ? null : (entries.current.get(key) ?? null)}
          current={key !== null && key === current?.key}
          visible={key !== null && key === shownKey}
          onReady={(ready) => {
            if (ready === currentKey.current) setShown(ready);
          }}
          onFailed={props.onFailed}
        />
      ))}
    </div>
  );
}
