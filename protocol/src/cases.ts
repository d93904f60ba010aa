/**
 * Residents' cases (诉求): a consultation, a request for help, a complaint, a report or a
 * suggestion, from whichever channel it came (kiosk, clerk desk, phone, a walk-in written up in
 * the admin UI, staff mobile, Open311), in one model; and the workflow every case goes through:
 * 登记 → 受理 (or 不予受理) → 派单 → 签收 → 办理 → 答复 → 审核 → 回访 → 办结, with 督办, 延期 and 退单 on the
 * way. The deadlines come from the rules in case-deadlines.ts.
 */
import Type from 'typebox';
import { CASE_NATURES, CASE_URGENCIES } from './case-deadlines';

export const CASE_CHANNELS = ['kiosk', 'desk', 'phone', 'walk-in', 'mobile', 'open311'] as const;
export type CaseChannel = (typeof CASE_CHANNELS)[number];

/**
 * registered 已登记 · accepted 已受理 · not-accepted 不予受理 · dispatched 已派单 (waiting for 签收) ·
 * handling 办理中 · replied 已答复 (waiting for 审核) · reviewed 已审核 (waiting for 回访) · closed 已办结.
 */
export const CASE_STATES = [
  'registered',
  'accepted',
  'not-accepted',
  'dispatched',
  'handling',
  'replied',
  'reviewed',
  'closed',
] as const;
export type CaseState = (typeof CASE_STATES)[number];

/**
 * What staff do to a case. accept/not-accept: 受理; answer: answered on the spot (closes it);
 * dispatch: 派单/转办 to a node (and optionally one of its staff); sign: 签收; return: 退单 (back to
 * whoever dispatched it, with the reason); progress: a note while handling; request-extension /
 * decide-extension: 延期申请 and its approval; reply: 答复; review: 审核 (pass, or back to handling);
 * visit: 回访 (不满意 sends it back: 重办); close: 办结 without a follow-up (no way to reach the
 * resident); supervise: 督办; reopen: on dispute after closing; wait / resume: the clock stops
 * while waiting for the resident; forward: 转办 to the city platform (市民心声/12345), whose updates
 * then move the case; merge: the same matter as another case (closed, pointing to it).
 */
export const CASE_ACTIONS = [
  'accept',
  'not-accept',
  'answer',
  'dispatch',
  'sign',
  'return',
  'progress',
  'request-extension',
  'decide-extension',
  'reply',
  'review',
  'visit',
  'close',
  'supervise',
  'reopen',
  'wait',
  'resume',
  'forward',
  'merge',
] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

export const CASE_SATISFACTIONS = ['satisfied', 'basically-satisfied', 'dissatisfied'] as const;
export type CaseSatisfaction = (typeof CASE_SATISFACTIONS)[number];

/** Mobile numbers and landlines (with or without the dash after the area code). */
export const CASE_PHONE_PATTERN = '^1\\d{10}$|^0\\d{2,3}-?\\d{7,8}$';
/** A category's path in the catalogue: "sanitation/garbage". */
export const CASE_CATEGORY_PATTERN = '^[a-z0-9-]+(/[a-z0-9-]+)*$';
/** 12 digits: the Beijing date (yymmdd) and six random digits. */
export const CASE_TRACKING_PATTERN = '^\\d{12}$';
export const CASE_TEXT_MAX = 4000;

const Text = (maxLength: number) => Type.String({ minLength: 1, maxLength });

/** A photo's id is its SHA-256; a case or a step takes a few. */
export const CASE_PHOTOS_MAX = 6;
export const CASE_PHOTO_MAX_BYTES = 8 * 1024 * 1024;
/**
 * The longest base64 text a kiosk's photo may travel in over the bridge: twice the limit, so a
 * photo over the limit still reaches the host, which refuses it with MEDIA_TOO_LARGE by name
 * rather than as a malformed call.
 */
export const KIOSK_CASE_PHOTO_BASE64_MAX = 4 * Math.ceil((2 * CASE_PHOTO_MAX_BYTES) / 3);
const CasePhotoIds = Type.Array(Type.String({ pattern: '^[0-9a-f]{64}$' }), { maxItems: CASE_PHOTOS_MAX });

export const CaseLocation = Type.Object(
  {
    /** Building, unit and room as the resident says them, or a street address. */
    text: Type.Optional(Text(120)),
    /** An entry of the grid's address list (its buildings and units). */
    addressId: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9._-]{1,64}$' })),
    lat: Type.Optional(Type.Number({ minimum: -90, maximum: 90 })),
    long: Type.Optional(Type.Number({ minimum: -180, maximum: 180 })),
  },
  { additionalProperties: false },
);
export type CaseLocation = Type.Static<typeof CaseLocation>;

export const CaseContact = Type.Object(
  {
    name: Type.Optional(Text(40)),
    phone: Type.Optional(Type.String({ pattern: CASE_PHONE_PATTERN })),
  },
  { additionalProperties: false },
);
export type CaseContact = Type.Static<typeof CaseContact>;

/** A phone intake (呼叫中心): the call as the hotline recorded it. */
export const CaseCall = Type.Object(
  {
    callerNumber: Type.String({ pattern: CASE_PHONE_PATTERN }),
    calledAt: Type.String({ format: 'date-time' }),
    durationSeconds: Type.Integer({ minimum: 0, maximum: 86_400 }),
    recordingRef: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9._:/-]{1,120}$' })),
  },
  { additionalProperties: false },
);
export type CaseCall = Type.Static<typeof CaseCall>;

/** A new case as any channel sends it. */
export const CaseInput = Type.Object(
  {
    /** The sender's id for this submission (a UUID): sending it again returns the same case. */
    clientId: Type.Optional(Type.String({ format: 'uuid' })),
    nature: Type.Enum(CASE_NATURES),
    category: Type.String({ pattern: CASE_CATEGORY_PATTERN, maxLength: 120 }),
    urgency: Type.Optional(Type.Enum(CASE_URGENCIES)),
    description: Text(CASE_TEXT_MAX),
    location: Type.Optional(CaseLocation),
    /** Left out when the resident stays anonymous. */
    contact: Type.Optional(CaseContact),
    call: Type.Optional(CaseCall),
    /** Answered on the spot: the case is closed at once with this answer. */
    answer: Type.Optional(Text(CASE_TEXT_MAX)),
    /** Photos uploaded first (POST /api/v1/admin/case-photos), by their ids. */
    photos: Type.Optional(CasePhotoIds),
  },
  { additionalProperties: false },
);
export type CaseInput = Type.Static<typeof CaseInput>;

/** A staff action on a case; which fields it needs depends on the action. */
export const CaseActionInput = Type.Object(
  {
    action: Type.Enum(CASE_ACTIONS),
    /** The version of the case the actor saw: a case changed meanwhile is refused (CASE_CHANGED). */
    version: Type.Integer({ minimum: 1 }),
    /** Why (not-accept, return, review sending back, supervise, reopen, request-extension, wait) or a note. */
    note: Type.Optional(Text(CASE_TEXT_MAX)),
    /** dispatch: the node that handles it, and optionally the one person there (a grid worker). */
    assigneeOrgId: Type.Optional(Type.Integer({ minimum: 1 })),
    assigneeUser: Type.Optional(Type.String({ minLength: 1, maxLength: 32 })),
    /** answer, reply: what the resident is told. */
    reply: Type.Optional(Text(CASE_TEXT_MAX)),
    /** request-extension: working days asked for. */
    days: Type.Optional(Type.Integer({ minimum: 1, maximum: 60 })),
    /** decide-extension, review: yes or no. */
    approve: Type.Optional(Type.Boolean()),
    /** visit: what the resident said. */
    satisfaction: Type.Optional(Type.Enum(CASE_SATISFACTIONS)),
    /** merge: the case this one is the same matter as. */
    mergeInto: Type.Optional(Type.Integer({ minimum: 1 })),
    /** progress, reply: photos of the work, uploaded first. */
    photos: Type.Optional(CasePhotoIds),
  },
  { additionalProperties: false },
);
export type CaseActionInput = Type.Static<typeof CaseActionInput>;

export const CaseLights = Type.Object({
  /** The limit that applies in the case's state, and how it stands: ok / yellow / red. */
  limit: Type.Union([Type.Literal('dispatch'), Type.Literal('sign'), Type.Literal('reply'), Type.Literal('close')]),
  due: Type.String(),
  light: Type.Union([Type.Literal('ok'), Type.Literal('yellow'), Type.Literal('red')]),
});
export type CaseLights = Type.Static<typeof CaseLights>;

export const CaseStep = Type.Object({
  at: Type.String({ format: 'date-time' }),
  actor: Type.String(),
  action: Type.Union([Type.Enum(CASE_ACTIONS), Type.Literal('register')]),
  from: Type.Optional(Type.Enum(CASE_STATES)),
  to: Type.Enum(CASE_STATES),
  note: Type.Optional(Type.String()),
});
export type CaseStep = Type.Static<typeof CaseStep>;

/** A case as staff see it: the resident masked (张*三, 138****5678); the full contact is a separate, audited read. */
export const CaseView = Type.Object({
  id: Type.Integer(),
  tracking: Type.String({ pattern: CASE_TRACKING_PATTERN }),
  version: Type.Integer({ minimum: 1 }),
  channel: Type.Enum(CASE_CHANNELS),
  nature: Type.Enum(CASE_NATURES),
  category: Type.String(),
  urgency: Type.Enum(CASE_URGENCIES),
  description: Type.String(),
  location: Type.Optional(CaseLocation),
  state: Type.Enum(CASE_STATES),
  /** The grid where it happened (事发地), when its address or position lies in one. */
  grid: Type.Optional(Type.Object({ orgId: Type.Integer(), name: Type.String() })),
  /** The node where it was taken (受理点). */
  orgId: Type.Integer(),
  orgName: Type.String(),
  assignee: Type.Optional(
    Type.Object({ orgId: Type.Integer(), orgName: Type.String(), user: Type.Optional(Type.String()) }),
  ),
  receivedAt: Type.String({ format: 'date-time' }),
  deadlines: Type.Object({
    dispatchBy: Type.String(),
    signBy: Type.String(),
    replyBy: Type.String(),
    closeBy: Type.String(),
    extensionLatest: Type.String(),
  }),
  lights: Type.Optional(CaseLights),
  anonymous: Type.Boolean(),
  contactMasked: Type.Optional(
    Type.Object({ name: Type.Optional(Type.String()), phone: Type.Optional(Type.String()) }),
  ),
  /** Set once the contact data was deleted (the retention after 办结 ran out). */
  contactPurgedAt: Type.Optional(Type.String({ format: 'date-time' })),
  call: Type.Optional(
    Type.Object({
      calledAt: Type.String(),
      durationSeconds: Type.Integer(),
      recordingRef: Type.Optional(Type.String()),
    }),
  ),
  reply: Type.Optional(Type.String()),
  repliedAt: Type.Optional(Type.String()),
  satisfaction: Type.Optional(Type.Enum(CASE_SATISFACTIONS)),
  closedAt: Type.Optional(Type.String()),
  answeredOnSpot: Type.Boolean(),
  extension: Type.Optional(
    Type.Object({
      state: Type.Union([Type.Literal('requested'), Type.Literal('approved'), Type.Literal('denied')]),
      days: Type.Integer(),
    }),
  ),
  /** Forwarded to the city platform: how the sending stands and the platform's own id. */
  forwarded: Type.Optional(
    Type.Object({
      platform: Type.String(),
      state: Type.Union([Type.Literal('pending'), Type.Literal('sent'), Type.Literal('failed')]),
      externalId: Type.Optional(Type.String()),
      lastError: Type.Optional(Type.String()),
    }),
  ),
  /** Waiting for the resident since then: the clock is stopped. */
  waitingSince: Type.Optional(Type.String()),
  supervisions: Type.Integer({ minimum: 0 }),
  reopens: Type.Integer({ minimum: 0 }),
  steps: Type.Optional(Type.Array(CaseStep)),
  /** Photos of the case and its work, by id (GET /api/v1/admin/case-photos/<id>). */
  photos: Type.Optional(Type.Array(Type.String())),
  /** Merged: the case it was the same matter as. */
  mergedInto: Type.Optional(Type.Object({ id: Type.Integer(), tracking: Type.String() })),
  /** Open cases of the last 30 days at the same node and in the same category that read alike (one case read alone). */
  similar: Type.Optional(
    Type.Array(
      Type.Object({
        id: Type.Integer(),
        tracking: Type.String(),
        description: Type.String(),
        state: Type.Enum(CASE_STATES),
        similarity: Type.Number(),
      }),
    ),
  ),
  /** What the reader may do to it now (one case read alone). */
  actions: Type.Optional(Type.Array(Type.Enum(CASE_ACTIONS))),
});
export type CaseView = Type.Static<typeof CaseView>;

export const CaseList = Type.Object({ cases: Type.Array(CaseView), total: Type.Integer({ minimum: 0 }) });
export type CaseList = Type.Static<typeof CaseList>;

/** The full contact data of a case: each read is on the audit trail. */
export const CaseContactView = Type.Object({
  name: Type.Optional(Type.String()),
  phone: Type.Optional(Type.String()),
  callerNumber: Type.Optional(Type.String()),
});
export type CaseContactView = Type.Static<typeof CaseContactView>;

/** What a resident learns from the tracking number (and the last four digits of their phone, or the ticket's code). */
export const CASE_PUBLIC_STATES = ['received', 'not-accepted', 'in-progress', 'replied', 'closed'] as const;
export type CasePublicState = (typeof CASE_PUBLIC_STATES)[number];

export const CasePublicStatus = Type.Object({
  tracking: Type.String({ pattern: CASE_TRACKING_PATTERN }),
  nature: Type.Enum(CASE_NATURES),
  category: Type.String(),
  state: Type.Enum(CASE_PUBLIC_STATES),
  receivedAt: Type.String({ format: 'date-time' }),
  /** The Beijing date a reply is due by. */
  replyBy: Type.String(),
  reply: Type.Optional(Type.String()),
  repliedAt: Type.Optional(Type.String()),
  closedAt: Type.Optional(Type.String()),
});
export type CasePublicStatus = Type.Static<typeof CasePublicStatus>;

export const CaseStatusQuery = Type.Object(
  {
    tracking: Type.String({ pattern: CASE_TRACKING_PATTERN }),
    phoneLast4: Type.Optional(Type.String({ pattern: '^\\d{4}$' })),
    /** The code printed in the ticket's QR code, for cases without a phone. */
    code: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9_-]{10}$' })),
  },
  { additionalProperties: false },
);
export type CaseStatusQuery = Type.Static<typeof CaseStatusQuery>;

/** What the sender of a new case gets back: enough to print the ticket. */
export const CaseReceipt = Type.Object({
  tracking: Type.String({ pattern: CASE_TRACKING_PATTERN }),
  /** The code the ticket's QR code carries (opens the status page without the phone digits). */
  code: Type.String(),
  state: Type.Enum(CASE_STATES),
  receivedAt: Type.String({ format: 'date-time' }),
  replyBy: Type.String(),
  /** True when this clientId had already been received: nothing new was recorded. */
  duplicate: Type.Boolean(),
});
export type CaseReceipt = Type.Static<typeof CaseReceipt>;

// ---- the category catalogue ------------------------------------------------------------------

export const CaseCategory = Type.Object(
  {
    path: Type.String({ pattern: CASE_CATEGORY_PATTERN, maxLength: 120 }),
    names: Type.Object({ 'zh-Hans': Text(30), 'zh-Hant': Text(30), en: Text(60) }, { additionalProperties: false }),
  },
  { additionalProperties: false },
);
export type CaseCategory = Type.Static<typeof CaseCategory>;

export const CaseCategories = Type.Object(
  { categories: Type.Array(CaseCategory, { minItems: 1, maxItems: 1000 }) },
  { additionalProperties: false },
);
export type CaseCategories = Type.Static<typeof CaseCategories>;

/** A case staff write up: a walk-in or a call (呼叫中心) in the admin UI, a grid event on the staff mobile app; at their node or one below it. */
export const StaffCaseInput = Type.Object(
  {
    ...CaseInput.properties,
    /** mobile: a grid worker's report from the staff mobile app. */
    channel: Type.Union([Type.Literal('walk-in'), Type.Literal('phone'), Type.Literal('mobile')]),
    /** Where it is taken: the writer's own node when absent. */
    orgId: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  { additionalProperties: false },
);
export type StaffCaseInput = Type.Static<typeof StaffCaseInput>;

/** What screens need to offer a case's kinds: the categories and the natures. */
export const CaseCatalogue = Type.Object({
  categories: Type.Array(CaseCategory),
  natures: Type.Array(Type.Enum(CASE_NATURES)),
  /** The years whose holidays the working-day calendar knows. */
  calendarYears: Type.Array(Type.Integer()),
});
export type CaseCatalogue = Type.Static<typeof CaseCatalogue>;

// ---- the kiosk's capture -----------------------------------------------------------------------

/**
 * What a resident gives at the kiosk (我要咨询/投诉/建议/求助/举报). The host adds the clientId;
 * `nameFromIdCard`: the name of the ID card read in this visit, which the screen only ever saw
 * masked (the resident agreed on the screen).
 */
export const KioskCaseInput = Type.Object(
  {
    nature: Type.Enum(CASE_NATURES),
    category: Type.String({ pattern: CASE_CATEGORY_PATTERN, maxLength: 120 }),
    description: Text(CASE_TEXT_MAX),
    location: Type.Optional(CaseLocation),
    contact: Type.Optional(CaseContact),
    nameFromIdCard: Type.Optional(Type.Boolean()),
    /**
     * A photo taken with the kiosk's camera, as a JPEG in base64. It is stored with the case in
     * the kiosk's outbox (at most CASE_PHOTO_MAX_BYTES: the server's own limit, so a photo queued
     * is one the server takes; MEDIA_TOO_LARGE otherwise, nothing queued), uploaded before the case
     * and deleted from the kiosk once the server answered.
     */
    photo: Type.Optional(
      Type.Object(
        { jpegBase64: Type.String({ minLength: 4, maxLength: KIOSK_CASE_PHOTO_BASE64_MAX }) },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export type KioskCaseInput = Type.Static<typeof KioskCaseInput>;

/**
 * A submission in the kiosk's outbox as the screen sees it: queued (waiting for the server), sent
 * (accepted, or a repeat the server already had: the same case either way) or rejected with the
 * server's code and reason.
 */
export const CASE_SUBMISSION_STATES = ['queued', 'sent', 'rejected'] as const;
export type CaseSubmissionState = (typeof CASE_SUBMISSION_STATES)[number];

export const CaseSubmission = Type.Object({
  clientId: Type.String({ format: 'uuid' }),
  state: Type.Enum(CASE_SUBMISSION_STATES),
  nature: Type.Enum(CASE_NATURES),
  queuedAt: Type.String({ format: 'date-time' }),
  /** Once sent. */
  tracking: Type.Optional(Type.String({ pattern: CASE_TRACKING_PATTERN })),
  replyBy: Type.Optional(Type.String()),
  /** Sent, and the server already had it (sent before a restart or a lost reply). */
  duplicate: Type.Optional(Type.Boolean()),
  /** Once rejected: the server's error code and words. */
  error: Type.Optional(Type.Object({ code: Type.String(), message: Type.String() })),
});
export type CaseSubmission = Type.Static<typeof CaseSubmission>;

export const CaseSubmissions = Type.Object({
  /** This visit's submissions, newest first. */
  items: Type.Array(CaseSubmission),
  /** Submissions of earlier visits still waiting for the server (counted, never shown). */
  waitingFromEarlier: Type.Integer({ minimum: 0 }),
});
export type CaseSubmissions = Type.Static<typeof CaseSubmissions>;

/**
 * A reminder to a member of staff about a case's limit: soon (the yellow light: within the rule's
 * warning days, or the last quarter of the dispatch window) to those who must act, and past (red)
 * to them and to the nearest supervisors.
 */
export const CaseReminder = Type.Object({
  id: Type.Integer(),
  caseId: Type.Integer(),
  tracking: Type.String(),
  nature: Type.Enum(CASE_NATURES),
  category: Type.String(),
  state: Type.Enum(CASE_STATES),
  limit: Type.Union([Type.Literal('dispatch'), Type.Literal('sign'), Type.Literal('reply'), Type.Literal('close')]),
  /** The limit: a Beijing date, or an instant for dispatch. */
  due: Type.String(),
  light: Type.Union([Type.Literal('yellow'), Type.Literal('red')]),
  /** Why this user: they must act, or they supervise. */
  role: Type.Union([Type.Literal('act'), Type.Literal('supervise')]),
  at: Type.String({ format: 'date-time' }),
  read: Type.Boolean(),
});
export type CaseReminder = Type.Static<typeof CaseReminder>;

export const CaseReminderList = Type.Object({
  reminders: Type.Array(CaseReminder),
  unread: Type.Integer({ minimum: 0 }),
});
export type CaseReminderList = Type.Static<typeof CaseReminderList>;

/** Marks the user's own reminders read: these, or all of them. */
export const CaseRemindersRead = Type.Union([
  Type.Object(
    { ids: Type.Array(Type.Integer({ minimum: 1 }), { minItems: 1, maxItems: 200 }) },
    { additionalProperties: false },
  ),
  Type.Object({ all: Type.Literal(true) }, { additionalProperties: false }),
]);
export type CaseRemindersRead = Type.Static<typeof CaseRemindersRead>;
