/** The settings a kiosk runs with: its configuration overlaid key by key by pushed settings. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PRIVATE_NETWORKS, type PeripheralsFile } from '@linli/protocol';
import { createHostSettings } from '../host/settings/host-settings';
import {
  changedSettings,
  checkPushedSettings,
  kioskSettingsView,
  resolveSettings,
  type LocalSettings,
} from '../host/settings/kiosk-settings';

const LOCAL_DEVICES: PeripheralsFile = {
  maintenancePin: '2468',
  peripherals: [{ id: 'receipt', driver: 'escpos-tcp', host: '127.0.0.1' }],
};
const LOCAL: LocalSettings = {
  idleSec: 90,
  warningSec: 15,
  peripherals: LOCAL_DEVICES,
  printerNetworks: PRIVATE_NETWORKS,
};

test('with nothing pushed the kiosk runs on its own configuration, notices on, nothing extra shown', () => {
  const settings = resolveSettings(LOCAL, {});
  assert.deepEqual(settings, {
    idleSec: 90,
    warningSec: 15,
    attractNotices: true,
    attractMessage: undefined,
    openingHours: undefined,
    peripherals: LOCAL_DEVICES,
    shell: { allowedOrigins: undefined, screenOff: undefined, dailyRestart: undefined },
  });
  assert.deepEqual(kioskSettingsView(settings, true), {
    idleSec: 90,
    warningSec: 15,
    speechAvailable: true,
    attractNotices: true,
    attractMessage: undefined,
    openingHours: undefined,
  });
});

test('each pushed setting replaces its own default only', () => {
  const pushedDevices: PeripheralsFile = { peripherals: [{ id: 'a4', driver: 'system-printer' }] };
  const settings = resolveSettings(LOCAL, {
    idleWarningSec: 30,
    attractNotices: false,
    openingHours: '09:00-17:00',
    peripherals: pushedDevices,
    screenOff: '22:00-07:00',
  });
  assert.equal(settings.idleSec, 90, 'not pushed: from the environment');
  assert.equal(settings.warningSec, 30);
  assert.equal(settings.attractNotices, false);
  assert.equal(settings.openingHours, '09:00-17:00');
  assert.equal(settings.attractMessage, undefined);
  assert.deepEqual(
    settings.peripherals,
    pushedDevices,
    'the pushed devices file replaces the local one whole, PIN included',
  );
  assert.deepEqual(settings.shell, { allowedOrigins: undefined, screenOff: '22:00-07:00', dailyRestart: undefined });
});

test('a bad pushed value is dropped alone; a setting this app does not know is ignored', () => {
  const { settings, problems } = checkPushedSettings(
    {
      idleSec: 5,
      attractMessage: '工作日有工作人员在岗',
      future: true,
      peripherals: {
        peripherals: [
          { id: 'p', driver: 'system-printer' },
          { id: 'p', driver: 'system-printer' },
        ],
      },
    },
    PRIVATE_NETWORKS,
  );
  assert.deepEqual(settings, { attractMessage: '工作日有工作人员在岗' });
  assert.equal(problems.length, 2);
  assert.match(problems.join('\n'), /\/idleSec/);
  assert.match(problems.join('\n'), /'p' is used twice/);
});

test('a pushed devices file cannot name a file, a hostile queue, another network or a non-printing port; the kiosk keeps its own', () => {
  const push = (peripheral: object, networks = PRIVATE_NETWORKS) =>
    checkPushedSettings({ peripherals: { peripherals: [peripheral] } }, networks);
  for (const [peripheral, problem] of [
    [{ id: 'r', driver: 'escpos-usb', path: '/etc/hosts' }, /\/path must be a device/],
    [{ id: 'r', driver: 'ga467-serial', path: '/home/kiosk/.bashrc' }, /\/path must be a device/],
    [
      { id: 'a4', driver: 'system-printer', printer: 'x\u2019 $(Stop-Computer) \u2019' },
      /\/printer must match pattern/,
    ],
    [{ id: 'r', driver: 'escpos-tcp', host: '10.0.0.1', port: 22 }, /\/port must be a raw printing port, 9100–9109/],
    [{ id: 'r', driver: 'escpos-tcp', host: '8.8.8.8' }, /\/host must be an IPv4 address in 10\.0\.0\.0\/8/],
    [{ id: 'r', driver: 'escpos-tcp', host: 'printer.example.com' }, /\/host must be an IPv4 address/],
    [
      { id: 'a4', driver: 'pdf-folder', directory: '/home/kiosk' },
      /PDF folder printer is configured on the kiosk only/,
    ],
  ] as const) {
    const { settings, problems } = push(peripheral);
    assert.equal(settings.peripherals, undefined, JSON.stringify(peripheral));
    assert.match(problems.join('\n'), problem);
    assert.deepEqual(resolveSettings(LOCAL, settings).peripherals, LOCAL_DEVICES, 'the local devices stay');
  }
  const printer = { id: 'r', driver: 'escpos-tcp', host: '192.168.3.20', port: 9101 } as const;
  assert.deepEqual(push(printer).problems, []);
  assert.match(push(printer, ['10.8.0.0/16']).problems.join(), /10\.8\.0\.0\/16/, 'the kiosk decides the ranges');
  assert.deepEqual(
    push({ id: 'r', driver: 'ga467-serial', path: '/dev/serial/by-id/usb-FTDI-if00-port0' }).problems,
    [],
  );
});

test('changes are found by value, not by identity', () => {
  const before = resolveSettings(LOCAL, { allowedOrigins: ['https://zwfw.example.gov.cn'] });
  assert.deepEqual(
    changedSettings(resolveSettings(LOCAL, { allowedOrigins: ['https://zwfw.example.gov.cn'] }), before),
    [],
  );
  assert.deepEqual(
    changedSettings(resolveSettings(LOCAL, { idleSec: 120, allowedOrigins: ['https://zwfw.example.gov.cn'] }), before),
    ['idleSec'],
  );
  assert.deepEqual(changedSettings(resolveSettings(LOCAL, {}), before), ['shell']);
});

test('the host settings announce what changed after a refresh, and only when something did', () => {
  let stored: { settings: object; updatedAt: string } | null = null;
  const announced: string[][] = [];
  const logs: string[] = [];
  const settings = createHostSettings({
    local: LOCAL,
    stored: () => stored as never,
    onChange: (changed) => announced.push(changed),
    log: (line) => logs.push(line),
  });
  assert.equal(settings.current().idleSec, 90);
  settings.refresh();
  assert.deepEqual(announced, []);
  stored = { settings: { idleSec: 300, openingHours: '8:00-17:00' }, updatedAt: '2026-11-28T08:00:00.000Z' };
  settings.refresh();
  assert.deepEqual(announced, [['idleSec']]);
  assert.equal(settings.current().openingHours, undefined, 'a malformed time is not shown');
  assert.match(logs.join('\n'), /pushed setting not used: \/openingHours/);
  settings.refresh();
  assert.equal(announced.length, 1);
  stored = null;
  settings.refresh();
  assert.deepEqual(announced.at(-1), ['idleSec']);
  assert.equal(settings.current().idleSec, 90, 'back to the environment once the push is gone');
});
