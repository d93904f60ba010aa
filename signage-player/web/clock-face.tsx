/** A clock (time, date or both) that changes when the minute does, sized to fill its box. */
import { useEffect, useRef, useState } from 'preact/hooks';
import { clockDate, clockText, clockTime, msToNextMinute, type ClockShow } from './clock-text';
import { useFittedFontSize } from './use-fitted-font';

/** The current instant, renewed as each minute begins (one timer a minute, for what a clock shows). */
function useMinute(): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    const timer = setTimeout(() => setNow(Date.now()), msToNextMinute(now));
    return () => clearTimeout(timer);
  }, [now]);
  return now;
}

export function ClockFace(props: { show: ClockShow; timeZone: string }) {
  const now = useMinute();
  const box = useRef<HTMLDivElement>(null);
  const content = useRef<HTMLDivElement>(null);
  const text = clockText(now, props.show, props.timeZone);
  useFittedFontSize(box, content, text, (element) => element.clientHeight);
  return (
    <div class="clock" ref={box} data-show={props.show}>
      <div class="clock-lines" ref={content} aria-label={text}>
        {props.show !== 'time' && <div class="clock-date">{clockDate(now, props.timeZone)}</div>}
        {props.show === 'date-time' && ' '}
        {props.show !== 'date' && <div class="clock-time">{clockTime(now, props.timeZone)}</div>}
      </div>
    </div>
  );
}
