/** Builds the admin app on a test database, with a signed-in system admin and an enrolled device at hand. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestContext } from 'node:test';
import { CSRF_HEADER, EDIT_VERSION_HEADER, deviceAuthorization, etagOf, type SessionView } from '@linli/protocol';
import { buildApp, type AppDeps } from '../src/app';
import type { Database } from '../src/db/database';
import { systemActor } from '../src/domain/actor';
import type { ServedProvider } from '../src/domain/bill-gateway';
import type { CityPlatform } from '../src/city/city-platform';
import type { Clock } from '../src/domain/clock';
import { openMediaStore } from '../src/media/media-store';
import { createChangeHub, type ChangeHub } from '../src/push/change-hub';
import { createServices, type Services } from '../src/services';

export const TEST_PASSWORD = 'correct horse battery 9';
export const TEST_ENROLLMENT_CODE = 'TESTCODE';
export const ROOT_ORG = { level: 'district', name: '临江市安和区', code: '330188' } as const;

/** Request headers of a signed-in user: the session cookie and the CSRF token changes need. */
export type AdminHeaders = { cookie: string; [CSRF_HEADER]: string };

export async function startApp(
  t: TestContext,
  db: Database,
  clock: Clock = () => new Date(),
  options: Pick<
    AppDeps,
    | 'trustProxy'
    | 'apiDocs'
    | 'paymentSimulator'
    | 'citySecret'
    | 'citySimulator'
    | 'channelStreams'
    | 'draining'
    | 'metricsToken'
  > & {
    cityPlatform?: CityPlatform;
    billProviders?: ServedProvider[];
    /** Where connected utilities' "${env:NAME}" secrets are read. */
    env?: Record<string, string>;
    /** Carries halls' queue changes (another instance's, through PostgreSQL); in-process when absent. */
    queueHub?: ChangeHub;
    /** Where media are kept: a folder of their own (the default), or the database with copies in it. */
    mediaStore?: 'folder' | 'database';
  } = {},
) {
  const mediaDir = mkdtempSync(path.join(tmpdir(), 'linli-media-'));
  t.after(() => rmSync(mediaDir, { recursive: true, force: true }));
  const services: Services = createServices({
    db,
    hub: createChangeHub(),
    clock,
    blobs: await openMediaStore({ kind: options.mediaStore ?? 'folder', dir: mediaDir }, db),
    ...(options.billProviders && { billProviders: options.billProviders }),
    ...(options.env && { env: options.env }),
    ...(options.paymentSimulator && { paymentChannel: options.paymentSimulator }),
    ...(options.cityPlatform && { cityPlatform: options.cityPlatform }),
    ...(options.queueHub && { queueHub: options.queueHub }),
  });
  const root = await services.orgs.ensureRoot(ROOT_ORG);
  await services.signIn.ensureFirstAdmin(TEST_PASSWORD);
  await services.devices.ensureDeploymentCode(TEST_ENROLLMENT_CODE);
  const app = await buildApp({
    db,
    services,
    ...(options.trustProxy !== undefined && { trustProxy: options.trustProxy }),
    ...(options.apiDocs !== undefined && { apiDocs: options.apiDocs }),
    ...(options.paymentSimulator && { paymentSimulator: options.paymentSimulator }),
    ...(options.citySecret && { citySecret: options.citySecret }),
    clock,
    ...(options.citySimulator && { citySimulator: options.citySimulator }),
    ...(options.channelStreams && { channelStreams: options.channelStreams }),
    ...(options.draining && { draining: options.draining }),
    ...(options.metricsToken && { metricsToken: options.metricsToken }),
  });
  t.after(() => services.billPayments?.stop());
  t.after(() => app.close());

  const signInAs = async (username: string, password: string): Promise<AdminHeaders> => {
    const login = await app.inject({ method: 'POST', url: '/api/v1/admin/login', payload: { username, password } });
    if (login.statusCode !== 200) throw new Error(`sign-in of ${username} failed: ${login.body}`);
    return {
      cookie: String(login.headers['set-cookie']).split(';')[0]!,
      [CSRF_HEADER]: (login.json() as SessionView).csrfToken,
    };
  };
  const admin = await signInAs('admin', TEST_PASSWORD);

  const enrollDevice = async (name = '大厅一号机') => {
    const reply = await app.inject({
      method: 'POST',
      url: '/api/v1/devices/enroll',
      payload: { code: TEST_ENROLLMENT_CODE, name },
    });
    const { deviceId, secret } = reply.json() as { deviceId: string; secret: string };
    return { deviceId, authorization: deviceAuthorization(deviceId, secret) };
  };
  /** A call to the admin API as `headers`' user; `version`: the version a save or review is made on (If-Match). */
  const call = (
    headers: AdminHeaders,
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    url: string,
    payload?: object,
    version?: number,
  ) =>
    app.inject({
      method,
      url: `/api/v1/admin${url}`,
      headers: { ...headers, ...(version !== undefined && { [EDIT_VERSION_HEADER]: etagOf(version) }) },
      ...(payload && { payload }),
    });
  return {
    app,
    services,
    db,
    mediaDir,
    admin,
    root,
    system: systemActor(root, 'system'),
    signInAs,
    enrollDevice,
    call,
  };
}
