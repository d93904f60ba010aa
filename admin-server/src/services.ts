/** The admin server's domain services, built from a database, a change hub and a clock. */
import type { Indicator } from '@linli/protocol';
import type { Database } from './db/database';
import { createAlertSources, type AlertSources } from './domain/alert-sources';
import { createAlertService, type AlertService } from './domain/alerts';
import {
  createBillGateway,
  type BillGateway,
  type BillGatewayOptions,
  type ServedProvider,
} from './domain/bill-gateway';
import { createBillPayments, type BillPayments } from './domain/bill-payments';
import { createBillProviders, type BillProviders } from './domain/bill-providers';
import { readCaseRulesFiles } from './case-rules-files';
import type { CaseRules } from './domain/case-rules';
import { createCaseForwarding, type CaseForwarding } from './domain/case-forwarding';
import { createCaseService, type CaseOptions, type CaseService } from './domain/cases';
import type { CityPlatform } from './city/city-platform';
import { createDesk, type Desk } from './domain/desk';
import { createBasemaps, type Basemaps } from './domain/basemaps';
import { createReleaseService, type ReleaseService } from './domain/releases';
import { createGrids, type Grids } from './domain/grids';
import { createQueue, type Queue } from './domain/queue';
import { createQueueAppointments, type QueueAppointments } from './domain/queue-appointments';
import { createKeyedHash } from './domain/keyed-hash';
import { createIssuedKeys, OPEN311_KEYS, TV_FEED_KEYS, type IssuedKeys } from './domain/issued-keys';
import { createWorkCalendars, type WorkCalendars } from './domain/work-calendars';
import { createCaseReminders, type CaseReminders } from './domain/case-reminders';
import type { PaymentChannel } from './bills/payment-channel';
import { createAuditService, type AuditService } from './domain/audit';
import type { Clock } from './domain/clock';
import { createDeviceCommands, type DeviceCommands } from './domain/device-commands';
import { createDeviceGroups, type DeviceGroups } from './domain/device-groups';
import { createDeviceSettings, type DeviceSettingsService } from './domain/device-settings';
import { createDeviceService, type DeviceService } from './domain/devices';
import { createEnrollmentCodes, type EnrollmentCodes } from './domain/enrollment-codes';
import { createFormService, type FormService } from './domain/forms';
import { createGuideService, type GuideService } from './domain/guides';
import { createManualAlerts, type ManualAlerts } from './domain/manual-alerts';
import { createMediaLibrary, type MediaLibrary } from './domain/media-library';
import { createNoticeService, type NoticeService } from './domain/notices';
import { createOrgImport, type OrgImport } from './domain/org-import';
import { createProofOfPlay, type ProofOfPlay } from './domain/proof-of-play';
import { createUsageService, type UsageService } from './domain/usage';
import { createIndicatorService, type IndicatorService } from './domain/indicators';
import { createReportService, type ReportService } from './domain/reports';
import type { ReportPdf } from './http/report-routes';
import type { CjkFontConfig } from '@linli/device-drivers/pdf-forms/cjk-fonts';
import { readShippedIndicators } from './domain/indicator-catalogue';
import { createOrgService, type OrgService } from './domain/org-tree';
import { createSignInService, type SignInService } from './domain/sign-in';
import { createSignageService, type SignageService } from './domain/signage';
import { createSignageKeys, type SignageKeys } from './domain/signage-keys';
import { createTvChannelService, type TvChannelService } from './domain/tv-channels';
import { createSyncFeed, type SyncFeed } from './domain/sync-feed';
import { createUserImport, type UserImport } from './domain/user-import';
import { createUserService, type UserService } from './domain/users';
import type { BlobStore } from './media/blob-store';
import { createChangeHub, type ChangeHub } from './push/change-hub';

export interface Services {
  guides: GuideService;
  forms: FormService;
  signIn: SignInService;
  users: UserService;
  orgs: OrgService;
  orgImport: OrgImport;
  userImport: UserImport;
  audit: AuditService;
  devices: DeviceService;
  enrollmentCodes: EnrollmentCodes;
  deviceGroups: DeviceGroups;
  deviceSettings: DeviceSettingsService;
  deviceCommands: DeviceCommands;
  notices: NoticeService;
  signage: SignageService;
  tvChannels: TvChannelService;
  signageKeys: SignageKeys;
  proofOfPlay: ProofOfPlay;
  usage: UsageService;
  indicators: IndicatorService;
  reports: ReportService;
  /** A report as an A4 PDF (the CJK fonts read on the first). */
  reportPdf: ReportPdf;
  media: MediaLibrary;
  feed: SyncFeed;
  hub: ChangeHub;
  alertSources: AlertSources;
  alerts: AlertService;
  manualAlerts: ManualAlerts;
  bills: BillGateway;
  billProviders: BillProviders;
  desk: Desk;
  cases: CaseService;
  /** Present when a city platform is connected. */
  caseForwarding: CaseForwarding | undefined;
  open311Keys: IssuedKeys;
  tvFeedKeys: IssuedKeys;
  workCalendars: WorkCalendars;
  caseReminders: CaseReminders;
  grids: Grids;
  basemaps: Basemaps;
  releases: ReleaseService;
  queue: Queue;
  queueAppointments: QueueAppointments;
  /** Present when a payment channel is connected. */
  billPayments: BillPayments | undefined;
}

/**
 * `billProviders`: utilities served without being stored (the simulated ones), beside those
 * connected by a configuration file (计费机构); `env` holds the secrets those files name.
 */
export function createServices(deps: {
  db: Database;
  hub: ChangeHub;
  clock: Clock;
  blobs: BlobStore;
  /** Halls whose queue changed (by id), across server instances; in-process when absent. */
  queueHub?: ChangeHub;
  billProviders?: ServedProvider[];
  billOptions?: Partial<BillGatewayOptions>;
  env?: Record<string, string | undefined>;
  /** How connected utilities are called (the global fetch when absent). */
  fetch?: typeof fetch;
  paymentChannel?: PaymentChannel;
  /** The case categories, deadline rules and calendar (the shipped files when absent). */
  caseRules?: CaseRules;
  caseOptions?: Partial<CaseOptions>;
  /** The indicator catalogue until the district saves its own (the shipped file when absent). */
  indicators?: Indicator[];
  /** How long raw usage events are kept (90 days when absent). */
  usageOptions?: { rawDays: number };
  /** The fonts of report PDFs (Debian's Noto Sans CJK and HanaMinB when absent). */
  pdfFonts?: CjkFontConfig;
  /** The city platform (市民心声/12345) cases may be forwarded to. */
  cityPlatform?: CityPlatform;
  log?: (message: string) => void;
}): Services {
  const audit = createAuditService(deps);
  const withAudit = { ...deps, audit };
  const signageKeys = createSignageKeys(withAudit);
  const alerts = createAlertService(withAudit);
  const signIn = createSignInService(deps);
  const usage = createUsageService({ ...withAudit, rawDays: deps.usageOptions?.rawDays ?? 90 });
  const indicators = createIndicatorService({ ...withAudit, shipped: deps.indicators ?? readShippedIndicators() });
  // The PDF writer (ECharts, pdf-lib, fontkit: seconds to load) and its fonts (some 20 MB) are read on
  // the first PDF, not at every start; a failed load is tried again by the next.
  let pdfWriter: Promise<ReportPdf> | undefined;
  const reportPdfWriter = () => {
    pdfWriter ??= (async (): Promise<ReportPdf> => {
      const [{ reportPdf }, { DEBIAN_CJK_FONTS, loadCjkFonts }] = await Promise.all([
        import('./export/report-pdf'),
        import('@linli/device-drivers/pdf-forms/cjk-fonts'),
      ]);
      const fonts = await loadCjkFonts(deps.pdfFonts ?? DEBIAN_CJK_FONTS);
      return (document, locale) => reportPdf(document, locale, fonts);
    })().catch((error: unknown) => {
      pdfWriter = undefined;
      throw error;
    });
    return pdfWriter;
  };
  const devices = createDeviceService({ ...withAudit, signageKeys, alerts });
  const billProviders = createBillProviders({
    ...withAudit,
    env: deps.env ?? {},
    fixed: deps.billProviders ?? [],
    circuit: (providerId) => bills.circuit(providerId),
    ...(deps.fetch && { fetch: deps.fetch }),
    ...(deps.log && { log: (message: string) => deps.log!(`[bills] ${message}`) }),
  });
  const bills = createBillGateway({
    db: deps.db,
    clock: deps.clock,
    providers: billProviders.served,
    ...(deps.billOptions && { options: deps.billOptions }),
  });
  const shippedRules = deps.caseRules ?? readCaseRulesFiles();
  const workCalendars = createWorkCalendars({ ...withAudit, shipped: shippedRules.calendarFiles });
  // Deadlines count in the calendar as edited in the admin UI, over the shipped files.
  const caseRules = { ...shippedRules, calendar: workCalendars.calendar };
  const caseLog = (message: string) => (deps.log ?? console.warn)(`[cases] ${message}`);
  const caseForwarding =
    deps.cityPlatform &&
    createCaseForwarding({
      db: deps.db,
      clock: deps.clock,
      platform: deps.cityPlatform,
      rules: caseRules,
      log: caseLog,
      // Declared below: the forwarding and the cases refer to each other.
      applyUpdate: (update) => cases.cityUpdate(update),
    });
  const grids = createGrids(withAudit);
  const caseReminders = createCaseReminders({ db: deps.db, clock: deps.clock, calendar: caseRules.calendar });
  const cases = createCaseService({
    ...withAudit,
    rules: caseRules,
    gridOf: grids.gridOf,
    photoBlobs: deps.blobs,
    // The step is done whatever happens here; the next sweep reminds what this one missed.
    onActed: (caseId: number) =>
      caseReminders.sweep(caseId).then(
        () => undefined,
        (error: Error) => caseLog(`reminders: ${error.message}`),
      ),
    hash: createKeyedHash(deps.db, 'case-key'),
    ...(deps.caseOptions && { options: deps.caseOptions }),
    ...(deps.cityPlatform &&
      caseForwarding && {
        cityPlatform: { name: deps.cityPlatform.name },
        // Sent at once; what fails is sent again by the timer.
        onForwarded: () =>
          void caseForwarding.sendDue().catch((error: Error) => caseLog(`forwarding: ${error.message}`)),
      }),
  });
  // Halls that follow the work calendar open by it as edited in the admin UI, like case deadlines.
  const queue = createQueue({
    ...withAudit,
    calendar: caseRules.calendar,
    hub: deps.queueHub ?? createChangeHub(),
    cases,
  });
  return {
    guides: createGuideService(withAudit),
    forms: createFormService(withAudit),
    signIn,
    users: createUserService(withAudit),
    orgs: createOrgService(withAudit),
    orgImport: createOrgImport(withAudit),
    userImport: createUserImport(withAudit),
    audit,
    devices,
    enrollmentCodes: createEnrollmentCodes(withAudit),
    deviceGroups: createDeviceGroups(withAudit),
    deviceSettings: createDeviceSettings(withAudit),
    deviceCommands: createDeviceCommands(withAudit),
    notices: createNoticeService(withAudit),
    signage: createSignageService({ ...withAudit, signageKeys }),
    tvChannels: createTvChannelService({ ...withAudit, signageKeys }),
    signageKeys,
    proofOfPlay: createProofOfPlay(withAudit),
    usage,
    indicators,
    reports: createReportService({ ...withAudit, usage, indicators }),
    reportPdf: async (document, locale) => (await reportPdfWriter())(document, locale),
    media: createMediaLibrary(withAudit),
    feed: createSyncFeed(deps),
    hub: deps.hub,
    alertSources: createAlertSources(withAudit),
    alerts,
    manualAlerts: createManualAlerts({ ...withAudit, alerts }),
    bills,
    billProviders,
    desk: createDesk({ ...withAudit, signIn, devices, cases }),
    cases,
    caseForwarding,
    open311Keys: createIssuedKeys(withAudit, OPEN311_KEYS),
    tvFeedKeys: createIssuedKeys(withAudit, TV_FEED_KEYS),
    workCalendars,
    caseReminders,
    grids,
    basemaps: createBasemaps({ ...withAudit, blobs: deps.blobs }),
    releases: createReleaseService({ ...withAudit, blobs: deps.blobs }),
    queue,
    queueAppointments: createQueueAppointments({ ...withAudit, calendar: caseRules.calendar, queue }),
    billPayments:
      deps.paymentChannel &&
      createBillPayments({
        db: deps.db,
        clock: deps.clock,
        gateway: bills,
        channel: deps.paymentChannel,
        ...(deps.log && { log: (message: string) => deps.log!(`[bills] ${message}`) }),
      }),
  };
}
