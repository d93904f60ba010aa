/**
 * An OASIS CAP 1.2 alert message read from the bytes an alert source sent, and checked against
 * the standard (CAP-v1.2-os §3): required elements, enumerations, dateTimes with an explicit
 * offset, `references` as `sender,identifier,sent` triplets for Update / Cancel / Ack / Error,
 * and area geometry (closed polygons, circles). Pure: bytes in, a typed alert or CAP_INVALID out,
 * naming the element (`/alert/info[1]/severity: must be one of …`).
 *
 * CapAlert is also the model a GB/T 35965.1 warning is read into (gbt35965-alert.ts); the XML
 * reading and the checks both formats share are in alert-xml.ts, which documents their bounds.
 */
import {
  CAP_CATEGORIES,
  CAP_CERTAINTIES,
  CAP_NAMESPACE,
  CAP_SEVERITIES,
  CAP_URGENCIES,
  type CAP_RESPONSE_TYPES,
  type AlertArea,
  type CapCertainty,
  type CapMsgType,
  type CapScope,
  type CapSeverity,
  type CapStatus,
  type CapUrgency,
} from '@linli/protocol';
import type { XmlElement } from '../import/xml-reader';
import { alertInvalid, capInstant, childrenAt, readAlertMessage, readAlertXml, type AlertProfile } from './alert-xml';

export { capInstant } from './alert-xml';

export interface CapReference {
  sender: string;
  identifier: string;
  /**
   * As written; '' for a GB/T 35965.1 reference that names a warning by its identifier alone,
   * which then matches the sender's message of that identifier whatever its sent time.
   */
  sent: string;
  /** The same instant in UTC (ISO), which is what matches; '' with `sent`. */
  sentAt: string;
}

export type CapArea = AlertArea;

export interface CapInfo {
  /** As written, or guessed when absent (CAP's default is en-US; Chinese text without a tag is zh-CN). */
  language: string;
  category: (typeof CAP_CATEGORIES)[number][];
  event: string;
  responseType: (typeof CAP_RESPONSE_TYPES)[number][];
  urgency: CapUrgency;
  severity: CapSeverity;
  certainty: CapCertainty;
  senderName: string | null;
  headline: string | null;
  description: string | null;
  instruction: string | null;
  web: string | null;
  contact: string | null;
  effective: string | null;
  onset: string | null;
  expires: string | null;
  /** `expires` in UTC (ISO), for comparing. */
  expiresAt: string | null;
  areas: CapArea[];
}

export interface CapAlert {
  identifier: string;
  sender: string;
  sent: string;
  sentAt: string;
  status: CapStatus;
  msgType: CapMsgType;
  scope: CapScope;
  source: string | null;
  note: string | null;
  references: CapReference[];
  info: CapInfo[];
}

/** CAP 1.2 as the standard writes it: every time with its offset, every element it requires. */
const CAP_PROFILE: AlertProfile = {
  time: {
    read: (text) => (capInstant(text) === undefined ? undefined : text),
    expected: 'must be a date and time with its UTC offset, e.g. 2026-07-01T08:30:00+08:00',
    inReference: 'a CAP date and time',
  },
  sentNames: ['sent'],
  event(read, block, at) {
    const category = read.many(block, at, 'category', CAP_CATEGORIES);
    if (category.length === 0) read.problem(`${at}/category`, 'is required');
    return {
      category,
      event: read.text(block, at, 'event', true) ?? '',
      urgency: read.oneOf(block, at, 'urgency', CAP_URGENCIES)!,
      severity: read.oneOf(block, at, 'severity', CAP_SEVERITIES)!,
      certainty: read.oneOf(block, at, 'certainty', CAP_CERTAINTIES)!,
    };
  },
  area(read, area, at) {
    return {
      areaDesc: read.text(area, at, 'areaDesc', true) ?? '',
      geocodes: childrenAt(area, at, 'geocode').map((geocode) => read.geocode(geocode.element, geocode.at)),
      polygons: childrenAt(area, at, 'polygon').map((polygon) => read.polygon(polygon.element.text.trim(), polygon.at)),
      circles: childrenAt(area, at, 'circle').map((circle) => read.circle(circle.element.text.trim(), circle.at)),
    };
  },
};

/** Reads and checks one CAP 1.2 `<alert>`; throws CAP_INVALID naming every problem found. */
export function readCapAlert(body: Uint8Array | string): CapAlert {
  return capAlertOf(readAlertXml(body));
}

/** The CAP 1.2 message an `<alert>` element holds (CAP_INVALID unless it is in the CAP 1.2 namespace). */
export function capAlertOf(root: XmlElement): CapAlert {
  if (!Object.entries(root.attributes).some(([name, value]) => /^xmlns(:|$)/.test(name) && value === CAP_NAMESPACE))
    throw alertInvalid([{ path: '/alert', message: `must be in the CAP 1.2 namespace ${CAP_NAMESPACE}` }]);
  return readAlertMessage(root, CAP_PROFILE);
}
