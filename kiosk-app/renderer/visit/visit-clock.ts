/**
 * When a resident's visit ends: after `idleSec` without a touch a warning counts down `warningSec`,
 * then the visit expires. Pure: the caller passes the time and schedules the next check.
 */
export interface VisitTiming {
  idleSec: number;
  warningSec: number;
}

export type VisitMoment =
  | { phase: 'active'; checkInMs: number }
  | { phase: 'warning'; secondsLeft: number; checkInMs: number }
  | { phase: 'expired' };

export function visitMomentAt(lastInputAt: number, now: number, timing: VisitTiming): VisitMoment {
  const warningAt = lastInputAt + timing.idleSec * 1000;
  const expiresAt = warningAt + timing.warningSec * 1000;
  if (now < warningAt) return { phase: 'active', checkInMs: warningAt - now };
  if (now >= expiresAt) return { phase: 'expired' };
  const msLeft = expiresAt - now;
  // Re-check on the next whole second so the countdown ticks visibly.
  return { phase: 'warning', secondsLeft: Math.ceil(msLeft / 1000), checkInMs: msLeft % 1000 || 1000 };
}

/** Elderly residents read more slowly; their visits wait twice as long before warning. */
export function timingFor(settings: VisitTiming, elderMode: boolean): VisitTiming {
  return elderMode ? { idleSec: settings.idleSec * 2, warningSec: settings.warningSec * 2 } : settings;
}
