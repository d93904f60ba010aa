/** The renderer's side of the browser-shell bridge: typed calls over HTTP, events over SSE. */
import { BRIDGE_EVENTS, BRIDGE_HTTP, LinliError, errorFromBody, type BridgeEvent, type BridgeMethod, type KioskBridge } from '@linli/protocol';

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

export function createHttpBridge(): KioskBridge {
  return new Proxy({} as KioskBridge, {
    get: (_target, method: string) => (params: unknown) => call(method as BridgeMethod, params),
  });
}

/** Subscribes to host events; EventSource reconnects by itself if the host restarts. */
export function onBridgeEvents(listener: (event: BridgeEvent) => void): () => void {
  const source = new EventSource(`${BRIDGE_HTTP.eventsPath}?${BRIDGE_HTTP.tokenQuery}=${encodeURIComponent(bootToken())}`);
  for (const event of BRIDGE_EVENTS) source.addEventListener(event, () => listener(event));
  return () => source.close();
}
