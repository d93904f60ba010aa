/**
 * 预约: a resident books a time slot for one of a hall's businesses on the public booking page,
 * gets a confirmation code, and checks in at a kiosk of the hall — by the code or by reading the
 * ID card — for a ticket served before the tickets taken without one. What is kept is only what
 * finding the booking again needs: the last four digits of the phone and a keyed hash of the ID
 * number (never the number itself).
 */
import Type from 'typebox';
import { QUEUE_BUSINESS_ID_PATTERN, QUEUE_CLOCK_PATTERN } from './queue';

/** 8 digits: what the resident types at the kiosk. */
export const APPOINTMENT_CODE_PATTERN = '^\\d{8}$';
/** A mainland mobile number (the booking page asks for one to find the booking again). */
export const APPOINTMENT_PHONE_PATTERN = '^1\\d{10}$';
/** The 18-character resident ID number (last character a digit or X). */
export const APPOINTMENT_ID_NUMBER_PATTERN = '^\\d{17}[\\dX]$';
/** Check-in opens this many minutes before the slot begins… */
export const APPOINTMENT_EARLY_MINUTES = 30;
/** …and closes this many minutes after it began: later, the resident takes an ordinary ticket. */
export const APPOINTMENT_LATE_MINUTES = 15;

export const APPOINTMENT_STATES = ['booked', 'checked-in', 'cancelled'] as const;
export type AppointmentState = (typeof APPOINTMENT_STATES)[number];

/** A slot of a day as the booking page offers it. */
export const AppointmentSlot = Type.Object({
  from: Type.String({ pattern: QUEUE_CLOCK_PATTERN }),
  to: Type.String({ pattern: QUEUE_CLOCK_PATTERN }),
  left: Type.Integer({ minimum: 0 }),
});
export type AppointmentSlot = Type.Static<typeof AppointmentSlot>;

/** What a hall offers to book: per business, the days ahead with their slots. */
export const AppointmentOffer = Type.Object({
  hallId: Type.Integer(),
  hallName: Type.String(),
  businesses: Type.Array(
    Type.Object({
      id: Type.String(),
      name: Type.String(),
      days: Type.Array(Type.Object({ date: Type.String({ format: 'date' }), slots: Type.Array(AppointmentSlot) })),
    }),
  ),
});
export type AppointmentOffer = Type.Static<typeof AppointmentOffer>;

export const AppointmentRequest = Type.Object(
  {
    business: Type.String({ pattern: QUEUE_BUSINESS_ID_PATTERN }),
    date: Type.String({ format: 'date' }),
    from: Type.String({ pattern: QUEUE_CLOCK_PATTERN }),
    phone: Type.String({ pattern: APPOINTMENT_PHONE_PATTERN }),
    /** Given, the resident may check in by reading the ID card. */
    idNumber: Type.Optional(Type.String({ pattern: APPOINTMENT_ID_NUMBER_PATTERN })),
  },
  { additionalProperties: false },
);
export type AppointmentRequest = Type.Static<typeof AppointmentRequest>;

/** A booking as the resident sees it (nothing personal but the phone's last four digits). */
export const AppointmentView = Type.Object({
  code: Type.String({ pattern: APPOINTMENT_CODE_PATTERN }),
  hallName: Type.String(),
  businessName: Type.String(),
  date: Type.String({ format: 'date' }),
  from: Type.String({ pattern: QUEUE_CLOCK_PATTERN }),
  to: Type.String({ pattern: QUEUE_CLOCK_PATTERN }),
  phoneLast4: Type.String({ pattern: '^\\d{4}$' }),
  state: Type.Enum(APPOINTMENT_STATES),
  /** Check-in by card was asked for. */
  byCard: Type.Boolean(),
});
export type AppointmentView = Type.Static<typeof AppointmentView>;

/** A kiosk checking a resident in: by the code typed, or by the ID number the card reader read. */
export const KioskCheckInRequest = Type.Object(
  {
    clientId: Type.String({ format: 'uuid' }),
    code: Type.Optional(Type.String({ pattern: APPOINTMENT_CODE_PATTERN })),
    idNumber: Type.Optional(Type.String({ pattern: APPOINTMENT_ID_NUMBER_PATTERN })),
  },
  { additionalProperties: false },
);
export type KioskCheckInRequest = Type.Static<typeof KioskCheckInRequest>;
