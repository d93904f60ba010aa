/** The admin server's domain services, built from a database, a change hub and a clock. */
import type { Database } from './db/database';
import { createAuditService, type AuditService } from './domain/audit';
import type { Clock } from './domain/clock';
import { createDeviceGroups } from './domain/device-groups';
import { createDeviceService, type DeviceService } from './domain/devices';
import { createEnrollmentCodes } from './domain/enrollment-codes';
import { createGuideService, type GuideService } from './domain/guides';
import { createNoticeService, type NoticeService } from './domain/notices';
import { createOrgImport } from './domain/org-import';
import { createOrgService, type OrgService } from './domain/org-tree';
import { createSignInService, type SignInService } from './domain/sign-in';
import { createSyncFeed, type SyncFeed } from './domain/sync-feed';
import { createUserImport } from './domain/user-import';
import { createUserService, type UserService } from './domain/users';
import type { ChangeHub } from './push/change-hub';

export interface Services {
  guides: GuideService;
  signIn: SignInService;
  users: UserService;
  orgs: OrgService;
  orgImport: ReturnType<typeof createOrgImport>;
  userImport: ReturnType<typeof createUserImport>;
  audit: AuditService;
  devices: DeviceService;
  enrollmentCodes: ReturnType<typeof createEnrollmentCodes>;
  deviceGroups: ReturnType<typeof createDeviceGroups>;
  notices: NoticeService;
  feed: SyncFeed;
  hub: ChangeHub;
}

export function createServices(deps: { db: Database; hub: ChangeHub; clock: Clock }): Services {
  const audit = createAuditService(deps);
  const withAudit = { ...deps, audit };
  return {
    guides: createGuideService(withAudit),
    signIn: createSignInService(deps),
    users: createUserService(withAudit),
    orgs: createOrgService(withAudit),
    orgImport: createOrgImport(withAudit),
    userImport: createUserImport(withAudit),
    audit,
    devices: createDeviceService(withAudit),
    enrollmentCodes: createEnrollmentCodes(withAudit),
    deviceGroups: createDeviceGroups(withAudit),
    notices: createNoticeService(withAudit),
    feed: createSyncFeed(deps),
    hub: deps.hub,
  };
}
