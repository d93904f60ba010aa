/** Serves the admin UI bundle at /admin/. */
import type { TypedApp } from './typed-app';

export interface WebAsset {
  contentType: string;
  body: string | Uint8Array;
  /** May be shown in a frame of the admin UI itself (the kiosk and signage previews); nothing else may frame a page. */
  frameable?: boolean;
}

// The admin UI loads only its own script and stylesheet; nothing inline, no other origins.
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; media-src 'self' blob:; object-src 'none'; base-uri 'none'";

export function registerWebRoutes(app: TypedApp, assets: Map<string, WebAsset>): void {
  app.get('/', { schema: { hide: true } }, async (_request, reply) => reply.redirect('/admin/'));
  app.get('/admin', { schema: { hide: true } }, async (_request, reply) => reply.redirect('/admin/'));
  app.get('/admin/*', { schema: { hide: true } }, async (request, reply) => {
    const name = (request.params as { '*': string })['*'] || 'index.html';
    // Unknown paths get the page itself, so the UI's own routes survive a reload.
    const asset = assets.get(name) ?? assets.get('index.html');
    if (!asset) return reply.status(404).send();
    return reply
      .header('content-type', asset.contentType)
      .header('cache-control', 'no-cache')
      .header('content-security-policy', `${CSP}; frame-ancestors ${asset.frameable ? "'self'" : "'none'"}`)
      .header('x-content-type-options', 'nosniff')
      .send(asset.body);
  });
}
