/**
 * Serves app://kiosk from the prebuilt renderer, and the notices' stored media under
 * KIOSK_MEDIA_PATH. Only the host `kiosk` is answered: app://other/ would be another origin
 * holding the same files.
 */
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import type { StoredMedia } from '../../host/media/media-sync';
import { isMediaPath, mediaReply } from '../../host/media/media-reply';
import type { RendererBundle } from '../common/renderer-assets';

const notFound = () => new Response('not found', { status: 404 });

function serveMedia(request: Request, pathname: string, media: (sha256: string) => StoredMedia | undefined): Response {
  const reply = mediaReply(pathname, request.headers.get('range'), media);
  if (reply.status === 404) return notFound();
  const body =
    reply.body && Readable.toWeb(createReadStream(reply.body.path, { start: reply.body.start, end: reply.body.end }));
  return new Response((body ?? null) as BodyInit | null, { status: reply.status, headers: reply.headers });
}

export function serveAppProtocol(
  renderer: RendererBundle,
  media: (sha256: string) => StoredMedia | undefined,
): (request: Request) => Response {
  return (request) => {
    const url = new URL(request.url);
    if (url.host !== 'kiosk') return notFound();
    if (isMediaPath(url.pathname)) return serveMedia(request, url.pathname, media);
    const asset = renderer.asset(url.pathname, '');
    return asset ? new Response(asset.body as BodyInit, { headers: asset.headers }) : notFound();
  };
}
