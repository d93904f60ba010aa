/**
 * The kiosk bridge: the only API the renderer may use. The host implements it; the Electron
 * shell carries it over IPC and the browser shell over HTTP + server-sent events on 127.0.0.1.
 * Each method is described once here; both transports validate params with these schemas.
 */
import Type from 'typebox';
import { Guide, GuideCategory } from './guide';
import { DeviceNotice, NoticeKind } from './notices';
import { MaskedIdCard, PeripheralHealth } from './peripherals';
import { FormSummary } from './form-definition';
import { CAP_CERTAINTIES, CAP_SEVERITIES, CAP_URGENCIES } from './alerts';
import { Consultation, ConsultationInput, DeskPin, DeskSignIn, DeskStatus, DeskToday } from './desk';
import { CaseAddresses } from './grids';
import {
  CaseCatalogue,
  CasePublicStatus,
  CaseStatusQuery,
  CaseSubmission,
  CaseSubmissions,
  KIOSK_CASE_PHOTO_BASE64_MAX,
  KioskCaseInput,
} from './cases';
import {
  BillAccount,
  BillQuery,
  BillReceipt,
  BillUtilities,
  BoundAccounts,
  PaymentRequest,
  ScreenQr,
  ShownPayment,
  Utility,
} from './bills';
import { KioskQueueOffer, QUEUE_BUSINESS_ID_PATTERN, QueueTicketReceipt } from './queue';
import { APPOINTMENT_CODE_PATTERN } from './queue-appointments';

export const LOCALES = ['zh-Hans', 'zh-Hant', 'en'] as const;
export const Locale = Type.Enum(LOCALES);
export type Locale = (typeof LOCALES)[number];

export const KioskStatus = Type.Object({
  online: Type.Boolean({ description: 'The last contact with the admin server succeeded' }),
  storageFull: Type.Boolean({
    description: 'The disk had no room for the last content or file that came: new content waits for space',
  }),
  lastSyncAt: Type.Union([Type.String(), Type.Null()]),
  guideCount: Type.Integer(),
  deviceName: Type.String(),
  mediaPending: Type.Integer({
    description: 'Files the notices held here need that are not downloaded and verified yet',
  }),
});
export type KioskStatus = Type.Static<typeof KioskStatus>;

export const CategoryCount = Type.Object({ category: GuideCategory, count: Type.Integer() });
export type CategoryCount = Type.Static<typeof CategoryCount>;

export const GuideSummary = Type.Object({
  id: Type.String(),
  category: GuideCategory,
  title: Type.String(),
  summary: Type.String(),
  titleHighlights: Type.Array(Type.Tuple([Type.Integer(), Type.Integer()])),
  /** In search results: nothing matched every word typed, and this guide matched most of them. */
  partial: Type.Optional(Type.Boolean()),
});
export type GuideSummary = Type.Static<typeof GuideSummary>;

/** A notice as lists show it; the whole text comes from getNotice. */
export const NoticeSummary = Type.Object({
  id: Type.String(),
  kind: NoticeKind,
  title: Type.String(),
  issuer: Type.String(),
  publishAt: Type.String(),
  excerpt: Type.String({ description: 'The start of the body as one line of plain text' }),
});
export type NoticeSummary = Type.Static<typeof NoticeSummary>;

/**
 * An emergency alert shown now, in one language: the info block for the display locale (zh-CN
 * for 简体 and 繁體, converted to Traditional for 繁體; en for English when the alert has one).
 */
export const KioskAlert = Type.Object({
  id: Type.String(),
  test: Type.Boolean({ description: 'A Test or Exercise message: labelled as a test (only test screens show them)' }),
  severity: Type.Enum(CAP_SEVERITIES),
  urgency: Type.Enum(CAP_URGENCIES),
  certainty: Type.Enum(CAP_CERTAINTIES),
  event: Type.String({ description: 'e.g. 暴雨红色预警' }),
  headline: Type.String(),
  senderName: Type.String({ description: 'e.g. 临江市气象台' }),
  description: Type.Union([Type.String(), Type.Null()]),
  instruction: Type.Union([Type.String(), Type.Null()]),
  contact: Type.Union([Type.String(), Type.Null()]),
  areaDesc: Type.Array(Type.String()),
  sent: Type.String(),
  effective: Type.String(),
  expires: Type.Union([Type.String(), Type.Null()]),
  /** The language of the text: Chinese when the alert has no block in the locale asked for. */
  locale: Locale,
});
export type KioskAlert = Type.Static<typeof KioskAlert>;

/** The longest text one speak call takes; longer pages are cut before they are sent. */
export const SPEAK_MAX_CHARS = 5000;

/** How the kiosk behaves: the host's configuration, overlaid by the settings the admin server pushed. */
export const KioskSettings = Type.Object({
  idleSec: Type.Integer({ description: 'Seconds without a touch before the end-of-visit warning' }),
  warningSec: Type.Integer({ description: 'Seconds the warning counts down before the visit ends' }),
  speechAvailable: Type.Boolean({ description: 'An offline read-aloud engine is installed' }),
  attractNotices: Type.Boolean({ description: 'The attract screen shows the latest notices' }),
  attractMessage: Type.Optional(Type.String({ description: 'A line under the touch hint of the attract screen' })),
  openingHours: Type.Optional(
    Type.String({ description: 'Opening hours shown on the attract screen, as HH:MM-HH:MM' }),
  ),
});
export type KioskSettings = Type.Static<typeof KioskSettings>;

/** The kiosk's peripherals as the renderer needs them: which features to offer, and their health. */
export const PeripheralsView = Type.Object({
  peripherals: Type.Array(PeripheralHealth),
  idCardReader: Type.Boolean({ description: 'An ID card reader is configured (the 读取身份证 screen is offered)' }),
  maintenance: Type.Boolean({ description: 'A maintenance PIN is configured (the maintenance screen can open)' }),
  wedgeScanner: Type.Optional(
    Type.Object({
      maxKeyGapMs: Type.Integer({ description: 'Keys closer together than this come from a scanner, not a person' }),
      minLength: Type.Integer(),
    }),
  ),
});
export type PeripheralsView = Type.Static<typeof PeripheralsView>;

export const PRINT_STAGES = ['idle', 'preparing', 'queued', 'printing', 'done', 'failed'] as const;
export type PrintStage = (typeof PRINT_STAGES)[number];

/** Where the visit's print job is; `error` carries the catalog code when it failed. */
export const PrintProgress = Type.Object({
  stage: Type.Enum(PRINT_STAGES),
  formId: Type.Optional(Type.String()),
  error: Type.Optional(
    Type.Object({
      code: Type.String(),
      message: Type.String(),
      details: Type.Optional(Type.Array(Type.Object({ path: Type.String(), message: Type.String() }))),
    }),
  ),
});
export type PrintProgress = Type.Static<typeof PrintProgress>;

/** A queue ticket taken in this visit as the screen shows it: the receipt, and its follow link's QR code. */
export const ShownQueueTicket = Type.Object({ ...QueueTicketReceipt.properties, followQr: ScreenQr });
export type ShownQueueTicket = Type.Static<typeof ShownQueueTicket>;

const LocaleParam = { locale: Type.Optional(Locale) };
const Done = Type.Object({});

export const bridgeMethods = {
  getStatus: { params: Type.Object({}), result: KioskStatus },
  listCategories: { params: Type.Object({}), result: Type.Array(CategoryCount) },
  listGuides: {
    params: Type.Object({ category: GuideCategory, ...LocaleParam }),
    result: Type.Array(GuideSummary),
  },
  searchGuides: {
    params: Type.Object({
      query: Type.String({ maxLength: 200 }),
      category: Type.Optional(GuideCategory),
      limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
      ...LocaleParam,
    }),
    result: Type.Array(GuideSummary),
  },
  /** The guides most often opened on this kiosk (热门事项), most first; none before any was opened. */
  popularGuides: {
    params: Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 20 })), ...LocaleParam }),
    result: Type.Array(GuideSummary),
  },
  /**
   * 打印材料清单: the guide's materials, office, hours and phone on the receipt printer, with a QR code
   * that opens the guide on a phone. PERIPHERAL_UNKNOWN without a receipt printer.
   */
  printGuideChecklist: { params: Type.Object({ id: Type.String({ maxLength: 64 }), ...LocaleParam }), result: Done },
  /** A guide in full; opening it counts towards 热门事项 and the search's popularity. */
  getGuide: { params: Type.Object({ id: Type.String({ maxLength: 64 }), ...LocaleParam }), result: Guide },
  /** The notices shown now (published and not expired, by the kiosk's clock), newest first. */
  listNotices: { params: Type.Object({ ...LocaleParam }), result: Type.Array(NoticeSummary) },
  /** One notice in full; NOT_FOUND when the kiosk has none by this id or it is not shown now. */
  getNotice: { params: Type.Object({ id: Type.String({ maxLength: 64 }), ...LocaleParam }), result: DeviceNotice },
  /**
   * The emergency alerts shown now (effective and not expired by the kiosk's clock; no test
   * messages on ordinary kiosks), most severe first; 'alerts-changed' tells when the set changes.
   */
  listAlerts: { params: Type.Object({ ...LocaleParam }), result: Type.Array(KioskAlert) },
  getKioskSettings: { params: Type.Object({}), result: KioskSettings },
  /** Reads text aloud in Mandarin (offline); a new call interrupts the previous one. */
  speak: { params: Type.Object({ text: Type.String({ minLength: 1, maxLength: SPEAK_MAX_CHARS }) }), result: Done },
  stopSpeaking: { params: Type.Object({}), result: Done },
  getPeripherals: { params: Type.Object({}), result: PeripheralsView },
  /**
   * Waits for the resident to place an ID card (polling runs only during this call) and returns it
   * masked; the full data stays in the host for this visit. A new call or cancelIdCard ends a wait.
   */
  readIdCard: {
    params: Type.Object({ timeoutSec: Type.Optional(Type.Integer({ minimum: 5, maximum: 120, default: 60 })) }),
    result: MaskedIdCard,
  },
  cancelIdCard: { params: Type.Object({}), result: Done },
  /** Codes scanned by serial scanners since the last call (announced by the 'scan' event). */
  takeScans: { params: Type.Object({}), result: Type.Array(Type.String()) },
  /** The forms this kiosk can fill and print on its A4 printer. */
  listForms: { params: Type.Object({}), result: Type.Array(FormSummary) },
  /**
   * Fills a form with this visit's ID card, what the resident typed and today's date, and prints
   * it; resolves when the printer has it. Progress is announced by 'print-progress'.
   */
  printForm: {
    params: Type.Object({
      formId: Type.String({ maxLength: 64 }),
      typed: Type.Record(Type.String({ maxLength: 64 }), Type.String({ maxLength: 2000 }), { maxProperties: 50 }),
      sameAsCard: Type.Optional(
        Type.Array(Type.String({ maxLength: 64 }), {
          maxItems: 50,
          description:
            'Questions answered 与身份证住址相同: the host prints the card’s value (the screen never had it)',
        }),
      ),
    }),
    result: Done,
  },
  getPrintProgress: { params: Type.Object({}), result: PrintProgress },
  /** Opens the maintenance screen for this visit. */
  unlockMaintenance: { params: Type.Object({ pin: Type.String({ maxLength: 12 }) }), result: Done },
  /** Prints a printer's test page; only while the maintenance screen is open. */
  testPrint: { params: Type.Object({ peripheralId: Type.String({ maxLength: 40 }) }), result: Done },
  /** The utilities this kiosk can query (asked of the admin server each time). */
  billUtilities: { params: Type.Object({}), result: BillUtilities },
  /** An account, asked live of the utility through the admin server; nothing of it is kept. */
  queryBill: { params: BillQuery, result: BillAccount },
  /** The accounts bound to this visit's ID card at a utility (the card stays in the host). */
  boundBillAccounts: { params: Type.Object({ utility: Utility }), result: BoundAccounts },
  /** A payment code for an amount on an account (the host draws the code). */
  payBill: { params: PaymentRequest, result: ShownPayment },
  /** How the payment stands; answered as soon as it changes, or after `waitSec`. */
  billPaymentStatus: {
    params: Type.Object({
      orderId: Type.String({ maxLength: 32 }),
      waitSec: Type.Integer({ minimum: 0, maximum: 25 }),
    }),
    result: ShownPayment,
  },
  cancelBillPayment: { params: Type.Object({ orderId: Type.String({ maxLength: 32 }) }), result: ShownPayment },
  /** Prints the bill of an account on the A4 printer, as the utility answers now. */
  printBill: { params: Type.Object({ ...BillQuery.properties, ...LocaleParam }), result: Done },
  /**
   * Prints a paid payment's receipt on the receipt printer — right after paying, or again later by
   * the transaction id (a reprint: a payment made at this kiosk's node) — and answers it.
   */
  printBillReceipt: {
    params: Type.Object({ transactionId: Type.String({ pattern: '^[0-9A-Za-z_-]{6,64}$' }), ...LocaleParam }),
    result: BillReceipt,
  },
  /** The desk profile's clerk: who serves, and whether the desk is locked (a kiosk answers profile kiosk). */
  deskStatus: { params: Type.Object({}), result: DeskStatus },
  /** A clerk signs in with their admin-server account; they choose a PIN next. */
  deskSignIn: { params: DeskSignIn, result: DeskStatus },
  deskSetPin: { params: Type.Object({ pin: DeskPin }), result: DeskStatus },
  /** The clerk stepped away (the screen was idle): the PIN opens it again. */
  deskLock: { params: Type.Object({}), result: DeskStatus },
  deskUnlock: { params: Type.Object({ pin: DeskPin }), result: DeskStatus },
  deskSignOut: { params: Type.Object({}), result: DeskStatus },
  /** A consultation into the 咨询台账. */
  recordConsultation: { params: ConsultationInput, result: Consultation },
  /** Today's counts at this desk, and the clerk's latest entries. */
  deskToday: { params: Type.Object({}), result: DeskToday },
  /** The case categories (kept from the server's last answer, so a kiosk offline still takes cases). */
  caseCatalogue: { params: Type.Object({}), result: CaseCatalogue },
  /**
   * A resident's case into the kiosk's outbox, sent at once when the server answers (and later when
   * it does not); answers its state after that first try.
   */
  submitCase: { params: KioskCaseInput, result: CaseSubmission },
  /** This visit's submissions and their states (cases-changed says when they move). */
  caseSubmissions: { params: Type.Object({}), result: CaseSubmissions },
  /** The 受理单 of a sent submission of this visit on the receipt printer. */
  printCaseTicket: {
    params: Type.Object({ clientId: Type.String({ format: 'uuid' }), ...LocaleParam }),
    result: Done,
  },
  /**
   * The case form's photo step is on screen: until closeCaseCamera, the end of the visit, the
   * case's submission or a few minutes at most, the Electron shell grants the page the camera
   * (video only). FORBIDDEN outside a visit. The shell asks the host, never the page.
   */
  openCaseCamera: { params: Type.Object({}), result: Done },
  /** The photo step is left or the photo taken: the camera is no longer granted. */
  closeCaseCamera: { params: Type.Object({}), result: Done },
  /** The buildings and units of this kiosk's community to pick "where" from (kept for offline use too). */
  caseAddresses: { params: Type.Object({}), result: CaseAddresses },
  /** A resident asks after a case: tracking number and the last 4 digits of their phone. */
  caseStatus: { params: CaseStatusQuery, result: CasePublicStatus },
  /**
   * 排队取号: the businesses of this kiosk's hall, with the people waiting, the estimated wait and why
   * one gives no ticket now (asked of the admin server each time; QUEUE_NO_HALL when no hall is above
   * this kiosk).
   */
  queueOffer: { params: Type.Object({}), result: KioskQueueOffer },
  /**
   * Takes a ticket for a business. `elderByIdCard`: the hall's age rule is checked in the host on
   * this visit's ID card (read with readIdCard first); only the outcome, priority or not, is sent.
   * A take whose answer was lost is sent again under the same id when asked again, so it never gives
   * two tickets. The ticket is this visit's until it ends.
   */
  takeQueueTicket: {
    params: Type.Object({
      business: Type.String({ pattern: QUEUE_BUSINESS_ID_PATTERN }),
      elderByIdCard: Type.Optional(Type.Boolean()),
    }),
    result: ShownQueueTicket,
  },
  /**
   * 预约签到: a booked resident's ticket (called before those without a booking), by the 8-digit
   * code typed or by this visit's ID card (read with readIdCard first: its number goes to the server
   * to find the booking, nothing else of the card). Sent again under the same id when its answer was
   * lost, like a take; the ticket is this visit's.
   */
  checkInQueue: {
    params: Type.Object({
      code: Type.Optional(Type.String({ pattern: APPOINTMENT_CODE_PATTERN })),
      byIdCard: Type.Optional(Type.Boolean()),
    }),
    result: ShownQueueTicket,
  },
  /** This visit's ticket on the receipt printer (again after a failure); NOT_FOUND before one is taken. */
  printQueueTicket: { params: Type.Object({ ...LocaleParam }), result: Done },
  /** A resident's visit began (or goes on after the idle warning): until it ends, the screen may show their data. */
  beginVisit: { params: Type.Object({}), result: Done },
  /**
   * The resident chose a language or elder mode during this visit: the host counts the visit's
   * choices (anonymously, once per visit) for the usage statistics.
   */
  notePreferences: { params: Type.Object({ locale: Locale, elderMode: Type.Boolean() }), result: Done },
  /** The resident's visit ended: the host drops everything it held for that visit. */
  endVisit: { params: Type.Object({}), result: Done },
} as const;

export type BridgeMethod = keyof typeof bridgeMethods;
export type BridgeParams<M extends BridgeMethod> = Type.Static<(typeof bridgeMethods)[M]['params']>;
export type BridgeResult<M extends BridgeMethod> = Type.Static<(typeof bridgeMethods)[M]['result']>;

/** What the host implements and what the renderer calls, whichever transport joins them. */
export type KioskBridge = { [M in BridgeMethod]: (params: BridgeParams<M>) => Promise<BridgeResult<M>> };

/**
 * Events the host pushes to the renderer. `settings-changed`: getKioskSettings answers differently
 * now; `reload`: the admin server asked for the page to be loaded afresh (the visit ends);
 * `alerts-changed`: listAlerts answers differently now (an alert arrived, was cancelled or expired);
 * `desk-changed`: deskToday answers differently now (a form printed at the desk was counted);
 * `cases-changed`: caseSubmissions answers differently now (a queued case was sent or rejected).
 */
export const BRIDGE_EVENTS = [
  'catalog-changed',
  'alerts-changed',
  'status-changed',
  'peripherals-changed',
  'scan',
  'print-progress',
  'settings-changed',
  'reload',
  'desk-changed',
  'cases-changed',
] as const;
export type BridgeEvent = (typeof BRIDGE_EVENTS)[number];

/** The largest call body a transport reads: small for every method but submitCase, which may carry a photo. */
export function bridgeBodyMaxBytes(method: BridgeMethod): number {
  const small = 64 * 1024;
  return method === 'submitCase' ? small + KIOSK_CASE_PHOTO_BASE64_MAX : small;
}

export function isBridgeMethod(name: string): name is BridgeMethod {
  return Object.hasOwn(bridgeMethods, name);
}

/**
 * Where both shells serve the files of the notices held (by SHA-256) on the renderer's own origin:
 * `<img>` and `<video>` load them like any page file, so they need no bridge call or token.
 */
export const KIOSK_MEDIA_PATH = '/media/';

/** Browser shell transport: routes and the header carrying the per-boot token. */
export const BRIDGE_HTTP = {
  callPath: (method: BridgeMethod) => `/bridge/${method}`,
  eventsPath: '/bridge/events',
  tokenHeader: 'x-linli-boot-token',
  tokenQuery: 'token',
} as const;
