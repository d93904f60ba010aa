/** A statistics period: its kind (月度/季度/年度) and the period itself, stepped back and forth. */
import { periodicityOf, type IndicatorPeriodicity, type Locale } from '@linli/protocol';
import { nextPeriod, periodName, previousPeriod } from '@linli/protocol';
import { STATS_WORDS, lastPeriod } from './stats-words';

export function PeriodPicker(props: { locale: Locale; period: string; onChange: (period: string) => void }) {
  const words = STATS_WORDS[props.locale];
  const kind = periodicityOf(props.period);
  return (
    <div class="row period-picker">
      <label>
        {words.periodKind}
        <select
          value={kind}
          onChange={(event) =>
            props.onChange(lastPeriod((event.target as HTMLSelectElement).value as IndicatorPeriodicity, Date.now()))
          }
        >
          {(['month', 'quarter', 'year'] as const).map((option) => (
            <option key={option} value={option}>
              {words.periodKinds[option]}
            </option>
          ))}
        </select>
      </label>
      <div class="buttons" role="group" aria-label={words.period}>
        <button onClick={() => props.onChange(previousPeriod(props.period))}>‹ {words.previous}</button>
        <strong class="period-name" aria-live="polite">
          {periodName(props.locale, props.period)}
        </strong>
        <button onClick={() => props.onChange(nextPeriod(props.period))}>{words.next} ›</button>
      </div>
    </div>
  );
}
