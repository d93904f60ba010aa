/** The admin server's domain services, built from a database, a change hub and a clock. */
import type { Database } from './db/database';
import { createAdminAuth, type AdminAuth } from './domain/admin-auth';
import type { Clock } from './domain/clock';
import { createDeviceService, type DeviceService } from './domain/devices';
import { createGuideService, type GuideService } from './domain/guides';
import { createSyncFeed, type SyncFeed } from './domain/sync-feed';
import type { ChangeHub } from './push/change-hub';

export interface Services {
  guides: GuideService;
  auth: AdminAuth;
  devices: DeviceService;
  feed: SyncFeed;
  hub: ChangeHub;
}

export function createServices(deps: { db: Database; hub: ChangeHub; clock: Clock }): Services {
  return {
    guides: createGuideService(deps),
    auth: createAdminAuth(deps),
    devices: createDeviceService(deps),
    feed: createSyncFeed(deps),
    hub: deps.hub,
  };
}
