// `npm start`: the admin server, one enrolled kiosk, one signage player and one clerk desk (the
// kiosk app in its desk profile; browser shells), each in its own process as they would run in a
// street office, with simulated devices unless a device file is given (LINLI_DEVICES_FILE) or
// LINLI_DEMO_DEVICES=0. Ctrl-C stops everything.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { PeripheralConfig } from '@linli/protocol';
import { DEMO_MAINTENANCE_PIN, startDemoPeripherals } from './demo-peripherals';
import { startKiosk, startLinli } from './processes';

const dataDir = path.resolve(process.env.LINLI_DATA_DIR ?? './data');

const demoDevices =
  process.env.LINLI_DEVICES_FILE || process.env.LINLI_DEMO_DEVICES === '0'
    ? undefined
    : await startDemoPeripherals(dataDir);
// Request logs stay quiet unless asked for; the URLs below are what a new user needs.
const system = await startLinli({
  env: {
    LINLI_LOG_LEVEL: 'warn',
    LINLI_API_DOCS: 'on',
    ...process.env,
    ...(demoDevices ? { LINLI_DEVICES_FILE: demoDevices.file } : {}),
  },
  echo: true,
});
// The desk shares the kiosk's printers; the ID card reader's serial port is the kiosk's alone.
const deskDevicesFile = path.join(dataDir, 'desk-devices.json');
if (demoDevices) {
  const { peripherals } = JSON.parse(readFileSync(demoDevices.file, 'utf8')) as { peripherals: PeripheralConfig[] };
  const shared = peripherals.filter((peripheral) => peripheral.driver !== 'ga467-serial');
  writeFileSync(deskDevicesFile, `${JSON.stringify({ peripherals: shared }, null, 2)}\n`);
}
const desk = await startKiosk(
  {
    LINLI_LOG_LEVEL: 'warn',
    ...process.env,
    LINLI_SERVER_URL: system.adminUrl,
    LINLI_ENROLLMENT_CODE: system.enrollmentCode,
    LINLI_APP_PROFILE: 'desk',
    LINLI_DEVICE_NAME: '社区查询服务台',
    LINLI_KIOSK_PORT: process.env.LINLI_DESK_PORT ?? '7311',
    LINLI_DATA_DIR: path.join(dataDir, 'desk'),
    ...(demoDevices ? { LINLI_DEVICES_FILE: deskDevicesFile } : {}),
  },
  true,
);
console.log(`\n  Admin UI:  ${system.adminUrl}/admin/   (sign in as 'admin')`);
console.log(`  API docs:  ${system.adminUrl}/docs`);
console.log(`  Kiosk:     ${system.kioskUrl}/   (open it in Chromium, or: chromium --kiosk ${system.kioskUrl}/)`);
console.log(
  `  Signage player: ${system.playerUrl}/   (a notice screen: open it full screen, or: chromium --kiosk ${system.playerUrl}/)`,
);
console.log(`  Clerk desk: ${desk.ready.url}/   (a community PC; sign in with an admin-server account, e.g. 'admin')`);
console.log(`  Enrollment code for more kiosks and players: ${system.enrollmentCode}`);
if (demoDevices) {
  console.log(`  Simulated peripherals (maintenance screen: hold the kiosk's title 3 s, PIN ${DEMO_MAINTENANCE_PIN}):`);
  for (const note of demoDevices.notes) console.log(`    ${note}`);
  demoDevices.onPrinted((text) => console.log(`\n  [receipt printer]\n${text.replace(/^/gm, '    ')}`));
}
console.log('  Press Ctrl-C to stop.\n');

const stop = async () => {
  await desk.stop();
  await system.stop();
  await demoDevices?.stop();
  process.exit(0);
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
