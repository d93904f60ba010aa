/**
 * The CAP messages a manual alert is issued and cancelled with. Pure. The sender names the office's
 * node by its division code; the area is the chosen nodes by their codes, which the alert service
 * matches to the organisation tree as it does any received alert's geocodes.
 */
import { ALERT_TEMPLATES, type ManualAlertInput } from '@linli/protocol';
import type { CapDocument } from './cap-writer';
import { capTime } from './cap-writer';

export interface AlertOffice {
  name: string;
  code: string;
}

/** The sender of an office's manual alerts: the server, for this node. */
export function manualSender(office: AlertOffice): string {
  return `linli-manual@${office.code}`;
}

export function manualIdentifier(id: string): string {
  return `linli-${id}`;
}

/** The Alert message of an approved manual alert, sent at `sent` (a CAP dateTime). */
export function manualAlertDocument(
  id: string,
  input: ManualAlertInput,
  office: AlertOffice,
  areas: AlertOffice[],
  sent: string,
): CapDocument {
  const template = ALERT_TEMPLATES[input.kind];
  return {
    identifier: manualIdentifier(id),
    sender: manualSender(office),
    sent,
    status: input.exercise ? 'Exercise' : 'Actual',
    msgType: 'Alert',
    scope: 'Public',
    source: null,
    note: null,
    references: [],
    info: [
      {
        language: 'zh-CN',
        category: [template.category],
        event: template.event,
        responseType: [template.responseType],
        urgency: template.urgency,
        severity: input.severity,
        certainty: template.certainty,
        senderName: office.name,
        headline: input.headline,
        description: input.description,
        instruction: input.instruction || null,
        web: null,
        contact: null,
        effective: null,
        onset: null,
        expires: capTime(new Date(input.expiresAt)),
        areas: [
          {
            areaDesc: areas.map((area) => area.name).join('、'),
            geocodes: areas.map((area) => ({ valueName: 'GB/T 2260', value: area.code })),
            polygons: [],
            circles: [],
          },
        ],
      },
    ],
  };
}

/** The Cancel of an issued manual alert (named by its message's key), sent at `sent`. */
export function manualCancelDocument(
  issued: { sender: string; identifier: string; sent: string; exercise: boolean },
  sent: string,
): CapDocument {
  return {
    identifier: `${issued.identifier}-cancel`,
    sender: issued.sender,
    sent,
    status: issued.exercise ? 'Exercise' : 'Actual',
    msgType: 'Cancel',
    scope: 'Public',
    source: null,
    note: '人工撤销',
    references: [{ sender: issued.sender, identifier: issued.identifier, sent: issued.sent }],
    info: [],
  };
}
