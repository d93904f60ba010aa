/**
 * When the kiosk's camera may be granted to the page: only while the case form's photo step is on
 * screen. The page says so over the bridge (openCaseCamera / closeCaseCamera), and the host holds
 * the answer, so the Electron shell asks the host — never the page — at each permission request.
 * The page cannot stretch it: the gate opens only during a visit, and closes by itself when the
 * visit ends, when the case is submitted, and after CAMERA_WINDOW_MS whatever the page says, so
 * a page that opened it and went elsewhere (or was made to) holds the camera no longer than that.
 */
import { LinliError } from '@linli/protocol';
import type { Timers } from '../lifecycle/timers';

/** Long enough to frame and take a photo (again); the page opens the gate anew for each try. */
export const CAMERA_WINDOW_MS = 3 * 60_000;

export interface CaseCameraGate {
  /** The photo step is on screen: FORBIDDEN outside a visit. */
  open(): void;
  close(): void;
  /** Whether the shell may grant the camera now. */
  isOpen(): boolean;
}

export function createCaseCameraGate(deps: { timers: Timers; inVisit: () => boolean }): CaseCameraGate {
  let cancelWindow: (() => void) | undefined;
  const close = () => {
    cancelWindow?.();
    cancelWindow = undefined;
  };
  return {
    open() {
      if (!deps.inVisit()) throw new LinliError('FORBIDDEN', 'The camera opens only during a visit');
      close();
      cancelWindow = deps.timers.after(CAMERA_WINDOW_MS, close);
    },
    close,
    isOpen: () => cancelWindow !== undefined && deps.inVisit(),
  };
}
