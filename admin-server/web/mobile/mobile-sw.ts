/**
 * The staff app's service worker: keeps the app's own files (page, script, stylesheet) so it opens
 * without a network; the admin API is never cached (every answer is asked fresh, and reports wait
 * in the app's IndexedDB outbox instead).
 */
const SHELL_CACHE = 'linli-staff-shell-v1';
const SHELL = ['/admin/mobile.html', '/admin/mobile.js', '/admin/mobile.css'];

interface ShellEvent {
  waitUntil(work: Promise<unknown>): void;
}
interface FetchEvent extends ShellEvent {
  request: Request;
  respondWith(response: Promise<Response>): void;
}
const worker = self as unknown as {
  addEventListener(type: 'install' | 'activate', listener: (event: ShellEvent) => void): void;
  addEventListener(type: 'fetch', listener: (event: FetchEvent) => void): void;
  skipWaiting(): Promise<void>;
  clients: { claim(): Promise<void> };
};

worker.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(SHELL_CACHE)
      .then((cache) => cache.addAll(SHELL))
      .then(() => worker.skipWaiting()),
  );
});
worker.addEventListener('activate', (event) => event.waitUntil(worker.clients.claim()));
worker.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || !SHELL.includes(url.pathname)) return;
  // The network first (a new version shows at once), the kept copy when there is none.
  event.respondWith(
    fetch(event.request)
      .then(async (response) => {
        if (response.ok) await (await caches.open(SHELL_CACHE)).put(event.request, response.clone());
        return response;
      })
      .catch(async () => (await caches.match(event.request)) ?? Response.error()),
  );
});
