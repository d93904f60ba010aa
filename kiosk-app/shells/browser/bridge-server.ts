/**
 * Browser shell: the kiosk's renderer, the notices' stored media and the bridge over HTTP on
 * 127.0.0.1 (local-page-server.ts: boot token, Host check, event stream). Bridge calls are POSTs
 * to `/bridge/<method>`, their params checked against the method's schema.
 */
import {
  BRIDGE_HTTP,
  LinliError,
  bridgeBodyMaxBytes,
  bridgeMethods,
  isBridgeMethod,
  parseWith,
  type KioskBridge,
} from '@linli/protocol';
import type { KioskHost } from '../../host/kiosk-host';
import { startLocalPageServer, type LocalPageServer, type PageCall } from '../common/local-page-server';
import type { RendererBundle } from '../common/renderer-assets';

const CALL_PREFIX = '/bridge/';

async function callBridge(bridge: KioskBridge, call: PageCall): Promise<unknown> {
  if (call.method !== 'POST') throw new LinliError('NOT_FOUND', 'Bridge calls are POST');
  const method = call.pathname.slice(CALL_PREFIX.length);
  if (!isBridgeMethod(method)) throw new LinliError('NOT_FOUND', `No bridge method '${method}'`);
  const valid = parseWith(bridgeMethods[method].params, await call.body(bridgeBodyMaxBytes(method)));
  return (bridge[method] as (p: unknown) => Promise<unknown>)(valid);
}

export function startBridgeServer(deps: {
  host: KioskHost;
  renderer: RendererBundle;
  port: number;
}): Promise<LocalPageServer> {
  return startLocalPageServer({
    port: deps.port,
    page: deps.renderer,
    mediaFile: deps.host.mediaFile,
    onEvent: deps.host.onEvent,
    eventsPath: BRIDGE_HTTP.eventsPath,
    tokenHeader: BRIDGE_HTTP.tokenHeader,
    tokenQuery: BRIDGE_HTTP.tokenQuery,
    callPrefix: CALL_PREFIX,
    handle: (call) => callBridge(deps.host.bridge, call),
    log: (message, error) => console.error(`[kiosk] bridge ${message}`, error),
  });
}
