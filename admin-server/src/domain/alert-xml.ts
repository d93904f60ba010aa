/**
 * What the two alert readers share (CAP 1.2 in cap-alert.ts, GB/T 35965.1 in gbt35965-alert.ts):
 * the document read safely from the bytes an alert source sent, the element checks, and the
 * skeleton of a message (`<alert>` with its `<info>` blocks and their areas) both formats have.
 * A format is a profile: how it writes times, which defaults it has, and what its info blocks say
 * about the event. Pure: an XML tree in, a CapAlert or CAP_INVALID out, naming every element at
 * fault (`/alert/info[1]/severity: must be one of …`).
 *
 * The XML is read by the one-pass reader the spreadsheet import uses (import/xml-reader.ts):
 * bounded in elements and depth, no DTD, so no entity can expand; only UTF-8 is accepted, and a
 * reference to an entity XML does not predefine is refused rather than kept as text.
 */
import {
  CAP_MAX_BYTES,
  CAP_MSG_TYPES,
  CAP_RESPONSE_TYPES,
  CAP_SCOPES,
  CAP_STATUSES,
  LinliError,
  type CapStatus,
  type ErrorDetail,
} from '@linli/protocol';
import { readXml, type XmlElement, type XmlLimits } from '../import/xml-reader';
import type { CapAlert, CapArea, CapInfo, CapReference } from './cap-alert';

/** Far above any real alert (a few dozen elements per language block), far below harm. */
export const ALERT_XML_LIMITS: XmlLimits = { elements: 5_000, depth: 16 };
const MAX_INFO_BLOCKS = 16;
/** More than a province's counties and streets; each is looked up in the organisation tree. */
const MAX_GEOCODES = 2_000;
const MAX_TEXT = 8_000;

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
 * CAP_INVALID naming the first problem, all of them in the details. `readAs` (the format and why)
 * ends the message when the document was read as other than CAP 1.2.
 */
export function alertInvalid(details: ErrorDetail[], readAs?: string): LinliError {
  const first = `${details[0]!.path}: ${details[0]!.message}`;
  return new LinliError('CAP_INVALID', readAs ? `${first} (read as ${readAs})` : first, details.slice(0, 50));
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
    throw alertInvalid([{ path: '/alert', message: 'is not UTF-8 text' }]);
  }
}

/** The `<alert>` element of an alert document, whatever its format; CAP_INVALID when the bytes are not one. */
export function readAlertXml(body: Uint8Array | string): XmlElement {
  const invalid = (message: string) => alertInvalid([{ path: '/alert', message }]);
  const size = typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength;
  if (size > CAP_MAX_BYTES) throw invalid(`is larger than ${CAP_MAX_BYTES / 1024} KiB`);
  const xml = decodeUtf8(body);
  const declaration = /^\uFEFF?<\?xml[^>]*encoding\s*=\s*["']([^"']+)["']/.exec(xml);
  if (declaration && !/^utf-?8$/i.test(declaration[1]!))
    throw invalid(`must be encoded in UTF-8, not ${declaration[1]!.slice(0, 20)}`);
  if (/<!(?!--|\[CDATA\[)/.test(xml)) throw invalid('must not declare a document type (DTD) or entities');
  const entity = undefinedEntity(xml);
  if (entity) throw invalid(`refers to an undefined entity "${entity}"`);
  let root: XmlElement;
  try {
    root = readXml(xml.replace(/^\uFEFF/, ''), 'alert', ALERT_XML_LIMITS);
  } catch (error) {
    if (!(error instanceof LinliError)) throw error;
    throw invalid(`is not well-formed XML: it ${error.message.replace(/^The file's part "alert" /, '')}`);
  }
  if (root.name !== 'alert')
    throw alertInvalid([{ path: `/${root.name}`, message: 'the document element must be <alert>' }]);
  return root;
}

/** How a format writes its dates and times. */
export interface TimeRule {
  /** The time as the model keeps it (a CAP dateTime), or undefined when `text` is not one this format writes. */
  read(text: string): string | undefined;
  /** What a time element must be, for its problem. */
  expected: string;
  /** What the sent time of a `references` triplet must be. */
  inReference: string;
}

/** Collects every problem of one document, each named by its element's path, and throws them at once. */
export class AlertElements {
  private readonly problems: ErrorDetail[] = [];

  constructor(private readonly readAs?: string) {}

  /** Throws CAP_INVALID listing every problem found, if there is any. */
  check(): void {
    if (this.problems.length > 0) throw alertInvalid(this.problems, this.readAs);
  }

  problem(path: string, message: string): void {
    if (!this.problems.some((problem) => problem.path === path)) this.problems.push({ path, message });
  }

  /** The text of the one child `name` (undefined when absent or empty; a problem when required or repeated). */
  text(parent: XmlElement, at: string, name: string, required = false): string | undefined {
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

  /** An identifier or sender: no spaces, commas, < or & (CAP §3.2.1), as `references` separates them so. */
  token(parent: XmlElement, at: string, name: string, required = true): string | undefined {
    const text = this.text(parent, at, name, required);
    if (text !== undefined && /[\s,<&]/.test(text))
      this.problem(`${at}/${name}`, 'must not contain spaces, commas, < or &');
    return text;
  }

  /** One of `allowed`; `fallback` when absent, or (without one) a problem and undefined. */
  oneOf<T extends string>(
    parent: XmlElement,
    at: string,
    name: string,
    allowed: readonly T[],
    fallback?: T,
  ): T | undefined {
    const text = this.text(parent, at, name, fallback === undefined);
    if (text === undefined) return fallback;
    if (!allowed.includes(text as T)) this.problem(`${at}/${name}`, `must be one of ${allowed.join(', ')}`);
    return text as T;
  }

  /** An element that may repeat (category, responseType), each from `allowed`. */
  many<T extends string>(parent: XmlElement, at: string, name: string, allowed: readonly T[]): T[] {
    const values = parent.children.filter((child) => child.name === name).map((child) => child.text.trim());
    values.forEach((value, index) => {
      if (!allowed.includes(value as T))
        this.problem(`${at}/${name}[${index + 1}]`, `must be one of ${allowed.join(', ')}`);
    });
    return values.filter((value): value is T => allowed.includes(value as T));
  }

  /** A date and time as the model keeps it, with its instant in UTC (ISO). */
  dateTime(
    parent: XmlElement,
    at: string,
    name: string,
    rule: TimeRule,
    required = false,
  ): { written: string; instant: string } | undefined {
    const text = this.text(parent, at, name, required);
    if (text === undefined) return undefined;
    const written = rule.read(text);
    const instant = written === undefined ? undefined : capInstant(written);
    if (written === undefined || instant === undefined) {
      this.problem(`${at}/${name}`, rule.expected);
      return undefined;
    }
    return { written, instant };
  }

  /**
   * Space-separated `sender,identifier,sent` triplets; `bare`, where a format has it, reads an item
   * that is not one as identifiers of `sender`'s own messages, with no sent time (which then matches any).
   */
  references(
    text: string,
    at: string,
    sender: string,
    rule: TimeRule,
    bare?: { identifiers(item: string): string[] | undefined; expected: string },
  ): CapReference[] {
    return text.split(/\s+/).flatMap((item) => {
      const parts = item.split(',');
      const sent = parts.length === 3 ? rule.read(parts[2]!) : undefined;
      const sentAt = sent === undefined ? undefined : capInstant(sent);
      if (parts.length === 3 && parts[0] && parts[1] && sent !== undefined && sentAt !== undefined)
        return [{ sender: parts[0], identifier: parts[1], sent, sentAt }];
      const identifiers = bare?.identifiers(item);
      if (identifiers) return identifiers.map((identifier) => ({ sender, identifier, sent: '', sentAt: '' }));
      this.problem(
        at,
        `"${item.slice(0, 80)}" is not "sender,identifier,sent" with sent as ${rule.inReference}${bare ? `, nor ${bare.expected}` : ''}`,
      );
      return [];
    });
  }

  /** `lat,lon lat,lon …`: at least four points, the first repeated last (CAP §3.2.4). */
  polygon(text: string, at: string): [number, number][] {
    const points = text.split(/\s+/).map(pointOf);
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
  circle(text: string, at: string): CapArea['circles'][number] {
    const [centre, radius, extra] = text.split(/\s+/);
    const point = centre === undefined ? undefined : pointOf(centre);
    const radiusKm = Number(radius);
    if (!point || extra !== undefined || radius === undefined || !Number.isFinite(radiusKm) || radiusKm < 0) {
      this.problem(at, 'must be "latitude,longitude radius" with the radius in kilometres');
      return { latitude: 0, longitude: 0, radiusKm: 0 };
    }
    return { latitude: point[0], longitude: point[1], radiusKm };
  }

  /** A CAP `<geocode>`: `<valueName>` and `<value>`. */
  geocode(geocode: XmlElement, at: string): CapArea['geocodes'][number] {
    return {
      valueName: this.text(geocode, at, 'valueName', true) ?? '',
      value: this.text(geocode, at, 'value', true) ?? '',
    };
  }
}

function pointOf(pair: string): [number, number] | undefined {
  const parts = pair.split(',');
  if (parts.length !== 2 || !parts.every((part) => /^-?\d+(\.\d+)?$/.test(part))) return undefined;
  const [latitude, longitude] = parts.map(Number) as [number, number];
  return Math.abs(latitude) <= 90 && Math.abs(longitude) <= 180 ? [latitude, longitude] : undefined;
}

/** The children named `name`, each with its path (`…/area[2]`). */
export function childrenAt(parent: XmlElement, at: string, name: string): { element: XmlElement; at: string }[] {
  return parent.children
    .filter((child) => child.name === name)
    .map((element, index) => ({ element, at: `${at}/${name}[${index + 1}]` }));
}

/** What sets one format's messages apart from another's; the rest is read alike. */
export interface AlertProfile {
  /** The format and why it was chosen, ending each problem's message; none for CAP 1.2. */
  readAs?: string;
  time: TimeRule;
  /** The names the sent time may be written under, the standard one first. */
  sentNames: readonly string[];
  /** The status of a message that states none (none: `status` is required). */
  defaultStatus?: CapStatus;
  /** The element naming the sender when `<sender>` is absent (none: `sender` is required). */
  senderFallback?: string;
  /** How an item of `references` that is not a triplet is read, where the format allows one. */
  bareReference?: { identifiers(item: string): string[] | undefined; expected: string };
  /** What an info block says the event is and how grave: category, event, urgency, severity, certainty. */
  event(
    read: AlertElements,
    block: XmlElement,
    at: string,
  ): Pick<CapInfo, 'category' | 'event' | 'urgency' | 'severity' | 'certainty'>;
  area(read: AlertElements, area: XmlElement, at: string): CapArea;
}

/** Reads one message's `<alert>` the way `profile` writes it; throws CAP_INVALID naming every problem found. */
export function readAlertMessage(root: XmlElement, profile: AlertProfile): CapAlert {
  const read = new AlertElements(profile.readAs);
  const at = '/alert';
  const identifier = read.token(root, at, 'identifier');
  const has = (name: string) => root.children.some((child) => child.name === name);
  const fallback = profile.senderFallback;
  const sender = read.token(root, at, fallback && !has('sender') && has(fallback) ? fallback : 'sender');
  const sentName = profile.sentNames.find(has) ?? profile.sentNames[0]!;
  const sent = read.dateTime(root, at, sentName, profile.time, true);
  const status = read.oneOf(root, at, 'status', CAP_STATUSES, profile.defaultStatus);
  const msgType = read.oneOf(root, at, 'msgType', CAP_MSG_TYPES);
  const scope = read.oneOf(root, at, 'scope', CAP_SCOPES);
  if (scope === 'Restricted') read.text(root, at, 'restriction', true);
  if (scope === 'Private') read.text(root, at, 'addresses', true);
  const referencesText = read.text(root, at, 'references', msgType !== undefined && msgType !== 'Alert');
  const references = referencesText
    ? read.references(referencesText, `${at}/references`, sender ?? '', profile.time, profile.bareReference)
    : [];
  const infos = childrenAt(root, at, 'info');
  if (infos.length > MAX_INFO_BLOCKS) read.problem(`${at}/info`, `has more than ${MAX_INFO_BLOCKS} language blocks`);
  const info = infos.slice(0, MAX_INFO_BLOCKS).map((block) => readInfo(read, block.element, block.at, profile));
  if (info.flatMap((block) => block.areas.flatMap((area) => area.geocodes)).length > MAX_GEOCODES)
    read.problem(`${at}/info`, `names more than ${MAX_GEOCODES} geocodes`);
  const source = read.text(root, at, 'source') ?? null;
  const note = read.text(root, at, 'note') ?? null;
  read.check();
  return {
    identifier: identifier!,
    sender: sender!,
    sent: sent!.written,
    sentAt: sent!.instant,
    status: status!,
    msgType: msgType!,
    scope: scope!,
    source,
    note,
    references,
    info,
  };
}

function readInfo(read: AlertElements, block: XmlElement, at: string, profile: AlertProfile): CapInfo {
  const event = profile.event(read, block, at);
  const dateTime = (name: string) => read.dateTime(block, at, name, profile.time);
  const expires = dateTime('expires');
  const headline = read.text(block, at, 'headline') ?? null;
  const language =
    read.text(block, at, 'language') ?? (/\p{Script=Han}/u.test(`${event.event}${headline ?? ''}`) ? 'zh-CN' : 'en-US');
  return {
    language,
    ...event,
    responseType: read.many(block, at, 'responseType', CAP_RESPONSE_TYPES),
    senderName: read.text(block, at, 'senderName') ?? null,
    headline,
    description: read.text(block, at, 'description') ?? null,
    instruction: read.text(block, at, 'instruction') ?? null,
    web: read.text(block, at, 'web') ?? null,
    contact: read.text(block, at, 'contact') ?? null,
    effective: dateTime('effective')?.written ?? null,
    onset: dateTime('onset')?.written ?? null,
    expires: expires?.written ?? null,
    expiresAt: expires?.instant ?? null,
    areas: childrenAt(block, at, 'area').map((area) => profile.area(read, area.element, area.at)),
  };
}
