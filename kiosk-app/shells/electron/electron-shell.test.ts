import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { IpcMain } from 'electron';
import { LinliError, type KioskBridge } from '@linli/protocol';
import { bridgeChannel } from './channels';
import { registerBridgeHandlers, type IpcReply } from './ipc-handlers';
import { denyAllPermissions, isAppUrl, kioskWindowOptions, lockDownWebContents } from './security';

type Handler = (event: unknown, params: unknown) => Promise<IpcReply>;

function fakeIpc() {
  const handlers = new Map<string, Handler>();
  const ipcMain = { handle: (channel: string, handler: Handler) => void handlers.set(channel, handler) } as unknown as Pick<IpcMain, 'handle'>;
  return { ipcMain, handlers };
}

const fromFrame = (url: string, parent: unknown = null) => ({ senderFrame: { url, parent } });

const bridge = {
  getStatus: async () => ({ online: true, lastSyncAt: null, guideCount: 3, deviceName: '一号机' }),
  getGuide: async ({ id }: { id: string }) => {
    throw new LinliError('NOT_FOUND', `No guide '${id}'`);
  },
} as unknown as KioskBridge;

test('bridge calls from the kiosk page are answered, others refused', async () => {
  const { ipcMain, handlers } = fakeIpc();
  registerBridgeHandlers(ipcMain, bridge);
  const getStatus = handlers.get(bridgeChannel('getStatus'))!;
  assert.deepEqual(await getStatus(fromFrame('app://kiosk/'), {}), { ok: true, result: { online: true, lastSyncAt: null, guideCount: 3, deviceName: '一号机' } });
  const foreign = await getStatus(fromFrame('https://example.org/'), {});
  assert.equal(foreign.ok || foreign.error.code, 'BRIDGE_TOKEN_INVALID');
  const subframe = await getStatus(fromFrame('app://kiosk/', { url: 'app://kiosk/' }), {});
  assert.equal(subframe.ok || subframe.error.code, 'BRIDGE_TOKEN_INVALID');
});

test('bad params and host errors come back as coded errors', async () => {
  const { ipcMain, handlers } = fakeIpc();
  registerBridgeHandlers(ipcMain, bridge);
  const bad = await handlers.get(bridgeChannel('searchGuides'))!(fromFrame('app://kiosk/'), { query: 7 });
  assert.equal(bad.ok || bad.error.code, 'VALIDATION_FAILED');
  const missing = await handlers.get(bridgeChannel('getGuide'))!(fromFrame('app://kiosk/'), { id: 'nope' });
  assert.equal(missing.ok || missing.error.code, 'NOT_FOUND');
});

test('the window is sandboxed and isolated; navigation, pop-ups, webviews and permissions are refused', () => {
  const prefs = kioskWindowOptions('/app/preload.cjs').webPreferences!;
  assert.equal(prefs.sandbox, true);
  assert.equal(prefs.contextIsolation, true);
  assert.equal(prefs.nodeIntegration, false);
  assert.equal(prefs.webviewTag, false);
  assert.equal(prefs.devTools, false);

  const listeners = new Map<string, (event: { preventDefault: () => void }, url?: string) => void>();
  let openHandler: (() => { action: string }) | undefined;
  lockDownWebContents({ setWindowOpenHandler: (h: () => { action: string }) => (openHandler = h), on: (name: string, l: never) => listeners.set(name, l) } as never);
  assert.deepEqual(openHandler!(), { action: 'deny' });
  const navigate = (url: string) => {
    let prevented = false;
    listeners.get('will-navigate')!({ preventDefault: () => (prevented = true) }, url);
    return prevented;
  };
  assert.equal(navigate('https://phishing.example/'), true);
  assert.equal(navigate('app://kiosk/guide'), false);

  let requestAnswer: boolean | undefined;
  let check: (() => boolean) | undefined;
  denyAllPermissions({
    setPermissionRequestHandler: (h: (c: unknown, p: string, cb: (ok: boolean) => void) => void) => h(null, 'media', (ok) => (requestAnswer = ok)),
    setPermissionCheckHandler: (h: () => boolean) => (check = h),
  } as never);
  assert.equal(requestAnswer, false);
  assert.equal(check!(), false);
  assert.equal(isAppUrl('file:///etc/passwd'), false);
});
