/**
 * A CAP 1.2 document written from our model: how the server issues alerts of its own (manual
 * alerts), so they take the same path, checks and lifecycle as alerts received, and an operator can
 * hand the document to any CAP consumer. Elements in the schema's order (CAP-v1.2-os §3.2); times in
 * Beijing time with their offset. Pure.
 */
import type { CapAlert, CapInfo, CapReference } from './cap-alert';
import { escapeXml } from './xml-text';

/** What a document states: the model without the instants the reader works out from it. */
export type CapDocument = Omit<CapAlert, 'sentAt' | 'references' | 'info'> & {
  references: Omit<CapReference, 'sentAt'>[];
  info: Omit<CapInfo, 'expiresAt'>[];
};

const BEIJING_OFFSET_MS = 8 * 3_600_000;

/** `instant` as a CAP dateTime in Beijing time (UTC+8, no daylight saving): 2026-07-01T08:30:00+08:00. */
export function capTime(instant: Date): string {
  const local = new Date(Math.floor(instant.getTime() / 1000) * 1000 + BEIJING_OFFSET_MS);
  return `${local.toISOString().slice(0, 19)}+08:00`;
}

/** `<name>text</name>`, or nothing for an absent value. */
function element(name: string, value: string | null | undefined, indent: string): string[] {
  return value === null || value === undefined || value === ''
    ? []
    : [`${indent}<${name}>${escapeXml(value)}</${name}>`];
}

function infoXml(info: CapDocument['info'][number]): string[] {
  const at = '    ';
  return [
    '  <info>',
    ...element('language', info.language, at),
    ...info.category.flatMap((category) => element('category', category, at)),
    ...element('event', info.event, at),
    ...info.responseType.flatMap((type) => element('responseType', type, at)),
    ...element('urgency', info.urgency, at),
    ...element('severity', info.severity, at),
    ...element('certainty', info.certainty, at),
    ...element('effective', info.effective, at),
    ...element('onset', info.onset, at),
    ...element('expires', info.expires, at),
    ...element('senderName', info.senderName, at),
    ...element('headline', info.headline, at),
    ...element('description', info.description, at),
    ...element('instruction', info.instruction, at),
    ...element('web', info.web, at),
    ...element('contact', info.contact, at),
    ...info.areas.flatMap((area) => [
      '    <area>',
      ...element('areaDesc', area.areaDesc, '      '),
      ...area.polygons.flatMap((ring) =>
        element('polygon', ring.map(([latitude, longitude]) => `${latitude},${longitude}`).join(' '), '      '),
      ),
      ...area.circles.flatMap((circle) =>
        element('circle', `${circle.latitude},${circle.longitude} ${circle.radiusKm}`, '      '),
      ),
      ...area.geocodes.flatMap((geocode) => [
        '      <geocode>',
        ...element('valueName', geocode.valueName, '        '),
        ...element('value', geocode.value, '        '),
        '      </geocode>',
      ]),
      '    </area>',
    ]),
    '  </info>',
  ];
}

export function writeCapAlert(document: CapDocument): string {
  const at = '  ';
  const references = document.references
    .map((reference) => `${reference.sender},${reference.identifier},${reference.sent}`)
    .join(' ');
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">',
    ...element('identifier', document.identifier, at),
    ...element('sender', document.sender, at),
    ...element('sent', document.sent, at),
    ...element('status', document.status, at),
    ...element('msgType', document.msgType, at),
    ...element('source', document.source, at),
    ...element('scope', document.scope, at),
    ...element('note', document.note, at),
    ...element('references', references, at),
    ...document.info.flatMap(infoXml),
    '</alert>',
    '',
  ].join('\n');
}
