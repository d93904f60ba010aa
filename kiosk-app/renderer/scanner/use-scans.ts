/**
 * One stream of scanned codes for the screens: keyboard-wedge scans recognised from key timing
 * here, and serial scanners' codes announced by the host's 'scan' event.
 */
import { useEffect } from 'preact/hooks';
import type { BridgeEvent, KioskBridge } from '@linli/protocol';
import { createWedgeDetector, type WedgeSettings } from './wedge-detector';

export function useScans(
  bridge: KioskBridge,
  subscribe: (listener: (event: BridgeEvent) => void) => () => void,
  wedge: WedgeSettings | undefined,
  onScan: (code: string) => void,
) {
  useEffect(
    () =>
      subscribe((event) => {
        if (event === 'scan') void bridge.takeScans({}).then((codes) => codes.forEach(onScan));
      }),
    [subscribe, onScan],
  );

  useEffect(() => {
    if (!wedge) return;
    const detector = createWedgeDetector(wedge);
    const onKey = (event: KeyboardEvent) => {
      const code = detector.key(event.key, event.timeStamp);
      if (code === undefined) return;
      // The Enter that ends a scan must not also submit whatever has focus.
      event.preventDefault();
      onScan(code);
    };
    document.addEventListener('keydown', onKey, { capture: true });
    return () => document.removeEventListener('keydown', onKey, { capture: true });
  }, [wedge?.maxKeyGapMs, wedge?.minLength, onScan]);
}
