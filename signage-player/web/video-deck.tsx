/**
 * Gapless video for one zone: two <video> elements, one in front playing, one behind it loading
 * the zone's next video (preload, muted, inline) so its first frame is decoded before its turn.
 * When its turn comes the one behind starts playing, still hidden, and only after it has presented
 * a frame (requestVideoFrameCallback) does it come to the front; until then the front one keeps
 * its picture (its last frame, if it ended), so no black frame shows between videos. A video that
 * has not presented a frame within 5 s, or fails to load, is given up: the zone moves on.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { PlaylistItem, Transition } from '@linli/protocol';
import { mediaUrl, videoLoops } from './item-content';

type VideoItem = Extract<PlaylistItem, { kind: 'video' }>;

const START_TIMEOUT_MS = 5000;
// Resuming further in than this (after an alert, or when the video came late) seeks; less is noise.
const SEEK_THRESHOLD_SEC = 0.5;

export interface VideoSlide {
  key: string;
  item: VideoItem;
  startedAt: number;
}

/** Makes `video` hold `item` from its start (loading it only if it holds something else). */
function cue(video: HTMLVideoElement, item: VideoItem): void {
  const url = mediaUrl(item.media);
  video.dataset.itemId = item.id;
  if (video.getAttribute('src') !== url) video.src = url;
  else if (video.error) video.load();
  else if (video.currentTime !== 0) video.currentTime = 0;
}

function startingOffsetSec(slide: VideoSlide, now: number): number {
  const offset = (now - slide.startedAt) / 1000;
  if (offset < SEEK_THRESHOLD_SEC) return 0;
  return videoLoops(slide.item) ? offset % slide.item.lengthSec : offset;
}

export function VideoDeck<S extends VideoSlide>(props: {
  /** The video the zone wants on screen (null when it wants something else). */
  wanted: S | null;
  /** The zone's next item, loaded behind while nothing is starting there. */
  upcoming: PlaylistItem | null;
  /** The front video is what the zone shows (otherwise another item covers the deck: pause). */
  active: boolean;
  /** How the next video comes to the front (over the previous video). */
  transition: Transition;
  onReady: (slide: S) => void;
  onFailed: (slide: S) => void;
}) {
  const videos = [useRef<HTMLVideoElement>(null), useRef<HTMLVideoElement>(null)] as const;
  const [front, setFront] = useState<{ slot: 0 | 1; key: string | null; enter: Transition }>({
    slot: 0,
    key: null,
    enter: 'none',
  });
  // False while the front video is still coming in (the one behind is still visible under it).
  const [settled, setSettled] = useState(true);
  const { wanted, upcoming } = props;
  const starting = wanted !== null && wanted.key !== front.key;

  useEffect(() => {
    if (!wanted || !starting) return;
    const slot = front.slot === 0 ? 1 : 0;
    const video = videos[slot].current;
    if (!video) return;
    let started = false;
    const fail = (reason: string) => {
      console.warn(reason, wanted.item.id);
      props.onFailed(wanted);
    };
    const onError = () => fail('video-error');
    cue(video, wanted.item);
    video.loop = videoLoops(wanted.item);
    const offset = startingOffsetSec(wanted, Date.now());
    if (offset > 0) video.currentTime = offset;
    video.addEventListener('error', onError);
    // A rejected play() (interrupted by the next load) is covered by the timeout.
    video.play().catch(() => undefined);
    const frame = video.requestVideoFrameCallback(() => {
      started = true;
      clearTimeout(timer);
      setFront({ slot, key: wanted.key, enter: props.transition });
      setSettled(props.transition === 'none');
      props.onReady(wanted);
    });
    const timer = setTimeout(() => fail('video-start-timeout'), START_TIMEOUT_MS);
    return () => {
      video.cancelVideoFrameCallback(frame);
      clearTimeout(timer);
      video.removeEventListener('error', onError);
      if (!started) video.pause();
    };
  }, [wanted?.key]);

  // Once the front video is in place, the one behind stops and loads the zone's next video.
  const upcomingVideo = upcoming?.kind === 'video' ? upcoming : null;
  useEffect(() => {
    if (!settled || starting) return;
    const behind = videos[front.slot === 0 ? 1 : 0].current;
    if (!behind) return;
    behind.pause();
    if (upcomingVideo) cue(behind, upcomingVideo);
  }, [settled, starting, front.slot, upcomingVideo?.id, upcomingVideo?.media.sha256]);

  useEffect(() => {
    if (!props.active) videos[front.slot].current?.pause();
  }, [props.active, front.slot]);

  return (
    <div class="video-deck">
      {videos.map((ref, slot) => (
        <video
          key={slot}
          ref={ref}
          class={slot === front.slot ? `front enter-${front.enter}` : 'behind'}
          data-slot={slot}
          muted
          playsInline
          preload="auto"
          onAnimationEnd={slot === front.slot ? () => setSettled(true) : undefined}
        />
      ))}
    </div>
  );
}
