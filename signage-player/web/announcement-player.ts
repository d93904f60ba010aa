/**
 * Calls announced aloud, one after another and never two at once: a short two-note chime made on
 * the spot (no file), then the call's words as the host spoke them offline (a WAV fetched with the
 * page's token and decoded by Web Audio: the page's CSP lets media load from its own origin only,
 * and a decoded buffer needs no address). Words that cannot be had leave the chime alone; audio
 * the browser will not start (no autoplay permission) is skipped with a warning, never waited for.
 */
import type { PlayerQueueHall } from '@linli/protocol';
import type { PlayerSource } from './player-source';

type Announcement = PlayerQueueHall['announcements'][number];

/** 叮咚: a high note, then a lower one over it, each fading out. */
export const CHIME_NOTES = [
  { hz: 784, atSec: 0, lengthSec: 0.6 },
  { hz: 587, atSec: 0.45, lengthSec: 0.9 },
] as const;
const CHIME_SEC = Math.max(...CHIME_NOTES.map((note) => note.atSec + note.lengthSec));
const CHIME_VOLUME = 0.3;
/** A context still suspended after this long will not be allowed to play. */
const RESUME_WAIT_MS = 1000;

export interface AnnouncementPlayer {
  /** Plays the announcement after every one before it. */
  enqueue(hallId: number, announcement: Announcement): void;
  close(): void;
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function playChime(context: AudioContext): Promise<void> {
  const start = context.currentTime;
  for (const note of CHIME_NOTES) {
    const oscillator = context.createOscillator();
    const gain = context.createGain();
    oscillator.type = 'sine';
    oscillator.frequency.value = note.hz;
    gain.gain.setValueAtTime(CHIME_VOLUME, start + note.atSec);
    gain.gain.exponentialRampToValueAtTime(0.001, start + note.atSec + note.lengthSec);
    oscillator.connect(gain).connect(context.destination);
    oscillator.start(start + note.atSec);
    oscillator.stop(start + note.atSec + note.lengthSec);
  }
  return delay(CHIME_SEC * 1000);
}

function playBuffer(context: AudioContext, buffer: AudioBuffer): Promise<void> {
  const node = context.createBufferSource();
  node.buffer = buffer;
  node.connect(context.destination);
  const ended = new Promise<void>((resolve) => node.addEventListener('ended', () => resolve(), { once: true }));
  node.start();
  return ended;
}

export function createAnnouncementPlayer(source: PlayerSource): AnnouncementPlayer {
  let context: AudioContext | null = null;
  let playing: Promise<void> = Promise.resolve();
  let closed = false;

  const announce = async (hallId: number, announcement: Announcement) => {
    if (closed) return;
    const unavailable = (error: unknown) => {
      console.warn('announcement-words-unavailable', announcement.label, error);
      return null;
    };
    // Fetched and decoded while the chime sounds.
    const fetched = announcement.audio
      ? source.announcement(hallId, announcement.seq).catch(unavailable)
      : Promise.resolve(null);
    context ??= new AudioContext();
    const audio = context;
    const words = fetched.then((bytes) => bytes && audio.decodeAudioData(bytes)).catch(unavailable);
    if (audio.state === 'suspended') await Promise.race([audio.resume(), delay(RESUME_WAIT_MS)]);
    if (audio.state !== 'running') {
      console.warn('announcement-not-allowed', announcement.label, audio.state);
      return;
    }
    await playChime(audio);
    const buffer = await words;
    if (buffer && !closed) await playBuffer(audio, buffer);
  };

  return {
    enqueue(hallId, announcement) {
      playing = playing
        .then(() => announce(hallId, announcement))
        .catch((error: unknown) => console.warn('announcement-failed', announcement.label, error));
    },
    close() {
      closed = true;
      void context?.close();
    },
  };
}
