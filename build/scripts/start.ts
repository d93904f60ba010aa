// `npm start`: the admin server and one enrolled kiosk (browser shell), each in its own process
// as they would run in a street office. Ctrl-C stops both.
import { startLinli } from './processes';

// Request logs stay quiet unless asked for; the URLs below are what a new user needs.
const system = await startLinli({ env: { LINLI_LOG_LEVEL: 'warn', ...process.env }, echo: true });
console.log(`\n  Admin UI:  ${system.adminUrl}/admin/   (sign in as 'admin')`);
console.log(`  API docs:  ${system.adminUrl}/docs`);
console.log(`  Kiosk:     ${system.kioskUrl}/   (open it in Chromium, or: chromium --kiosk ${system.kioskUrl}/)`);
console.log(`  Enrollment code for more kiosks: ${system.enrollmentCode}\n  Press Ctrl-C to stop.\n`);

const stop = async () => {
  await system.stop();
  process.exit(0);
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
