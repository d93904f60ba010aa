/**
 * An OASIS CAP 1.2 alert message read from the bytes an alert source sent, and checked against
 * the standard (CAP-v1.2-os §3): required elements, enumerations, dateTimes with an explicit
 * offset, `references` as `sender,identifier,sent` triplets for Update / Cancel / Ack / Error,
 * and area geometry (closed polygons, circles). Pure: bytes in, a typed alert or CAP_INVALID out,
 * naming the element (`/alert/info[1]/severity: must be one of …`).
 *
 * The XML is read by the one-pass reader the spreadsheet import uses (import/xml-reader.ts):
 * bounded in elements and depth, no DTD, so no entity can expand; only UTF-8 is accepted, and a
 * reference to an entity XML does not predefine is refused rather than kept as text.
 */
import {
  CAP_CATEGORIES,
  CAP_CERTAINTIES,
  CAP_MAX_BYTES,
  CAP_MSG_TYPES,
  CAP_NAMESPACE,
  CAP_RESPONSE_TYPES,
  CAP_SCOPES,
  CAP_SEVERITIES,
  CAP_STATUSES,
  CAP_URGENCIES,
  LinliError,
  type AlertArea,
  type CapCertainty,
  type CapMsgType,
  type CapScope,
  type CapSeverity,
  type CapStatus,
  type CapUrgency,
  type ErrorDetail,
} from '@linli/protocol';
import { readXml, type XmlElement, type XmlLimits } from '../import/xml-reader';

/** Far above any real alert (a few dozen elements per language block), far below harm. */
export const CAP_XML_LIMITS: XmlLimits = { elements: 5_000, depth: 16 };
const MAX_INFO_BLOCKS = 16;
const MAX_TEXT = 8_000;

export interface CapReference {
  sender: string;
  identifier: string;
  /** As written. */
  sent: string;
  /** The same instant in UTC (ISO), which is what matches. */
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

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})([+-])(\d{2}):(\d{2})$/;

/** A CAP dateTime (`2026-07-01T08:30:00+08:00`: explicit offset, no "Z", no fractions) in UTC, or undefined. */
export function capInstant(text: string): string | undefined {
  const match = DATE_TIME.exec(text);
  if (!match) return undefined;
  const [year, month, day, hour, minute, second, offsetHours, offsetMinutes] = [1, 2, 3, 4, 5, 6, 8, 9].map((group) =>
    Number(match[group]),
  ) as [number, number, number, number, number, number, number, number];
  const sign = match[7] === '-' ? -1 : 1;
  if (offsetHours > 14 || offsetMinutes > 59 || hour > 23 || minute > 59 || second > 59) return undefined;
  const local = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  if (local.getUTCMonth() !== month - 1 || local.getUTCDate() !== day) return undefined;
  return new Date(local.getTime() - sign * (offsetHours * 60 + offsetMinutes) * 60_000).toISOString();
}

/**
 * Refuses what the XML reader would otherwise pass on: entity references XML does not predefine.
 * One pass: CDATA sections (where `&` is text) are stepped over, never searched twice.
 */
function undefinedEntity(xml: string): string | undefined {
  const reference = /&(?!(?:#\d{1,7}|#x[0-9a-fA-F]{1,6}|lt|gt|amp|quot|apos);)[^\s<]{0,20}/;
  let at = 0;
  while (at < xml.length) {
    const cdata = xml.indexOf('<![CDATA[', at);
    const found = reference.exec(xml.slice(at, cdata < 0 ? xml.length : cdata));
    if (found) return found[0];
    if (cdata < 0) return undefined;
    const close = xml.indexOf(']]>', cdata + 9);
    // An unclosed section is the reader's to refuse.
    if (close < 0) return undefined;
    at = close + 3;
  }
  return undefined;
}

function decodeUtf8(bytes: Uint8Array | string): string {
  if (typeof bytes === 'string') return bytes;
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw invalid([{ path: '/alert', message: 'is not UTF-8 text' }]);
  }
}

function invalid(details: ErrorDetail[]): LinliError {
  return new LinliError('CAP_INVALID', `${details[0]!.path}: ${details[0]!.message}`, details.slice(0, 50));
}

/** Reads and checks one CAP 1.2 `<alert>`; throws CAP_INVALID naming every problem found. */
export function readCapAlert(body: Uint8Array | string): CapAlert {
  const size = typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength;
  if (size > CAP_MAX_BYTES) throw invalid([{ path: '/alert', message: `is larger than ${CAP_MAX_BYTES / 1024} KiB` }]);
  const xml = decodeUtf8(body);
  const declaration = /^\uFEFF?<\?xml[^>]*encoding\s*=\s*["']([^"']+)["']/.exec(xml);
  if (declaration && !/^utf-?8$/i.test(declaration[1]!))
    throw invalid([{ path: '/alert', message: `must be encoded in UTF-8, not ${declaration[1]!.slice(0, 20)}` }]);
  if (/<!(?!--|\[CDATA\[)/.test(xml))
    throw invalid([{ path: '/alert', message: 'must not declare a document type (DTD) or entities' }]);
  const entity = undefinedEntity(xml);
  if (entity) throw invalid([{ path: '/alert', message: `refers to an undefined entity "${entity}"` }]);
  let root: XmlElement;
  try {
    root = readXml(xml.replace(/^\uFEFF/, ''), 'alert', CAP_XML_LIMITS);
  } catch (error) {
    if (!(error instanceof LinliError)) throw error;
    const what = error.message.replace(/^The file's part "alert" /, '');
    throw invalid([{ path: '/alert', message: `is not well-formed XML: it ${what}` }]);
  }
  if (root.name !== 'alert')
    throw invalid([{ path: `/${root.name}`, message: 'the document element must be <alert>' }]);
  if (!Object.entries(root.attributes).some(([name, value]) => /^xmlns(:|$)/.test(name) && value === CAP_NAMESPACE))
    throw invalid([{ path: '/alert', message: `must be in the CAP 1.2 namespace ${CAP_NAMESPACE}` }]);
  return new CapChecker().alert(root);
}

/** Walks the tree, collecting problems; `alert` throws them all at once. */
class CapChecker {
  private readonly problems: ErrorDetail[] = [];

  alert(root: XmlElement): CapAlert {
    const at = '/alert';
    const identifier = this.token(root, at, 'identifier');
    const sender = this.token(root, at, 'sender');
    const sent = this.text(root, at, 'sent', true);
    const sentAt = this.instant(sent, `${at}/sent`);
    const status = this.oneOf(root, at, 'status', CAP_STATUSES);
    const msgType = this.oneOf(root, at, 'msgType', CAP_MSG_TYPES);
    const scope = this.oneOf(root, at, 'scope', CAP_SCOPES);
    if (scope === 'Restricted') this.text(root, at, 'restriction', true);
    if (scope === 'Private') this.text(root, at, 'addresses', true);
    const referencesText = this.text(root, at, 'references', msgType !== undefined && msgType !== 'Alert');
    const references = referencesText ? this.references(referencesText, `${at}/references`) : [];
    const infos = root.children.filter((child) => child.name === 'info');
    if (infos.length > MAX_INFO_BLOCKS) this.problem(`${at}/info`, `has more than ${MAX_INFO_BLOCKS} language blocks`);
    const info = infos.slice(0, MAX_INFO_BLOCKS).map((block, index) => this.info(block, `${at}/info[${index + 1}]`));
    const source = this.text(root, at, 'source') ?? null;
    const note = this.text(root, at, 'note') ?? null;
    if (this.problems.length > 0) throw invalid(this.problems);
    return {
      identifier: identifier!,
      sender: sender!,
      sent: sent!,
      sentAt: sentAt!,
      status: status!,
      msgType: msgType!,
      scope: scope!,
      source,
      note,
      references,
      info,
    };
  }

  private info(block: XmlElement, at: string): CapInfo {
    const categories = this.many(block, at, 'category', CAP_CATEGORIES);
    if (categories.length === 0) this.problem(`${at}/category`, 'is required');
    const event = this.text(block, at, 'event', true) ?? '';
    const urgency = this.oneOf(block, at, 'urgency', CAP_URGENCIES)!;
    const severity = this.oneOf(block, at, 'severity', CAP_SEVERITIES)!;
    const certainty = this.oneOf(block, at, 'certainty', CAP_CERTAINTIES)!;
    const dateTime = (name: string) => {
      const text = this.text(block, at, name);
      if (text !== undefined) this.instant(text, `${at}/${name}`);
      return text ?? null;
    };
    const expires = dateTime('expires');
    const headline = this.text(block, at, 'headline') ?? null;
    const description = this.text(block, at, 'description') ?? null;
    const language =
      this.text(block, at, 'language') ?? (/\p{Script=Han}/u.test(`${event}${headline ?? ''}`) ? 'zh-CN' : 'en-US');
    return {
      language,
      category: categories,
      event,
      responseType: this.many(block, at, 'responseType', CAP_RESPONSE_TYPES),
      urgency,
      severity,
      certainty,
      senderName: this.text(block, at, 'senderName') ?? null,
      headline,
      description,
      instruction: this.text(block, at, 'instruction') ?? null,
      web: this.text(block, at, 'web') ?? null,
      contact: this.text(block, at, 'contact') ?? null,
      effective: dateTime('effective'),
      onset: dateTime('onset'),
      expires,
      expiresAt: expires === null ? null : (capInstant(expires) ?? null),
      areas: block.children
        .filter((child) => child.name === 'area')
        .map((area, index) => this.area(area, `${at}/area[${index + 1}]`)),
    };
  }

  private area(area: XmlElement, at: string): CapArea {
    const areaDesc = this.text(area, at, 'areaDesc', true) ?? '';
    const polygons = area.children
      .filter((child) => child.name === 'polygon')
      .map((polygon, index) => this.polygon(polygon.text.trim(), `${at}/polygon[${index + 1}]`));
    const circles = area.children
      .filter((child) => child.name === 'circle')
      .map((circle, index) => this.circle(circle.text.trim(), `${at}/circle[${index + 1}]`));
    const geocodes = area.children
      .filter((child) => child.name === 'geocode')
      .map((geocode, index) => {
        const where = `${at}/geocode[${index + 1}]`;
        return {
          valueName: this.text(geocode, where, 'valueName', true) ?? '',
          value: this.text(geocode, where, 'value', true) ?? '',
        };
      });
    return { areaDesc, geocodes, polygons, circles };
  }

  /** `lat,lon lat,lon …`: at least four points, the first repeated last (CAP §3.2.4). */
  private polygon(text: string, at: string): [number, number][] {
    const points = text.split(/\s+/).map((pair) => this.point(pair));
    if (points.some((point) => point === undefined)) {
      this.problem(at, 'must be "latitude,longitude" pairs separated by spaces (WGS 84)');
      return [];
    }
    const ring = points as [number, number][];
    const [first, last] = [ring[0]!, ring.at(-1)!];
    if (ring.length < 4 || first[0] !== last[0] || first[1] !== last[1])
      this.problem(at, 'must have at least four points and end where it starts');
    return ring;
  }

  /** `lat,lon radius` with the radius in kilometres. */
  private circle(text: string, at: string) {
    const [centre, radius, extra] = text.split(/\s+/);
    const point = centre === undefined ? undefined : this.point(centre);
    const radiusKm = Number(radius);
    if (!point || extra !== undefined || radius === undefined || !Number.isFinite(radiusKm) || radiusKm < 0) {
      this.problem(at, 'must be "latitude,longitude radius" with the radius in kilometres');
      return { latitude: 0, longitude: 0, radiusKm: 0 };
    }
    return { latitude: point[0], longitude: point[1], radiusKm };
  }

  private point(pair: string): [number, number] | undefined {
    const parts = pair.split(',');
    if (parts.length !== 2 || !parts.every((part) => /^-?\d+(\.\d+)?$/.test(part))) return undefined;
    const [latitude, longitude] = parts.map(Number) as [number, number];
    return Math.abs(latitude) <= 90 && Math.abs(longitude) <= 180 ? [latitude, longitude] : undefined;
  }

  /** Space-separated `sender,identifier,sent` triplets. */
  private references(text: string, at: string): CapReference[] {
    return text.split(/\s+/).flatMap((triplet) => {
      const parts = triplet.split(',');
      const sentAt = parts.length === 3 ? capInstant(parts[2]!) : undefined;
      if (parts.length !== 3 || !parts[0] || !parts[1] || sentAt === undefined) {
        this.problem(at, `"${triplet.slice(0, 80)}" is not "sender,identifier,sent" with sent as a CAP date and time`);
        return [];
      }
      return [{ sender: parts[0], identifier: parts[1], sent: parts[2]!, sentAt }];
    });
  }

  private instant(text: string | undefined, at: string): string | undefined {
    if (text === undefined) return undefined;
    const instant = capInstant(text);
    if (instant === undefined)
      this.problem(at, 'must be a date and time with its UTC offset, e.g. 2026-07-01T08:30:00+08:00');
    return instant;
  }

  /** An identifier or sender: no spaces, commas, < or & (CAP §3.2.1). */
  private token(parent: XmlElement, at: string, name: string): string | undefined {
    const text = this.text(parent, at, name, true);
    if (text !== undefined && /[\s,<&]/.test(text))
      this.problem(`${at}/${name}`, 'must not contain spaces, commas, < or &');
    return text;
  }

  private oneOf<T extends string>(parent: XmlElement, at: string, name: string, allowed: readonly T[]): T | undefined {
    const text = this.text(parent, at, name, true);
    if (text === undefined) return undefined;
    if (!allowed.includes(text as T)) this.problem(`${at}/${name}`, `must be one of ${allowed.join(', ')}`);
    return text as T;
  }

  /** An element that may repeat (category, responseType), each from `allowed`. */
  private many<T extends string>(parent: XmlElement, at: string, name: string, allowed: readonly T[]): T[] {
    const values = parent.children.filter((child) => child.name === name).map((child) => child.text.trim());
    values.forEach((value, index) => {
      if (!allowed.includes(value as T))
        this.problem(`${at}/${name}[${index + 1}]`, `must be one of ${allowed.join(', ')}`);
    });
    return values.filter((value): value is T => allowed.includes(value as T));
  }

  /** The text of the one child `name` (undefined when absent; a problem when required or repeated). */
  private text(parent: XmlElement, at: string, name: string, required = false): string | undefined {
    const found = parent.children.filter((child) => child.name === name);
    if (found.length > 1) this.problem(`${at}/${name}`, 'must appear only once');
    const text = found[0]?.text.trim();
    if (!text) {
      if (required) this.problem(`${at}/${name}`, found.length === 0 ? 'is required' : 'must not be empty');
      return undefined;
    }
    if (text.length > MAX_TEXT) this.problem(`${at}/${name}`, `is longer than ${MAX_TEXT} characters`);
    return text;
  }

  private problem(path: string, message: string): void {
    if (!this.problems.some((problem) => problem.path === path)) this.problems.push({ path, message });
  }
}
