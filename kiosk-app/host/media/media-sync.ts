/**
 * Keeps the files the content held on this kiosk needs (notices' attachments, forms' templates):
 * told every file it references after each sync, it removes the rest and downloads what is
 * missing, trying again with backoff for as long as held content still references the file.
 */
import type { MediaRef } from '@linli/protocol';
import type { MediaStore } from './media-store';

/** A stored file a held notice references, as the shells serve it. */
export interface StoredMedia {
  path: string;
  bytes: number;
  mime: string;
}

export interface MediaSync {
  /** Every file the held notices reference (after each applied page or resync); resolves once the others are removed. */
  want(refs: MediaRef[]): Promise<void>;
  /** A file a held notice references, once it is stored. */
  file(sha256: string): StoredMedia | undefined;
  /** How many referenced files are not stored yet. */
  pending(): number;
  stop(): Promise<void>;
}

export function createMediaSync(deps: {
  store: MediaStore;
  log: (message: string) => void;
  onStored: (ref: MediaRef) => void;
}): MediaSync {
  const { store, log } = deps;
  let wanted = new Map<string, MediaRef>();
  const following = new Set<string>();

  function follow(ref: MediaRef): void {
    following.add(ref.sha256);
    store
      .ensure(ref, { retry: () => wanted.has(ref.sha256) })
      .then(
        () => deps.onStored(ref),
        // The store logs each failure it tries again after; the last one means no held notice
        // references the file any more, or the kiosk is stopping.
        () => undefined,
      )
      .finally(() => following.delete(ref.sha256));
  }

  return {
    async want(refs) {
      wanted = new Map(refs.map((ref) => [ref.sha256, ref]));
      for (const ref of store.missing(wanted.values())) if (!following.has(ref.sha256)) follow(ref);
      try {
        const removed = await store.removeUnreferenced(new Set(wanted.keys()));
        if (removed.length > 0) log(`media: removed ${removed.length} files no held content references`);
      } catch (error) {
        log(`media: could not remove unreferenced files: ${(error as Error).message}`);
      }
    },
    file(sha256) {
      const ref = wanted.get(sha256);
      return ref && store.has(sha256) ? { path: store.pathOf(sha256), bytes: ref.bytes, mime: ref.mime } : undefined;
    },
    pending: () => store.missing(wanted.values()).length,
    stop: () => store.close(),
  };
}
