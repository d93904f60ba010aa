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
