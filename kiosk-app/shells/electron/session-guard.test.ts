import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Session } from 'electron';
import { cancelDownloads, grantsRequest, guardPermissions, refuseDeviceChoosers } from './session-guard';
import type { GrantablePermission } from './shell-config';
import { fakeEmitter, fakeEvent } from './test-fakes';

type RequestHandler = (
  contents: unknown,
  permission: string,
  callback: (granted: boolean) => void,
  details: { isMainFrame: boolean; requestingUrl: string; mediaTypes?: string[] },
) => void;
type CheckHandler = (
  contents: unknown,
  permission: string,
  origin: string,
  details: { isMainFrame: boolean; mediaType?: string },
) => boolean;

function guardedSession(granted: GrantablePermission[], caseCameraOpen?: () => boolean) {
  let request: RequestHandler | undefined;
  let check: CheckHandler | undefined;
  let device: ((details: unknown) => boolean) | undefined;
  guardPermissions(
    {
      setPermissionRequestHandler: (handler: RequestHandler) => void (request = handler),
      setPermissionCheckHandler: (handler: CheckHandler) => void (check = handler),
      setDevicePermissionHandler: (handler: (details: unknown) => boolean) => void (device = handler),
    } as unknown as Pick<
      Session,
      'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler'
    >,
    new Set(granted),
    caseCameraOpen,
  );
  const asks = (permission: string, requestingUrl = 'app://kiosk/', isMainFrame = true, mediaTypes?: string[]) => {
    let answer: boolean | undefined;
    request!(null, permission, (granted) => (answer = granted), {
      isMainFrame,
      requestingUrl,
      ...(mediaTypes && { mediaTypes }),
    });
    return answer;
  };
  const checks = (permission: string, origin = 'app://kiosk', isMainFrame = true, mediaType?: string) =>
    check!(null, permission, origin, { isMainFrame, ...(mediaType && { mediaType }) });
  return { asks, checks, device: (details: unknown) => device!(details) };
}

test('permission prompts are refused: camera, microphone, location, notifications', () => {
  const { asks, checks } = guardedSession([]);
  for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'fullscreen', 'openExternal']) {
    assert.equal(asks(permission), false, `request ${permission}`);
    assert.equal(checks(permission), false, `check ${permission}`);
  }
});

test("a permission a feature needs is granted to the app's own main frame only", () => {
  const { asks, checks } = guardedSession(['media']);
  assert.equal(asks('media'), true, 'the kiosk page may use the document camera');
  assert.equal(asks('media', 'app://kiosk/', false), false, 'not from an iframe');
  assert.equal(asks('media', 'https://zwfw.example.gov.cn/'), false, 'not from another origin');
  assert.equal(asks('geolocation'), false, 'nothing else');
  assert.equal(checks('media'), true);
  assert.equal(checks('media', 'https://zwfw.example.gov.cn'), false);
  assert.equal(checks('media', 'app://kiosk', false), false);
});

test("the camera, video only, while the host says the case form's photo step is on screen", () => {
  const host = { photoStep: false };
  const { asks, checks } = guardedSession([], () => host.photoStep);
  const camera = (url = 'app://kiosk/', mainFrame = true) => asks('media', url, mainFrame, ['video']);

  assert.equal(camera(), false, 'not before the photo step (the attract screen, any other screen)');
  assert.equal(checks('media', 'app://kiosk', true, 'video'), false);

  host.photoStep = true;
  assert.equal(camera(), true, 'the photo step of the kiosk page');
  assert.equal(checks('media', 'app://kiosk', true, 'video'), true);
  assert.equal(asks('media', 'app://kiosk/', true, ['video', 'audio']), false, 'never the microphone with it');
  assert.equal(asks('media', 'app://kiosk/', true, ['audio']), false, 'nor the microphone alone');
  assert.equal(asks('media', 'app://kiosk/', true, []), false, 'nor a request that names nothing');
  assert.equal(asks('media'), false, 'nor one that does not say what it wants');
  assert.equal(checks('media', 'app://kiosk', true, 'audio'), false);
  assert.equal(checks('media', 'app://kiosk', true), false);
  assert.equal(camera('app://kiosk/', false), false, 'not from an iframe of the page');
  assert.equal(camera('https://zwfw.example.gov.cn/'), false, 'not from an allowed service site');
  assert.equal(camera('app://kiosk.evil/'), false, 'not from a look-alike origin');
  assert.equal(checks('media', 'https://zwfw.example.gov.cn', true, 'video'), false);
  for (const other of ['display-capture', 'geolocation', 'notifications'])
    assert.equal(asks(other, 'app://kiosk/', true, ['video']), false, `the photo step opens no ${other}`);

  // The step is left, the case sent or the visit over: the host says no again, at the next request.
  host.photoStep = false;
  assert.equal(camera(), false);
  assert.equal(checks('media', 'app://kiosk', true, 'video'), false);
});

test('the decision is a pure function of the request and the policy', () => {
  const policy = { granted: new Set<GrantablePermission>(), caseCameraOpen: () => true };
  const ask = { permission: 'media', isMainFrame: true, requestingUrl: 'app://kiosk/cases', mediaTypes: ['video'] };
  assert.equal(grantsRequest(ask, policy), true);
  assert.equal(grantsRequest({ ...ask, requestingUrl: 'app://kiosk@evil/' }, policy), false);
  assert.equal(grantsRequest(ask, { ...policy, caseCameraOpen: () => false }), false);
  // A document camera configured by the operator keeps its grant (camera and microphone), as before.
  assert.equal(
    grantsRequest(
      { ...ask, mediaTypes: ['video', 'audio'] },
      { granted: new Set(['media']), caseCameraOpen: () => false },
    ),
    true,
  );
});

test('USB, HID and serial devices are never handed to a page: permission check, device grant and chooser all refuse', () => {
  const { checks, device } = guardedSession(['media']);
  for (const deviceType of ['hid', 'serial', 'usb']) {
    // Electron asks the check handler before it opens any chooser for navigator.hid/serial/usb.
    assert.equal(checks(deviceType), false, `check ${deviceType} from the app's own main frame`);
    const details = {
      deviceType,
      origin: 'app://kiosk',
      device: { vendorId: 0x0483, productId: 0x5750, name: 'ID card reader' },
    };
    assert.equal(device(details), false, `a ${deviceType} device already known to the session`);
  }

  const session = fakeEmitter();
  refuseDeviceChoosers(session as unknown as Pick<Session, 'on'>);
  const chosen: unknown[][] = [];
  const choose = (...args: unknown[]) => void chosen.push(args);
  const events = { hid: fakeEvent(), usb: fakeEvent(), serial: fakeEvent() };
  session.emit(
    'select-hid-device',
    events.hid,
    { deviceList: [{ deviceId: 'reader', name: 'ID card reader' }], frame: null },
    choose,
  );
  session.emit(
    'select-usb-device',
    events.usb,
    { deviceList: [{ deviceId: 'printer', productName: 'POS-58' }], frame: null },
    choose,
  );
  session.emit('select-serial-port', events.serial, [{ portId: 'ttyUSB0', portName: 'ttyUSB0' }], null, choose);
  assert.deepEqual(
    [events.hid.prevented, events.usb.prevented, events.serial.prevented],
    [true, true, true],
    'no default pick of the first device',
  );
  assert.deepEqual(chosen, [[], [], ['']], 'every chooser answered with "no device" (cancelled)');
});

test('a download is cancelled', () => {
  const session = fakeEmitter();
  cancelDownloads(session as unknown as Pick<Session, 'on'>);
  const event = fakeEvent();
  session.emit('will-download', event, { getFilename: () => 'invoice.pdf' }, null, null);
  assert.equal(event.prevented, true);
});
