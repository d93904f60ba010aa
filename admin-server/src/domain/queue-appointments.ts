/**
 * 预约: bookings of a hall's slots from the public booking page, found again by their code and the
 * phone's last four digits, and checked in at a kiosk of the hall — by the code, or by the ID number
 * the card reader read — for a ticket of priority appointment (queue.checkIn: the booking is
 * claimed in the ticket's transaction). A slot's places are counted in the booking's transaction
 * (the hall's row locked first, as every change to its queue is), so two residents never get its
 * last place both. Only a keyed hash of an ID number is kept, never the number.
 */
import { createHmac, randomBytes, randomInt } from 'node:crypto';
import {
  LinliError,
  type AppointmentOffer,
  type AppointmentRequest,
  type AppointmentState,
  type AppointmentView,
  type KioskCheckInRequest,
  type WorkCalendar,
} from '@linli/protocol';
import type { Database, Queryable } from '../db/database';
import { settingOnce } from '../db/settings';
import type { Clock } from './clock';
import { configOf, type HallConfig, type Kiosk, type Queue, type TakenTicket } from './queue';
import { checkInRefusal, offeredDays } from './queue-appointment-rules';

/** The settings key of the ID-number hash's key (made once per installation). */
const ID_KEY_SETTING = 'queue.appointment-id-key';

type AppointmentRow = {
  id: number;
  hall_id: number;
  business: string;
  day: string;
  slot_from: string;
  slot_to: string;
  code: string;
  phone_last4: string;
  id_hash: string | null;
  state: AppointmentState;
};

type BookableHall = { id: number; name: string; config: HallConfig & Required<Pick<HallConfig, 'appointments'>> };

export interface QueueAppointments {
  /** The halls taking bookings, for the booking page's first step. */
  halls(): Promise<{ id: number; name: string }[]>;
  /** A hall's businesses that take bookings, each with its days and slots (NOT_FOUND: no such hall taking bookings). */
  offer(hallId: number): Promise<AppointmentOffer>;
  /** Books a slot: APPOINTMENT_UNAVAILABLE (not a slot offered now), APPOINTMENT_FULL, APPOINTMENT_DUPLICATE. */
  book(hallId: number, request: AppointmentRequest): Promise<AppointmentView>;
  /** A booking by its code and the phone's last four digits; undefined when none matches. */
  find(code: string, phoneLast4: string): Promise<AppointmentView | undefined>;
  /** Cancels a booking not yet checked in (APPOINTMENT_NOT_FOUND otherwise). */
  cancel(code: string, phoneLast4: string): Promise<AppointmentView>;
  /** A booked resident's ticket at a kiosk of the booking's hall: APPOINTMENT_NOT_FOUND, _TOO_EARLY, _TOO_LATE. */
  checkIn(kiosk: Kiosk, request: KioskCheckInRequest): Promise<TakenTicket>;
}

export function createQueueAppointments(deps: {
  db: Database;
  clock: Clock;
  calendar: WorkCalendar;
  queue: Pick<Queue, 'checkIn'>;
}): QueueAppointments {
  const { db, clock, calendar, queue } = deps;
  let idKey: Promise<string> | undefined;
  const idHash = async (idNumber: string) => {
    idKey ??= settingOnce(db, ID_KEY_SETTING, randomBytes(32).toString('base64'));
    return createHmac('sha256', await idKey)
      .update(idNumber)
      .digest('base64url');
  };

  const bookableHall = async (queryable: Queryable, hallId: number): Promise<BookableHall> => {
    const row = await queryable.get<{ id: number; name: string; config: string }>(
      'SELECT id, name, config FROM queue_halls WHERE id = ?',
      [hallId],
    );
    const config = row && configOf(row);
    if (!row || !config?.appointments) throw new LinliError('NOT_FOUND', `No hall ${hallId} takes bookings`);
    return { id: Number(row.id), name: row.name, config: { ...config, appointments: config.appointments } };
  };

  /** Places taken in each slot of a business (cancelled bookings free theirs). */
  const bookedCounts = async (queryable: Queryable, hallId: number, business: string) => {
    const rows = await queryable.all<{ day: string; slot_from: string; taken: number }>(
      `SELECT day, slot_from, COUNT(*) AS taken FROM queue_appointments
       WHERE hall_id = ? AND business = ? AND state <> 'cancelled' GROUP BY day, slot_from`,
      [hallId, business],
    );
    const counts = new Map(rows.map((row) => [`${row.day} ${row.slot_from}`, Number(row.taken)]));
    return (date: string, from: string) => counts.get(`${date} ${from}`) ?? 0;
  };

  const viewOf = async (row: AppointmentRow): Promise<AppointmentView> => {
    const hall = await db.get<{ name: string; config: string }>('SELECT name, config FROM queue_halls WHERE id = ?', [
      row.hall_id,
    ]);
    const business = hall && configOf(hall).businesses.find((entry) => entry.id === row.business);
    return {
      code: row.code,
      hallName: hall?.name ?? '',
      businessName: business?.name ?? row.business,
      date: row.day,
      from: row.slot_from,
      to: row.slot_to,
      phoneLast4: row.phone_last4,
      state: row.state,
      byCard: row.id_hash !== null,
    };
  };

  const findRow = (queryable: Queryable, code: string, phoneLast4: string) =>
    queryable.get<AppointmentRow>('SELECT * FROM queue_appointments WHERE code = ? AND phone_last4 = ?', [
      code,
      phoneLast4,
    ]);

  return {
    async halls() {
      const rows = await db.all<{ id: number; name: string; config: string }>(
        'SELECT id, name, config FROM queue_halls ORDER BY name',
      );
      return rows.filter((row) => configOf(row).appointments).map((row) => ({ id: Number(row.id), name: row.name }));
    },

    async offer(hallId) {
      const hall = await bookableHall(db, hallId);
      const now = clock();
      const businesses = [];
      for (const business of hall.config.businesses) {
        if (!hall.config.appointments.perSlot[business.id] || !business.open) continue;
        const booked = await bookedCounts(db, hall.id, business.id);
        businesses.push({
          id: business.id,
          name: business.name,
          days: offeredDays(hall.config, business.id, now, calendar, booked),
        });
      }
      return { hallId: hall.id, hallName: hall.name, businesses };
    },

    async book(hallId, request) {
      const idHashed = request.idNumber === undefined ? null : await idHash(request.idNumber);
      const row = await db.transaction(async (tx) => {
        // The hall's row first, as every change to its queue: one booking of a hall at a time.
        await tx.run('UPDATE queue_halls SET call_seq = call_seq WHERE id = ?', [hallId]);
        const hall = await bookableHall(tx, hallId);
        const business = hall.config.businesses.find((entry) => entry.id === request.business && entry.open);
        const day =
          business &&
          offeredDays(hall.config, business.id, clock(), calendar, await bookedCounts(tx, hall.id, business.id)).find(
            (entry) => entry.date === request.date,
          );
        const slot = day?.slots.find((entry) => entry.from === request.from);
        if (!slot)
          throw new LinliError('APPOINTMENT_UNAVAILABLE', `${request.date} ${request.from} cannot be booked`, [
            { path: '/from', message: 'not a slot offered now' },
          ]);
        if (slot.left === 0)
          throw new LinliError('APPOINTMENT_FULL', `${request.date} ${request.from} is fully booked`);
        if (idHashed) {
          const same = await tx.get<{ id: number }>(
            `SELECT id FROM queue_appointments
             WHERE hall_id = ? AND business = ? AND day = ? AND id_hash = ? AND state <> 'cancelled'`,
            [hall.id, business!.id, request.date, idHashed],
          );
          if (same) throw new LinliError('APPOINTMENT_DUPLICATE');
        }
        for (;;) {
          const code = String(randomInt(10_000_000, 100_000_000));
          if (await tx.get('SELECT id FROM queue_appointments WHERE code = ?', [code])) continue;
          return (await tx.get<AppointmentRow>(
            `INSERT INTO queue_appointments (hall_id, business, day, slot_from, slot_to, code, phone_last4, id_hash,
               state, booked_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'booked', ?) RETURNING *`,
            [
              hall.id,
              business!.id,
              request.date,
              slot.from,
              slot.to,
              code,
              request.phone.slice(-4),
              idHashed,
              clock().toISOString(),
            ],
          ))!;
        }
      });
      return viewOf(row);
    },

    async find(code, phoneLast4) {
      const row = await findRow(db, code, phoneLast4);
      return row && viewOf(row);
    },

    async cancel(code, phoneLast4) {
      const row = await db.transaction(async (tx) => {
        const found = await findRow(tx, code, phoneLast4);
        if (!found || found.state !== 'booked') throw new LinliError('APPOINTMENT_NOT_FOUND');
        await tx.run("UPDATE queue_appointments SET state = 'cancelled' WHERE id = ?", [found.id]);
        return { ...found, state: 'cancelled' as const };
      });
      return viewOf(row);
    },

    async checkIn(kiosk, request) {
      if ((request.code === undefined) === (request.idNumber === undefined))
        throw new LinliError('VALIDATION_FAILED', 'Either the code or the ID number', [
          { path: '/code', message: 'give the code or the ID number' },
        ]);
      const idHashed = request.idNumber === undefined ? undefined : await idHash(request.idNumber);
      return queue.checkIn(kiosk, request.clientId, async (tx, hall, now) => {
        const booked = await tx.all<AppointmentRow>(
          request.code !== undefined
            ? "SELECT * FROM queue_appointments WHERE hall_id = ? AND code = ? AND state = 'booked'"
            : "SELECT * FROM queue_appointments WHERE hall_id = ? AND id_hash = ? AND state = 'booked' ORDER BY day, slot_from",
          [hall.id, (request.code ?? idHashed)!],
        );
        if (booked.length === 0) throw new LinliError('APPOINTMENT_NOT_FOUND', `No booking at ${hall.name} matches`);
        // By card, the booking whose check-in is open now; else, to say why not, the next one
        // coming, else the last one missed.
        const booking =
          booked.find((row) => !checkInRefusal(row.day, row.slot_from, now)) ??
          booked.find((row) => checkInRefusal(row.day, row.slot_from, now) === 'early') ??
          booked.at(-1)!;
        const refusal = checkInRefusal(booking.day, booking.slot_from, now);
        if (refusal === 'early')
          throw new LinliError('APPOINTMENT_TOO_EARLY', `Check-in opens before ${booking.day} ${booking.slot_from}`, [
            { path: '/slot', message: `${booking.day} ${booking.slot_from}` },
          ]);
        if (refusal === 'late')
          throw new LinliError('APPOINTMENT_TOO_LATE', `The slot ${booking.day} ${booking.slot_from} has passed`, [
            { path: '/slot', message: `${booking.day} ${booking.slot_from}` },
          ]);
        await tx.run(
          "UPDATE queue_appointments SET state = 'checked-in', checked_in_at = ?, device_id = ?, client_id = ? WHERE id = ?",
          [now.toISOString(), kiosk.deviceId, request.clientId, booking.id],
        );
        return booking.business;
      });
    },
  };
}
