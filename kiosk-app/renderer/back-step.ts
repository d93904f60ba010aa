/**
 * 返回 in the bottom bar is the one way back. A screen with steps of its own (打印表格: choose a
 * form, answer, preview) takes it over for its steps: while it has set a step, 返回 goes there
 * instead of to the screen before.
 */
import { createContext } from 'preact';
import { useContext, useEffect } from 'preact/hooks';

export type BackStep = (() => void) | null;

export const BackStepContext = createContext<(step: BackStep) => void>(() => undefined);

/** `step` is where 返回 leads within the screen now, or null at its first step. */
export function useBackStep(step: BackStep): void {
  const setStep = useContext(BackStepContext);
  useEffect(() => {
    setStep(step);
    return () => setStep(null);
  }, [step]);
}
