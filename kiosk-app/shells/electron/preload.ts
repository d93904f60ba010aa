/**
 * Sandboxed preload (bundled to one CommonJS file): exposes `window.linliBridge` with a call
 * function that forwards only bridge channels, and an event subscription.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { BRIDGE_EVENTS, isBridgeMethod, type BridgeEvent } from '@linli/protocol';
import { BRIDGE_EVENT_CHANNEL, bridgeChannel } from './channels';

contextBridge.exposeInMainWorld('linliBridge', {
  call(method: string, params: unknown) {
    if (!isBridgeMethod(method)) return Promise.reject(new Error(`unknown bridge method ${method}`));
    return ipcRenderer.invoke(bridgeChannel(method), params);
  },
  onEvent(listener: (event: BridgeEvent) => void) {
    const forward = (_event: unknown, name: BridgeEvent) => {
      if (BRIDGE_EVENTS.includes(name)) listener(name);
    };
    ipcRenderer.on(BRIDGE_EVENT_CHANNEL, forward);
    return () => ipcRenderer.removeListener(BRIDGE_EVENT_CHANNEL, forward);
  },
});
