import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CAP_SEVERITIES, alertTone } from '@linli/protocol';
import { ALERT_COLOURS, SEVERITY_NAMES } from '../../web/alert-tone';

test('severity sets the colour: Extreme red, Severe orange, Moderate yellow, Minor and Unknown blue', () => {
  assert.deepEqual(
    CAP_SEVERITIES.map((severity) => [severity, alertTone(severity)]),
    [
      ['Extreme', 'red'],
      ['Severe', 'orange'],
      ['Moderate', 'yellow'],
      ['Minor', 'blue'],
      ['Unknown', 'blue'],
    ],
  );
  for (const severity of CAP_SEVERITIES) assert.ok(SEVERITY_NAMES[severity].length > 0);
});

/** WCAG 2 contrast ratio of two #rrggbb colours. */
function contrast(first: string, second: string): number {
  const luminance = (hex: string) => {
    const [r, g, b] = [1, 3, 5].map((at) => {
      const channel = parseInt(hex.slice(at, at + 2), 16) / 255;
      return channel <= 0.03928 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  };
  const [light, dark] = [luminance(first), luminance(second)].sort((a, b) => b - a);
  return (light! + 0.05) / (dark! + 0.05);
}

test('the alert text reads well on every alert colour (contrast at least 4.5:1)', () => {
  for (const [tone, { background, ink }] of Object.entries(ALERT_COLOURS)) {
    assert.ok(contrast(background, ink) >= 4.5, `${tone}: ${contrast(background, ink).toFixed(2)}`);
  }
});
