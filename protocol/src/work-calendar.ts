/**
 * The working-day calendar complaint deadlines are counted in: a year's public holidays (days off,
 * weekends within them included) and its 调休 make-up workdays (weekend days worked), as the State
 * Council announces them each year. Dates are Beijing calendar dates, YYYY-MM-DD.
 */
import Type from 'typebox';

const CalendarDate = Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])$' });

export const WorkCalendarYear = Type.Object(
  {
    year: Type.Integer({ minimum: 2000, maximum: 2100 }),
    /** Where the dates come from, e.g. the State Council's notice. */
    source: Type.String({ minLength: 1, maxLength: 200 }),
    holidays: Type.Array(
      Type.Object(
        { name: Type.String({ minLength: 1, maxLength: 20 }), from: CalendarDate, to: CalendarDate },
        { additionalProperties: false },
      ),
      { maxItems: 30 },
    ),
    makeUpWorkdays: Type.Array(CalendarDate, { maxItems: 30 }),
  },
  { additionalProperties: false },
);
export type WorkCalendarYear = Type.Static<typeof WorkCalendarYear>;

/** A year as the server counts it: the shipped file's, or as an administrator edited it. */
export const WorkCalendarEntry = Type.Object({
  calendar: WorkCalendarYear,
  /** shipped: admin-server/case-rules/cn-YYYY.json; edited: saved in the admin UI (overrides the file). */
  origin: Type.Union([Type.Literal('shipped'), Type.Literal('edited')]),
  /** For an edited year: who saved it last and when; its version for the next save. */
  updatedAt: Type.Optional(Type.String()),
  updatedBy: Type.Optional(Type.String()),
  version: Type.Integer({ minimum: 0 }),
  /** A shipped file exists for the year, so removing the edit goes back to it. */
  hasShipped: Type.Boolean(),
});
export type WorkCalendarEntry = Type.Static<typeof WorkCalendarEntry>;

export const WorkCalendarList = Type.Object({ years: Type.Array(WorkCalendarEntry) });
export type WorkCalendarList = Type.Static<typeof WorkCalendarList>;
