/**
 * A date question without the browser's picker (a popup a kiosk cannot style or enlarge): year,
 * month and day each with a − and a + button, and 今天. Nothing is answered until the resident
 * presses one; the first press starts from today.
 */
import type { Locale } from '@linli/protocol';
import { STRINGS } from '../i18n';
import {
  dayOf,
  isoDateOf,
  isoDateParts,
  stepDate,
  yearRangeAround,
  type DatePart,
  type DateParts,
} from './form-answers';

const PARTS: DatePart[] = ['year', 'month', 'day'];

export function DatePicker(props: {
  labelId: string;
  locale: Locale;
  /** YYYY-MM-DD, or '' while nothing is picked. */
  value: string;
  onValue: (iso: string) => void;
  today: Date;
  describedBy?: string;
}) {
  const t = STRINGS[props.locale];
  const today = dayOf(props.today);
  const picked = isoDateParts(props.value);
  const shown: DateParts | undefined = picked;
  const step = (part: DatePart, delta: 1 | -1) =>
    props.onValue(isoDateOf(stepDate(picked ?? today, part, delta, yearRangeAround(today))));
  return (
    <div class="date-picker" role="group" aria-labelledby={props.labelId} aria-describedby={props.describedBy}>
      {PARTS.map((part) => (
        <div class="date-stepper" key={part}>
          <button type="button" aria-label={t.dateEarlier(t.datePart(part))} onClick={() => step(part, -1)}>
            −
          </button>
          <span class="date-value" data-part={part} aria-live="polite">
            {shown ? String(shown[part]).padStart(part === 'year' ? 4 : 2, '0') : part === 'year' ? '----' : '--'}
            <span class="date-unit">{t.datePart(part)}</span>
          </span>
          <button type="button" aria-label={t.dateLater(t.datePart(part))} onClick={() => step(part, 1)}>
            +
          </button>
        </div>
      ))}
      <button type="button" class="date-today" onClick={() => props.onValue(isoDateOf(today))}>
        {t.pickToday}
      </button>
      {!picked && <p class="muted date-hint">{t.noDatePicked}</p>}
    </div>
  );
}
