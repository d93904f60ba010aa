/**
 * Which publication the screen plays, pure. The newest publication (by its publish time) whose
 * every file is stored wins; but one that plays now keeps playing while it is still held and no
 * complete publication newer than it has arrived: a newer version still downloading, or refused for
 * its signature, never blanks the screen.
 */
import type { MediaRef, SignagePublication } from '@linli/protocol';

/** Every file the publication's playlists name, each once. */
export function publicationMedia(publication: SignagePublication): MediaRef[] {
  const files = new Map<string, MediaRef>();
  for (const layout of publication.schedule.layouts)
    for (const zone of layout.zones)
      for (const item of zone.playlist) if ('media' in item) files.set(item.media.sha256, item.media);
  return [...files.values()];
}

const newerFirst = (a: SignagePublication, b: SignagePublication) =>
  b.publishedAt.localeCompare(a.publishedAt) || b.version - a.version || a.id.localeCompare(b.id);

const isNewer = (candidate: SignagePublication, than: SignagePublication) =>
  candidate.id === than.id ? candidate.version > than.version : candidate.publishedAt > than.publishedAt;

export function choosePlaying(input: {
  /** Publications whose signature and schedule checked out. */
  verified: SignagePublication[];
  /** The ids of every publication held, checked or not (a withdrawn one is no longer held). */
  heldIds: ReadonlySet<string>;
  playing: SignagePublication | null;
  stored: (sha256: string) => boolean;
}): SignagePublication | null {
  const complete = input.verified
    .filter((publication) => publicationMedia(publication).every((file) => input.stored(file.sha256)))
    .sort(newerFirst);
  const { playing } = input;
  if (playing && input.heldIds.has(playing.id))
    return complete.find((publication) => isNewer(publication, playing)) ?? playing;
  return complete[0] ?? null;
}
