/**
 * An admin server in the test's own process (HTTP on a free port, SQLite in `dir`) with one
 * enrolled kiosk, for the kiosk's side of the durability test.
 */
import path from 'node:path';
import { buildApp } from '../../../admin-server/src/app';
import { openDatabase } from '../../../admin-server/src/db/open';
import { openBlobStore } from '../../../admin-server/src/media/blob-store';
import { createChangeHub } from '../../../admin-server/src/push/change-hub';
import { createServices } from '../../../admin-server/src/services';

const CODE = 'DURABLE1';

export async function startCaseServer(dir: string) {
  const db = await openDatabase({ kind: 'sqlite', file: path.join(dir, 'admin.sqlite') });
  const services = createServices({
    db,
    hub: createChangeHub(),
    clock: () => new Date(),
    blobs: await openBlobStore(path.join(dir, 'media')),
  });
  await services.orgs.ensureRoot({ level: 'district', name: '临江市安和区', code: '330188' });
  await services.devices.ensureDeploymentCode(CODE);
  const app = await buildApp({ db, services });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const enrolled = (await (
    await fetch(`${url}/api/v1/devices/enroll`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: CODE, name: '耐久测试机' }),
    })
  ).json()) as { deviceId: string; secret: string };
  return {
    url,
    device: enrolled,
    /** The kiosk's cases as the server holds them, with the ids of their photos. */
    cases: async () =>
      (
        await db.all<{ client_id: string; description: string; photos: string | null }>(
          `SELECT client_id, description, (SELECT group_concat(sha256, ',') FROM case_photos WHERE case_id = cases.id) AS photos
             FROM cases WHERE channel = 'kiosk'`,
        )
      ).map((row) => ({ ...row, photos: row.photos ? row.photos.split(',') : [] })),
    async stop() {
      await app.close();
      await db.close();
    },
  };
}
