/** A hidden gesture for staff: holding an element for a few seconds (residents tap, they do not hold). */
import { useRef } from 'preact/hooks';

export function useLongPress(onLongPress: () => void, holdMs = 3000) {
  const timer = useRef<number | undefined>(undefined);
  const cancel = () => window.clearTimeout(timer.current);
  return {
    onPointerDown: () => {
      cancel();
      timer.current = window.setTimeout(onLongPress, holdMs);
    },
    onPointerUp: cancel,
    onPointerLeave: cancel,
    onPointerCancel: cancel,
  };
}
