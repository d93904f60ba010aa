/** The renderer's side of the browser-shell bridge: typed calls over HTTP, events over SSE. */
import {
  BRIDGE_EVENTS,
  BRIDGE_HTTP,
  LinliError,
  errorFromBody,
  type BridgeEvent,
  type BridgeMethod,
  type KioskBridge,
} from '@linli/protocol';

function bootToken(): string {
  return document.querySelector<HTMLMetaElement>('meta[name="linli-boot-token"]')?.content ?? '';
}

async function call(method: BridgeMethod, params: unknown): Promise<unknown> {
  const response = await fetch(BRIDGE_HTTP.callPath(method), {
    method: 'POST',
    headers: { 'content-type': 'application/json', [BRIDGE_HTTP.tokenHeader]: bootToken() },
    body: JSON.stringify(params ?? {}),
  });
  const body: unknown = await response.json();
  if (!response.ok) throw errorFromBody(body) ?? new LinliError('INTERNAL');
  return body;
}

/** What the Electron preload exposes (see shells/electron/preload.ts). */
interface PreloadBridge {
  call(method: BridgeMethod, params: unknown): Promise<{ ok: true; result: unknown } | { ok: false; error: unknown }>;
  onEvent(listener: (event: BridgeEvent) => void): () => void;
}
const preloadBridge = (globalThis as { linliBridge?: PreloadBridge }).linliBridge;

async function callPreload(bridge: PreloadBridge, method: BridgeMethod, params: unknown): Promise<unknown> {
  const reply = await bridge.call(method, params ?? {});
  if (!reply.ok) throw errorFromBody({ error: reply.error }) ?? new LinliError('INTERNAL');
  return reply.result;
}

/** The bridge over Electron IPC when the preload provides it, else over the browser shell's HTTP. */
export function createBridge(): KioskBridge {
  return new Proxy({} as KioskBridge, {
    get: (_target, method: string) => (params: unknown) =>
      preloadBridge ? callPreload(preloadBridge, method as BridgeMethod, params) : call(method as BridgeMethod, params),
  });
}

// Chromium also closes event streams, as if refused, while the page unloads: no reason to reload.
let unloading = false;
window.addEventListener('beforeunload', () => {
  unloading = true;
});

/**
 * Subscribes to host events. EventSource reconnects by itself while the host is away; a restarted
 * host hands out a new boot token and refuses this page's, which closes the stream for good: the
 * page is then told to reload, to fetch itself again with the new token.
 */
export function onBridgeEvents(listener: (event: BridgeEvent) => void): () => void {
  if (preloadBridge) return preloadBridge.onEvent(listener);
  const source = new EventSource(
    `${BRIDGE_HTTP.eventsPath}?${BRIDGE_HTTP.tokenQuery}=${encodeURIComponent(bootToken())}`,
  );
  for (const event of BRIDGE_EVENTS) source.addEventListener(event, () => listener(event));
  source.addEventListener('error', () => {
    if (source.readyState === EventSource.CLOSED && !unloading) listener('reload');
  });
  return () => source.close();
}
