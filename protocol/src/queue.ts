/**
 * The service hall's queue (排队叫号): a hall (服务大厅) at an org node, its businesses (业务类型, each
 * with its number prefix) and windows (窗口, each serving some businesses in order), the tickets
 * residents take at kiosks, and the counter's calls. Numbers run per business and service day and
 * start again at the hall's reset time; times of day are Beijing time.
 */
import Type from 'typebox';
import { TimeWindow } from './signage';

/** 08:30 — a time of day in Beijing time. */
export const QUEUE_CLOCK_PATTERN = '^([01]\\d|2[0-3]):[0-5]\\d$';
/** A business's id inside its hall: "social-security". */
export const QUEUE_BUSINESS_ID_PATTERN = '^[a-z0-9-]{1,32}$';
/** One capital letter before the number: A012. */
export const QUEUE_PREFIX_PATTERN = '^[A-Z]$';
/** A ticket's number as printed and called: the prefix and three digits (A001 … A999). */
export const QUEUE_LABEL_PATTERN = '^[A-Z]\\d{3}$';
/** A ticket is called at most this many times (the first call and two recalls), then it may be 过号. */
export const QUEUE_CALLS_MAX = 3;
/** The follow link's token (the QR code on the ticket): random, 22 URL-safe characters. */
export const QUEUE_FOLLOW_TOKEN_PATTERN = '^[A-Za-z0-9_-]{22}$';

const Name = (maxLength: number) => Type.String({ minLength: 1, maxLength });

export const QueueBusiness = Type.Object(
  {
    id: Type.String({ pattern: QUEUE_BUSINESS_ID_PATTERN }),
    name: Name(40),
    prefix: Type.String({ pattern: QUEUE_PREFIX_PATTERN }),
    /** Tickets a day at most (and at most 999: the number has three digits). */
    maxPerDay: Type.Integer({ minimum: 1, maximum: 999 }),
    /** Closed businesses are shown greyed at the kiosk and take no tickets. */
    open: Type.Boolean(),
    /** The wait is estimated from today's served tickets; before there are any, from this. */
    serviceMinutes: Type.Integer({ minimum: 1, maximum: 240 }),
  },
  { additionalProperties: false },
);
export type QueueBusiness = Type.Static<typeof QueueBusiness>;

export const QueueWindow = Type.Object(
  {
    /** 3 → 3号窗口. */
    number: Type.Integer({ minimum: 1, maximum: 999 }),
    name: Type.Optional(Name(40)),
    /** The businesses it serves; "call next" takes the earliest ticket among them (priority first). */
    businesses: Type.Array(Type.String({ pattern: QUEUE_BUSINESS_ID_PATTERN }), { minItems: 1, maxItems: 20 }),
  },
  { additionalProperties: false },
);
export type QueueWindow = Type.Static<typeof QueueWindow>;

/** When tickets are given: ISO weekdays (1 = Monday) and windows of the day, Beijing time. */
export const QueueOpeningHours = Type.Object(
  {
    weekdays: Type.Array(Type.Integer({ minimum: 1, maximum: 7 }), { minItems: 1, maxItems: 7, uniqueItems: true }),
    windows: Type.Array(TimeWindow, { minItems: 1, maxItems: 4 }),
  },
  { additionalProperties: false },
);
export type QueueOpeningHours = Type.Static<typeof QueueOpeningHours>;

/** A hall's booking rules; a hall without them takes no bookings. */
export const QueueAppointmentRules = Type.Object(
  {
    slotMinutes: Type.Union([Type.Literal(15), Type.Literal(20), Type.Literal(30), Type.Literal(60)]),
    /** How many days after today a slot can be booked (today's slots not yet begun can be too). */
    daysAhead: Type.Integer({ minimum: 1, maximum: 30 }),
    /** Bookings per slot for each business that takes them (a business not named takes none). */
    perSlot: Type.Record(
      Type.String({ pattern: QUEUE_BUSINESS_ID_PATTERN }),
      Type.Integer({ minimum: 1, maximum: 50 }),
    ),
  },
  { additionalProperties: false },
);
export type QueueAppointmentRules = Type.Static<typeof QueueAppointmentRules>;

/** A hall's rules and layout, saved whole (PUT with If-Match). */
export const QueueHallInput = Type.Object(
  {
    /** The org node the hall belongs to: kiosks in its subtree give its tickets (the nearest hall up the tree). */
    orgId: Type.Integer({ minimum: 1 }),
    name: Name(60),
    /** When numbers start again from 001 (and tickets not called by then lapse). */
    resetTime: Type.String({ pattern: QUEUE_CLOCK_PATTERN }),
    /** Residents this old or older (by the ID card read at the kiosk) are served first; null: no such rule. */
    elderAge: Type.Union([Type.Integer({ minimum: 50, maximum: 100 }), Type.Null()]),
    hours: Type.Array(QueueOpeningHours, { minItems: 1, maxItems: 7 }),
    /** Closed on public holidays and open on 调休 workdays, by the working-day calendar cases use. */
    followsWorkCalendar: Type.Boolean(),
    /** 预约: slots residents may book ahead; absent, the hall takes no bookings. */
    appointments: Type.Optional(QueueAppointmentRules),
    businesses: Type.Array(QueueBusiness, { minItems: 1, maxItems: 26 }),
    windows: Type.Array(QueueWindow, { minItems: 1, maxItems: 99 }),
  },
  { additionalProperties: false },
);
export type QueueHallInput = Type.Static<typeof QueueHallInput>;

export const QueueHall = Type.Object({
  id: Type.Integer(),
  version: Type.Integer({ minimum: 1 }),
  ...QueueHallInput.properties,
});
export type QueueHall = Type.Static<typeof QueueHall>;

/**
 * waiting 等候 · called 已叫号 (at a window, being served) · done 已办结 · no-show 过号 ·
 * lapsed 已过期 (not called before the daily reset).
 */
export const QUEUE_TICKET_STATES = ['waiting', 'called', 'done', 'no-show', 'lapsed'] as const;
export type QueueTicketState = (typeof QUEUE_TICKET_STATES)[number];

/** none; elder: the hall's age rule by the ID card; appointment: checked in for a booked slot. */
export const QUEUE_PRIORITIES = ['none', 'elder', 'appointment'] as const;
export type QueuePriority = (typeof QUEUE_PRIORITIES)[number];

/**
 * What a counter does. call-next: the window's next ticket (a window may serve one ticket at a
 * time: the current one is finished, transferred or 过号 first); recall: call the current ticket
 * again (QUEUE_CALLS_MAX calls in all); no-show: 过号; finish: 办结; transfer: back into the queue of
 * another business or window with a note, served there before the tickets taken after it;
 * pause / resume: the window stops and starts taking calls (暂停服务).
 */
export const QUEUE_ACTIONS = ['call-next', 'recall', 'no-show', 'finish', 'transfer', 'pause', 'resume'] as const;
export type QueueAction = (typeof QUEUE_ACTIONS)[number];

export const QueueActionInput = Type.Object(
  {
    action: Type.Enum(QUEUE_ACTIONS),
    /** transfer: to another business of the hall, or to one window (or both: that business at that window). */
    toBusiness: Type.Optional(Type.String({ pattern: QUEUE_BUSINESS_ID_PATTERN })),
    toWindow: Type.Optional(Type.Integer({ minimum: 1, maximum: 999 })),
    note: Type.Optional(Name(200)),
  },
  { additionalProperties: false },
);
export type QueueActionInput = Type.Static<typeof QueueActionInput>;

/** A ticket as the counter and the admin UI see it: nothing personal is kept with a ticket. */
export const QueueTicket = Type.Object({
  id: Type.Integer(),
  label: Type.String({ pattern: QUEUE_LABEL_PATTERN }),
  business: Type.String(),
  priority: Type.Enum(QUEUE_PRIORITIES),
  state: Type.Enum(QUEUE_TICKET_STATES),
  takenAt: Type.String({ format: 'date-time' }),
  calledAt: Type.Optional(Type.String({ format: 'date-time' })),
  calls: Type.Integer({ minimum: 0 }),
  window: Type.Optional(Type.Integer()),
  finishedAt: Type.Optional(Type.String({ format: 'date-time' })),
  /** Set while a transferred ticket waits: where it came from and why. */
  transfer: Type.Optional(
    Type.Object({
      fromWindow: Type.Integer(),
      toWindow: Type.Optional(Type.Integer()),
      note: Type.Optional(Type.String()),
    }),
  ),
});
export type QueueTicket = Type.Static<typeof QueueTicket>;

/** A call as displays show and announce it: 请 A012 号到 3 号窗口办理. */
export const QueueCall = Type.Object({
  /** Increases with every call in the hall (a recall too), so a display announces each once. */
  seq: Type.Integer({ minimum: 1 }),
  label: Type.String({ pattern: QUEUE_LABEL_PATTERN }),
  window: Type.Integer(),
  at: Type.String({ format: 'date-time' }),
});
export type QueueCall = Type.Static<typeof QueueCall>;

/** The hall now: what counters, the live view and calling displays draw. */
export const QueueHallState = Type.Object({
  hallId: Type.Integer(),
  name: Type.String(),
  /** The service day (Beijing date) the numbers belong to. */
  day: Type.String({ format: 'date' }),
  windows: Type.Array(
    Type.Object({
      number: Type.Integer(),
      name: Type.Optional(Type.String()),
      paused: Type.Boolean(),
      current: Type.Optional(QueueTicket),
      /**
       * The ticket last finished here, while the resident may still rate it (好差评, within
       * QUEUE_RATING_MINUTES) and has not: what the window's rating pad asks about.
       */
      toRate: Type.Optional(
        Type.Object({
          ticketId: Type.Integer(),
          label: Type.String({ pattern: QUEUE_LABEL_PATTERN }),
          business: Type.String(),
          finishedAt: Type.String({ format: 'date-time' }),
        }),
      ),
    }),
  ),
  businesses: Type.Array(
    Type.Object({
      id: Type.String(),
      name: Type.String(),
      prefix: Type.String(),
      open: Type.Boolean(),
      waiting: Type.Integer({ minimum: 0 }),
      estimatedMinutes: Type.Integer({ minimum: 0 }),
    }),
  ),
  /** The tickets waiting, in the order the windows would call them. */
  waiting: Type.Array(QueueTicket),
  /** The latest calls, newest first (at most 10). */
  calls: Type.Array(QueueCall),
});
export type QueueHallState = Type.Static<typeof QueueHallState>;

/** Why a kiosk cannot give a ticket for a business now. */
export const QUEUE_REFUSALS = ['closed', 'outside-hours', 'holiday', 'full'] as const;
export type QueueRefusal = (typeof QUEUE_REFUSALS)[number];

/** What a kiosk offers for 取号 (GET /api/v1/queue/offer): its hall's businesses and their waits. */
export const KioskQueueOffer = Type.Object({
  hallId: Type.Integer(),
  hallName: Type.String(),
  /** Null when the hall has no age rule: the kiosk then does not offer to read the ID card. */
  elderAge: Type.Union([Type.Integer(), Type.Null()]),
  /** The hall takes bookings (预约): the kiosk offers 预约签到. */
  takesBookings: Type.Boolean(),
  businesses: Type.Array(
    Type.Object({
      id: Type.String(),
      name: Type.String(),
      prefix: Type.String(),
      waiting: Type.Integer({ minimum: 0 }),
      estimatedMinutes: Type.Integer({ minimum: 0 }),
      /** Present when no ticket can be taken for it now. */
      refusal: Type.Optional(Type.Enum(QUEUE_REFUSALS)),
    }),
  ),
  /** The hall's hours today, to say when it opens again: e.g. [{from: '08:30', to: '12:00'}]. */
  hoursToday: Type.Array(TimeWindow),
});
export type KioskQueueOffer = Type.Static<typeof KioskQueueOffer>;

/** A kiosk takes a ticket (POST /api/v1/queue/tickets); the same clientId again returns the same ticket. */
export const KioskTicketRequest = Type.Object(
  {
    clientId: Type.String({ format: 'uuid' }),
    business: Type.String({ pattern: QUEUE_BUSINESS_ID_PATTERN }),
    /** elder only when the kiosk read an ID card old enough for the hall's rule; the card itself is not sent. */
    priority: Type.Optional(Type.Union([Type.Literal('none'), Type.Literal('elder')])),
  },
  { additionalProperties: false },
);
export type KioskTicketRequest = Type.Static<typeof KioskTicketRequest>;

/** The ticket as printed and shown at the kiosk. */
export const QueueTicketReceipt = Type.Object({
  label: Type.String({ pattern: QUEUE_LABEL_PATTERN }),
  hallName: Type.String(),
  businessName: Type.String(),
  priority: Type.Enum(QUEUE_PRIORITIES),
  /** People before this ticket when it was taken, and the wait estimated then. */
  waitingBefore: Type.Integer({ minimum: 0 }),
  estimatedMinutes: Type.Integer({ minimum: 0 }),
  takenAt: Type.String({ format: 'date-time' }),
  /** The public page that follows this ticket (its QR code): position, wait, a notice when near. */
  followUrl: Type.String(),
});
export type QueueTicketReceipt = Type.Static<typeof QueueTicketReceipt>;
