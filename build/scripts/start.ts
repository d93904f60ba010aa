// `npm start`: the admin server, one enrolled kiosk and one signage player (browser shells), each in its own process
// as they would run in a street office, with simulated devices unless a device file is given
// (LINLI_DEVICES_FILE) or LINLI_DEMO_DEVICES=0. Ctrl-C stops everything.
import path from 'node:path';
import { DEMO_MAINTENANCE_PIN, startDemoPeripherals } from './demo-peripherals';
import { startLinli } from './processes';

const demoDevices =
  process.env.LINLI_DEVICES_FILE || process.env.LINLI_DEMO_DEVICES === '0'
    ? undefined
    : await startDemoPeripherals(path.resolve(process.env.LINLI_DATA_DIR ?? './data'));
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
console.log(`\n  Admin UI:  ${system.adminUrl}/admin/   (sign in as 'admin')`);
console.log(`  API docs:  ${system.adminUrl}/docs`);
console.log(`  Kiosk:     ${system.kioskUrl}/   (open it in Chromium, or: chromium --kiosk ${system.kioskUrl}/)`);
console.log(
  `  Signage player: ${system.playerUrl}/   (a notice screen: open it full screen, or: chromium --kiosk ${system.playerUrl}/)`,
);
console.log(`  Enrollment code for more kiosks and players: ${system.enrollmentCode}`);
if (demoDevices) {
  console.log(`  Simulated peripherals (maintenance screen: hold the kiosk's title 3 s, PIN ${DEMO_MAINTENANCE_PIN}):`);
  for (const note of demoDevices.notes) console.log(`    ${note}`);
  demoDevices.onPrinted((text) => console.log(`\n  [receipt printer]\n${text.replace(/^/gm, '    ')}`));
}
console.log('  Press Ctrl-C to stop.\n');

const stop = async () => {
  await system.stop();
  await demoDevices?.stop();
  process.exit(0);
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
