/**
 * 预约's rules as pure functions of a hall's set-up, the bookings and an instant: the slots of a day
 * (the hall's hours cut into slotMinutes, on the days it opens by its calendar), the days that may
 * be booked (today's slots not yet begun, and the days ahead), what is left of each slot, when a booking may be checked in, and the set-up's checks.
 */
import {
  APPOINTMENT_EARLY_MINUTES,
  APPOINTMENT_LATE_MINUTES,
  type AppointmentSlot,
  type ErrorDetail,
  type QueueAppointmentRules,
  type QueueHallInput,
  type TimeWindow,
  type WorkCalendar,
} from '@linli/protocol';
import { beijingClock, hoursOn, type HallHours } from './queue-rules';

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

const minutesOf = (clock: string) => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));
const clockOf = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** The hall's windows of a day cut into whole slots (a remainder shorter than a slot is not offered). */
export function slotsOf(windows: readonly TimeWindow[], slotMinutes: number): TimeWindow[] {
  return windows.flatMap((window) => {
    const slots: TimeWindow[] = [];
    for (let from = minutesOf(window.from); from + slotMinutes <= minutesOf(window.to); from += slotMinutes)
      slots.push({ from: clockOf(from), to: clockOf(from + slotMinutes) });
    return slots;
  });
}

/** The Beijing dates that may be booked at `instant`: today and the daysAhead days after it. */
export function bookableDates(instant: Date, daysAhead: number): string[] {
  const today = Date.parse(`${beijingClock(instant).date}T00:00:00Z`);
  return Array.from({ length: daysAhead + 1 }, (_, n) => new Date(today + n * DAY_MS).toISOString().slice(0, 10));
}

/**
 * The slots of a business on each bookable date, with the places left (today's only those not yet
 * begun); days the hall is shut, or with nothing left to offer, are left out.
 */
export function offeredDays(
  hall: HallHours & { appointments: QueueAppointmentRules },
  business: string,
  instant: Date,
  calendar: WorkCalendar,
  booked: (date: string, from: string) => number,
): { date: string; slots: AppointmentSlot[] }[] {
  const perSlot = hall.appointments.perSlot[business];
  if (!perSlot) return [];
  const now = beijingClock(instant);
  return bookableDates(instant, hall.appointments.daysAhead)
    .map((date) => ({
      date,
      slots: slotsOf(hoursOn(hall, date, calendar).windows, hall.appointments.slotMinutes)
        .filter((slot) => date > now.date || slot.from > now.time)
        .map((slot) => ({ ...slot, left: Math.max(0, perSlot - booked(date, slot.from)) })),
    }))
    .filter((day) => day.slots.length > 0);
}

/** Whether a booking of `date` at `from` may be checked in at `instant`: too early, too late, or (undefined) now. */
export function checkInRefusal(date: string, from: string, instant: Date): 'early' | 'late' | undefined {
  const begins = Date.parse(`${date}T${from}:00+08:00`);
  if (instant.getTime() < begins - APPOINTMENT_EARLY_MINUTES * MINUTE_MS) return 'early';
  if (instant.getTime() > begins + APPOINTMENT_LATE_MINUTES * MINUTE_MS) return 'late';
  return undefined;
}

/** The booking rules checked against the hall: each business they name is one of the hall's. */
export function appointmentProblems(hall: Pick<QueueHallInput, 'businesses' | 'appointments'>): ErrorDetail[] {
  const ids = new Set(hall.businesses.map((business) => business.id));
  return Object.keys(hall.appointments?.perSlot ?? {})
    .filter((id) => !ids.has(id))
    .map((id) => ({ path: `/appointments/perSlot/${id}`, message: `no business ${id} in this hall` }));
}
