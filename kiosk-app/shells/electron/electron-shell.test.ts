import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { IpcMain } from 'electron';
import { LinliError, type KioskBridge } from '@linli/protocol';
import { bridgeChannel } from './channels';
import { registerBridgeHandlers, type IpcReply } from './ipc-handlers';

type Handler = (event: unknown, params: unknown) => Promise<IpcReply>;

function fakeIpc() {
  const handlers = new Map<string, Handler>();
  const ipcMain = {
    handle: (channel: string, handler: Handler) => void handlers.set(channel, handler),
  } as unknown as Pick<IpcMain, 'handle'>;
  return { ipcMain, handlers };
}

const fromFrame = (url: string, parent: unknown = null) => ({ senderFrame: { url, parent } });

const bridge = {
  getStatus: async () => ({ online: true, lastSyncAt: null, guideCount: 3, deviceName: '一号机' }),
  getGuide: async ({ id }: { id: string }) => {
    throw new LinliError('NOT_FOUND', `No guide '${id}'`);
  },
} as unknown as KioskBridge;

test('bridge calls from the kiosk page are answered; from another origin, an iframe or a vanished frame refused', async () => {
  const { ipcMain, handlers } = fakeIpc();
  registerBridgeHandlers(ipcMain, bridge);
  const getStatus = handlers.get(bridgeChannel('getStatus'))!;
  assert.deepEqual(await getStatus(fromFrame('app://kiosk/'), {}), {
    ok: true,
    result: { online: true, lastSyncAt: null, guideCount: 3, deviceName: '一号机' },
  });
  const foreign = await getStatus(fromFrame('https://example.org/'), {});
  assert.equal(foreign.ok || foreign.error.code, 'BRIDGE_TOKEN_INVALID');
  const subframe = await getStatus(fromFrame('app://kiosk/', { url: 'app://kiosk/' }), {});
  assert.equal(subframe.ok || subframe.error.code, 'BRIDGE_TOKEN_INVALID');
  const lookAlike = await getStatus(fromFrame('app://kiosk.evil/'), {});
  assert.equal(lookAlike.ok || lookAlike.error.code, 'BRIDGE_TOKEN_INVALID');
  // A frame that navigated away or was destroyed before main saw the message.
  const gone = await getStatus({ senderFrame: null }, {});
  assert.equal(gone.ok || gone.error.code, 'BRIDGE_TOKEN_INVALID');
});

test('bad params and host errors come back as coded errors', async () => {
  const { ipcMain, handlers } = fakeIpc();
  registerBridgeHandlers(ipcMain, bridge);
  const bad = await handlers.get(bridgeChannel('searchGuides'))!(fromFrame('app://kiosk/'), { query: 7 });
  assert.equal(bad.ok || bad.error.code, 'VALIDATION_FAILED');
  const missing = await handlers.get(bridgeChannel('getGuide'))!(fromFrame('app://kiosk/'), { id: 'nope' });
  assert.equal(missing.ok || missing.error.code, 'NOT_FOUND');
});
