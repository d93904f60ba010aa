/** Serves the admin UI bundle at /admin/. */
import type { TypedApp } from './typed-app';

export interface WebAsset {
  contentType: string;
  body: string | Uint8Array;
}

export function registerWebRoutes(app: TypedApp, assets: Map<string, WebAsset>): void {
  app.get('/', { schema: { hide: true } }, async (_request, reply) => reply.redirect('/admin/'));
  app.get('/admin', { schema: { hide: true } }, async (_request, reply) => reply.redirect('/admin/'));
  app.get('/admin/*', { schema: { hide: true } }, async (request, reply) => {
    const name = (request.params as { '*': string })['*'] || 'index.html';
    // Unknown paths get the page itself, so the UI's own routes survive a reload.
    const asset = assets.get(name) ?? assets.get('index.html');
    if (!asset) return reply.status(404).send();
    return reply.header('content-type', asset.contentType).header('cache-control', 'no-cache').send(asset.body);
  });
}
