/**
 * The clerk desk (兼职查询员 on a community PC): the kiosk app in its desk profile, used by a clerk
 * signed in with their admin-server account. What it sends and gets: the sign-in, the 咨询台账
 * (ledger of consultations: each topic, its category, answered on the spot or forwarded, the
 * resident masked when named at all), today's counts, and the forms printed at the desk.
 */
import Type from 'typebox';
import { GUIDE_CATEGORIES } from './guide';
import { Role } from './org';

/** The header a desk's calls carry beside the device's own credentials: the clerk's session. */
export const DESK_SESSION_HEADER = 'x-linli-desk-session';

export const DeskSignIn = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 64 }),
    password: Type.String({ minLength: 1, maxLength: 200 }),
    totp: Type.Optional(Type.String({ pattern: '^\\d{6}$' })),
  },
  { additionalProperties: false },
);
export type DeskSignIn = Type.Static<typeof DeskSignIn>;

/** Who is serving at the desk, and where; the session token stays in the desk's host. */
export const DeskClerk = Type.Object({
  username: Type.String(),
  displayName: Type.String(),
  role: Role,
  /** The node the desk serves (the service hall's community). */
  orgName: Type.String(),
  expiresAt: Type.String({ format: 'date-time' }),
});
export type DeskClerk = Type.Static<typeof DeskClerk>;

export const DeskSignedIn = Type.Object({ clerk: DeskClerk, token: Type.String({ minLength: 20 }) });
export type DeskSignedIn = Type.Static<typeof DeskSignedIn>;

export const CONSULTATION_CATEGORIES = [...GUIDE_CATEGORIES, 'bills', 'complaint', 'other'] as const;
export type ConsultationCategory = (typeof CONSULTATION_CATEGORIES)[number];
export const CONSULTATION_OUTCOMES = ['answered', 'forwarded'] as const;
export type ConsultationOutcome = (typeof CONSULTATION_OUTCOMES)[number];

/** One consultation as the clerk writes it; the resident's name and phone are optional. */
export const ConsultationInput = Type.Object(
  {
    topic: Type.String({ minLength: 1, maxLength: 200 }),
    category: Type.Enum(CONSULTATION_CATEGORIES),
    outcome: Type.Enum(CONSULTATION_OUTCOMES),
    /** Where it was forwarded (a department, 12345): required when forwarded. */
    forwardedTo: Type.Optional(Type.String({ minLength: 1, maxLength: 60 })),
    /** What the resident was told, when answered on the spot. */
    answer: Type.Optional(Type.String({ minLength: 1, maxLength: 4000 })),
    residentName: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
    residentPhone: Type.Optional(Type.String({ pattern: '^1\\d{10}$|^0\\d{2,3}-?\\d{7,8}$' })),
  },
  { additionalProperties: false },
);
export type ConsultationInput = Type.Static<typeof ConsultationInput>;

/** A ledger entry as stored and shown: the resident masked (张*三, 138****5678), never in full. */
export const Consultation = Type.Object({
  id: Type.Integer(),
  at: Type.String({ format: 'date-time' }),
  clerk: Type.String(),
  topic: Type.String(),
  category: Type.Enum(CONSULTATION_CATEGORIES),
  outcome: Type.Enum(CONSULTATION_OUTCOMES),
  forwardedTo: Type.Optional(Type.String()),
  residentMasked: Type.Optional(Type.String()),
  phoneMasked: Type.Optional(Type.String()),
});
export type Consultation = Type.Static<typeof Consultation>;

export const DeskCounts = Type.Object({
  consultations: Type.Integer({ minimum: 0 }),
  answered: Type.Integer({ minimum: 0 }),
  forwarded: Type.Integer({ minimum: 0 }),
  prints: Type.Integer({ minimum: 0 }),
});
export type DeskCounts = Type.Static<typeof DeskCounts>;

/** Today (Beijing date) at this desk's node: the clerk's own counts, the node's, and the clerk's latest entries. */
export const DeskToday = Type.Object({
  date: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }),
  mine: DeskCounts,
  here: DeskCounts,
  recent: Type.Array(Consultation, { maxItems: 20 }),
});
export type DeskToday = Type.Static<typeof DeskToday>;

/** A form printed at the desk for a resident: counted per clerk and node (its contents are not sent). */
export const DeskPrint = Type.Object(
  { formId: Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,63}$' }) },
  { additionalProperties: false },
);
export type DeskPrint = Type.Static<typeof DeskPrint>;

/** kiosk: a public touchscreen; desk: a clerk's community PC (sign-in first, no attract screen). */
export const APP_PROFILES = ['kiosk', 'desk'] as const;
export type AppProfile = (typeof APP_PROFILES)[number];

/** The desk as the screen knows it: who serves (if anyone), whether their PIN is chosen, whether it is locked. */
export const DeskStatus = Type.Object({
  profile: Type.Enum(APP_PROFILES),
  clerk: Type.Optional(DeskClerk),
  pinSet: Type.Boolean(),
  locked: Type.Boolean(),
});
export type DeskStatus = Type.Static<typeof DeskStatus>;

/** The PIN a clerk chooses after signing in, to come back after a pause: 4 to 6 digits. */
export const DeskPin = Type.String({ pattern: '^\\d{4,6}$' });
