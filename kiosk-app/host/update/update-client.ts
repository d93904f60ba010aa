/** The admin server's update feed as the browser shell reads it: which archive this kiosk should run. */
import { ShellUpdateOffer, parseWith, type ReleaseApp } from '@linli/protocol';
import { deviceApi, type ServerClientDeps } from '../sync/server-client';

export function createUpdateClient(deps: ServerClientDeps) {
  const { call } = deviceApi(deps);
  return {
    /** The archive to run, or null to stay as it is; a reply off the schema is SERVER_REPLY_INVALID. */
    async shellOffer(app: ReleaseApp): Promise<ShellUpdateOffer['release']> {
      const response = await call(`/api/v1/updates/${app}/shell`);
      return parseWith(ShellUpdateOffer, await response.json().catch(() => undefined), 'SERVER_REPLY_INVALID').release;
    },
  };
}
