/**
 * Which format an alert source's document is in, and its reader: the one place the CAP endpoint
 * tells CAP 1.2 from GB/T 35965.1. Pure.
 *
 * The root `<alert>`'s namespace decides. A CAP namespace (CAP 1.2's; an older CAP one goes the
 * same way, to be refused by name) is CAP 1.2; no namespace, or any other, is GB/T 35965.1, which
 * national systems write without one. Both are read into the same CapAlert.
 */
import type { XmlElement } from '../import/xml-reader';
import { readAlertXml } from './alert-xml';
import { capAlertOf, type CapAlert } from './cap-alert';
import { GBT_35965, gbt35965AlertOf } from './gbt35965-alert';

export const ALERT_FORMATS = ['CAP 1.2', GBT_35965] as const;
export type AlertFormat = (typeof ALERT_FORMATS)[number];

const CAP_NAMESPACES = /^urn:oasis:names:tc:emergency:cap:/;

const READERS: Record<AlertFormat, (root: XmlElement) => CapAlert> = {
  'CAP 1.2': capAlertOf,
  [GBT_35965]: gbt35965AlertOf,
};

/** The format of the document whose root element is `root`. */
export function alertFormatOf(root: XmlElement): AlertFormat {
  const declared = Object.entries(root.attributes).filter(([name]) => /^xmlns(:|$)/.test(name));
  return declared.some(([, namespace]) => CAP_NAMESPACES.test(namespace)) ? 'CAP 1.2' : GBT_35965;
}

/** Reads one alert document in either format; CAP_INVALID naming the element (and the format it was read as). */
export function readAlertDocument(body: Uint8Array | string): CapAlert {
  const root = readAlertXml(body);
  return READERS[alertFormatOf(root)](root);
}
