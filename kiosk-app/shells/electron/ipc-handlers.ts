/**
 * Answers bridge calls from the renderer over IPC. Each call is checked twice: it must come from
 * the app's own main frame, and its params must match the method's schema.
 */
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import {
  LinliError,
  bridgeMethods,
  parseWith,
  type BridgeMethod,
  type ErrorBody,
  type KioskBridge,
} from '@linli/protocol';
import { bridgeChannel } from './channels';
import { isAppUrl } from './app-url';

export type IpcReply = { ok: true; result: unknown } | { ok: false; error: ErrorBody['error'] };

export function isTrustedSender(event: Pick<IpcMainInvokeEvent, 'senderFrame'>): boolean {
  const frame = event.senderFrame;
  return frame !== null && frame.parent === null && isAppUrl(frame.url);
}

export function registerBridgeHandlers(ipcMain: Pick<IpcMain, 'handle'>, bridge: KioskBridge): void {
  for (const method of Object.keys(bridgeMethods) as BridgeMethod[]) {
    ipcMain.handle(bridgeChannel(method), async (event, params: unknown): Promise<IpcReply> => {
      try {
        if (!isTrustedSender(event))
          throw new LinliError('BRIDGE_TOKEN_INVALID', 'Bridge calls are accepted only from the kiosk page');
        const valid = parseWith(bridgeMethods[method].params, params);
        return { ok: true, result: await (bridge[method] as (p: unknown) => Promise<unknown>)(valid) };
      } catch (error) {
        const coded = error instanceof LinliError ? error : new LinliError('INTERNAL');
        return { ok: false, error: coded.toBody().error };
      }
    });
  }
}
