import type { CapSeverity } from './alerts';

/**
 * The colour a screen gives an alert: China's four warning colours (GB/T 35965.1 maps them to CAP
 * severity: 红色 Extreme, 橙色 Severe, 黄色 Moderate, 蓝色 Minor), so a 暴雨橙色预警 looks orange on
 * every kiosk and screen; an ungraded alert is blue. Kiosks and signage players both use this.
 */
export type AlertTone = 'red' | 'orange' | 'yellow' | 'blue';

const SEVERITY_TONES: Record<CapSeverity, AlertTone> = {
  Extreme: 'red',
  Severe: 'orange',
  Moderate: 'yellow',
  Minor: 'blue',
  Unknown: 'blue',
};

export function alertTone(severity: CapSeverity): AlertTone {
  return SEVERITY_TONES[severity];
}
