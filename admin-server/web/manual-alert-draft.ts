/** A manual alert being written (pure): what a template fills in, and how the level carries the headline along. */
import {
  ALERT_TEMPLATES,
  templateHeadline,
  type ManualAlertInput,
  type ManualAlertKind,
  type ManualAlertSeverity,
} from '@linli/protocol';

/** The input a template gives, lasting its hours from `now`; the area stays as chosen. */
export function fromTemplate(kind: ManualAlertKind, orgIds: number[], now: Date): ManualAlertInput {
  const template = ALERT_TEMPLATES[kind];
  return {
    kind,
    severity: template.severity,
    headline: templateHeadline(kind, template.severity),
    description: template.description,
    instruction: template.instruction,
    orgIds,
    expiresAt: new Date(now.getTime() + template.hours * 3_600_000).toISOString(),
    exercise: false,
  };
}

/** A new level: the headline follows it while it is still the one the template suggested. */
export function withSeverity(input: ManualAlertInput, severity: ManualAlertSeverity): ManualAlertInput {
  const suggested = input.headline === templateHeadline(input.kind, input.severity);
  return { ...input, severity, headline: suggested ? templateHeadline(input.kind, severity) : input.headline };
}
