/**
 * Where a scanned code goes. By default a guide's QR code opens the guide and anything else is
 * searched for; a screen that expects a code of its own (查缴水电气's account number, from the bill's
 * barcode) takes the scans while it shows.
 */
import { createContext } from 'preact';
import { useContext, useLayoutEffect } from 'preact/hooks';

export type ScanTarget = ((code: string) => void) | null;

export const ScanTargetContext = createContext<(target: ScanTarget) => void>(() => undefined);

/** `target` takes the scans while set; null gives them back to the default. */
export function useScanTarget(target: ScanTarget): void {
  const setTarget = useContext(ScanTargetContext);
  // Set as the screen is drawn, so a scan right after it appears already goes to it.
  useLayoutEffect(() => {
    setTarget(target);
    return () => setTarget(null);
  }, [target]);
}
