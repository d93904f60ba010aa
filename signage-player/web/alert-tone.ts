/**
 * How an emergency alert looks on a signage screen: the colour of its tone (protocol's alertTone,
 * China's four warning colours, shared with the kiosk) and the ink of black and white that reads
 * best on it.
 */
import type { AlertTone, CapSeverity } from '@linli/protocol';

export const ALERT_COLOURS: Record<AlertTone, { background: string; ink: string }> = {
  red: { background: '#b3261e', ink: '#ffffff' },
  orange: { background: '#f08c00', ink: '#000000' },
  yellow: { background: '#ffd43b', ink: '#000000' },
  blue: { background: '#1c5fa8', ink: '#ffffff' },
};

/** The severity in words, as the kiosk says it. */
export const SEVERITY_NAMES: Record<CapSeverity, string> = {
  Extreme: '特别严重',
  Severe: '严重',
  Moderate: '较重',
  Minor: '一般',
  Unknown: '未定级',
};
