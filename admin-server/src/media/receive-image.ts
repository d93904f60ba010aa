/**
 * A still image (a case photo, a basemap) into the content-addressed store: streamed and counted
 * against its limit, judged by its bytes, dropped unless it is a JPEG, PNG or WebP picture, and
 * only then moved into place under its hash.
 */
import type { Readable } from 'node:stream';
import { LinliError } from '@linli/protocol';
import type { BlobStore, ReceivedFile } from './blob-store';
import { sniffMime } from './sniff';

export const STILL_IMAGE_MIMES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type StillImageMime = (typeof STILL_IMAGE_MIMES)[number];

const isStillImage = (mime: string | undefined): mime is StillImageMime =>
  (STILL_IMAGE_MIMES as readonly (string | undefined)[]).includes(mime);

/** `what` names the image in the error ("A photo", "A basemap"). */
export async function receiveStillImage(
  blobs: BlobStore,
  body: Readable,
  maxBytes: number,
  what: string,
): Promise<{ file: ReceivedFile; mime: StillImageMime }> {
  const file = await blobs.receive(body, maxBytes);
  const mime = sniffMime(file.head);
  if (!isStillImage(mime)) {
    await blobs.discard(file);
    throw new LinliError('MEDIA_TYPE_UNSUPPORTED', `${what} is a JPEG, PNG or WebP image (judged by its content)`, [
      { path: 'body', message: 'must be a JPEG, PNG or WebP image' },
    ]);
  }
  await blobs.commit(file);
  return { file, mime };
}
