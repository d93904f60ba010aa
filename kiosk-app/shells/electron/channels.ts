/** IPC channel names; the preload forwards only these, and main answers only these. */
import type { BridgeMethod } from '@linli/protocol';

export const BRIDGE_CHANNEL_PREFIX = 'linli:bridge:';
export const BRIDGE_EVENT_CHANNEL = 'linli:event';

export const bridgeChannel = (method: BridgeMethod) => `${BRIDGE_CHANNEL_PREFIX}${method}`;
