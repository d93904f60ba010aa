/** Builds the admin app on a test database, with a signed-in admin and an enrolled device at hand. */
import type { TestContext } from 'node:test';
import { deviceAuthorization } from '@linli/protocol';
import { buildApp } from '../src/app';
import type { Database } from '../src/db/database';
import type { Clock } from '../src/domain/clock';
import { createChangeHub } from '../src/push/change-hub';
import { createServices, type Services } from '../src/services';

export const TEST_PASSWORD = 'correct horse battery';
export const TEST_ENROLLMENT_CODE = 'TESTCODE';

export async function startApp(t: TestContext, db: Database, clock: Clock = () => new Date()) {
  const services: Services = createServices({ db, hub: createChangeHub(), clock });
  await services.auth.ensureAdmin(TEST_PASSWORD);
  await services.devices.enrollmentCode(TEST_ENROLLMENT_CODE);
  const app = await buildApp({ services });
  t.after(() => app.close());

  const login = await app.inject({ method: 'POST', url: '/api/v1/admin/login', payload: { username: 'admin', password: TEST_PASSWORD } });
  const cookie = String(login.headers['set-cookie']).split(';')[0]!;

  const enrollDevice = async (name = '大厅一号机') => {
    const reply = await app.inject({ method: 'POST', url: '/api/v1/devices/enroll', payload: { code: TEST_ENROLLMENT_CODE, name } });
    const { deviceId, secret } = reply.json() as { deviceId: string; secret: string };
    return { deviceId, authorization: deviceAuthorization(deviceId, secret) };
  };
  return { app, services, cookie, enrollDevice };
}
