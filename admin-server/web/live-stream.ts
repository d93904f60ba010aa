/**
 * A live HLS stream into a video element: through hls.js (Media Source Extensions, every current
 * desktop browser; loaded as its own chunk the first time a preview opens), or the browser's own
 * HLS where there is no MSE (Safari on a phone). Chromium's own HLS is not used even where it
 * exists: it fails on live playlists now and then (DEMUXER_ERROR_COULD_NOT_PARSE on a stream that
 * plays the next time). Returns what stops it.
 */
import type HlsPlayer from 'hls.js';

const HLS_MODULE_URL = '/admin/hls-light.js';

export async function playLiveStream(video: HTMLVideoElement, url: string): Promise<() => void> {
  // Built beside the admin UI as a module of its own (admin-server/src/web-bundle.ts); a name held
  // in a variable keeps it out of the page's bundle.
  const { default: Hls } = (await import(HLS_MODULE_URL)) as { default: typeof HlsPlayer };
  if (!Hls.isSupported()) {
    video.src = url;
    return () => video.removeAttribute('src');
  }
  // No worker: the page's CSP allows scripts from the server only, and a preview needs none.
  const hls = new Hls({ enableWorker: false, lowLatencyMode: false });
  hls.loadSource(url);
  hls.attachMedia(video);
  return () => hls.destroy();
}
