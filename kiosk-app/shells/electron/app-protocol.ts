/**
 * Serves app://kiosk from the prebuilt renderer. Only the host `kiosk` is answered: app://other/
 * would be another origin holding the same files.
 */
import type { RendererBundle } from '../common/renderer-assets';

export function serveAppProtocol(renderer: RendererBundle): (request: Request) => Response {
  return (request) => {
    const url = new URL(request.url);
    const asset = url.host === 'kiosk' ? renderer.asset(url.pathname, '') : undefined;
    return asset ? new Response(asset.body as BodyInit, { headers: asset.headers }) : new Response('not found', { status: 404 });
  };
}
