/**
 * A small XML reader for the parts of an uploaded .xlsx: one pass over the text, never looking
 * back, so its time grows with the size of the text whatever the text holds. It builds a tree of
 * elements (local names, attributes and text decoded) within limits on elements and depth, and
 * refuses what a workbook never has (a DTD) or what is not well-formed, with IMPORT_INVALID.
 */
import { LinliError } from '@linli/protocol';

export interface XmlElement {
  /** The name without its namespace prefix (`x:row` → `row`). */
  name: string;
  /** Attributes by their name as written (`r`, `xml:space`, `r:id`), values decoded. */
  attributes: Record<string, string>;
  children: XmlElement[];
  /** The element's own text (not its children's), decoded. */
  text: string;
}

export interface XmlLimits {
  /** Elements in the whole part. */
  elements: number;
  /** Elements open inside each other. */
  depth: number;
}

/** Far above what Excel, WPS or LibreOffice write for a sheet within the row and column limits. */
export const XML_LIMITS: XmlLimits = { elements: 3_000_000, depth: 64 };

const NAMED_ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(
    /&(?:#(\d{1,7})|#x([0-9a-fA-F]{1,6})|(lt|gt|amp|quot|apos));/g,
    (entity, decimal?: string, hex?: string, named?: string) => {
      if (named) return NAMED_ENTITIES[named]!;
      const code = decimal ? Number(decimal) : parseInt(hex!, 16);
      return code <= 0x10ffff ? String.fromCodePoint(code) : entity;
    },
  );
}

/** The document element of `xml`; `part` names the file in messages. */
export function readXml(xml: string, part: string, limits: XmlLimits = XML_LIMITS): XmlElement {
  const malformed = (what: string) => new LinliError('IMPORT_INVALID', `The file's part "${part}" ${what}`);
  const document: XmlElement = { name: '#document', attributes: {}, children: [], text: '' };
  const open: XmlElement[] = [document];
  let count = 0;
  let at = 0;
  while (at < xml.length) {
    const lt = xml.indexOf('<', at);
    const textEnd = lt < 0 ? xml.length : lt;
    if (textEnd > at) open.at(-1)!.text += decodeEntities(xml.slice(at, textEnd));
    if (lt < 0) break;
    if (xml.startsWith('<?', lt)) {
      at = skipPast(xml, lt, '?>', () => malformed('has an unclosed processing instruction'));
    } else if (xml.startsWith('<!--', lt)) {
      at = skipPast(xml, lt, '-->', () => malformed('has an unclosed comment'));
    } else if (xml.startsWith('<![CDATA[', lt)) {
      const end = skipPast(xml, lt, ']]>', () => malformed('has an unclosed CDATA section'));
      open.at(-1)!.text += xml.slice(lt + 9, end - 3);
      at = end;
    } else if (xml.startsWith('<!', lt)) {
      // Document types can declare entities that expand without end; a workbook never has one.
      throw malformed('declares a document type, which a workbook never does');
    } else if (xml[lt + 1] === '/') {
      const end = xml.indexOf('>', lt);
      if (end < 0) throw malformed('ends inside a closing tag');
      const name = localName(xml.slice(lt + 2, end).trim());
      const element = open.pop()!;
      if (element === document || element.name !== name)
        throw malformed(`closes <${name}> where ${element === document ? 'nothing' : `<${element.name}>`} is open`);
      at = end + 1;
    } else {
      const end = tagEnd(xml, lt);
      if (end < 0) throw malformed('ends inside a tag');
      const selfClosing = xml[end - 1] === '/';
      const tag = xml.slice(lt + 1, selfClosing ? end - 1 : end);
      const nameEnd = tag.search(/\s|$/);
      const element: XmlElement = {
        name: localName(tag.slice(0, nameEnd)),
        attributes: attributesOf(tag.slice(nameEnd), malformed),
        children: [],
        text: '',
      };
      if (!element.name) throw malformed('has a tag without a name');
      if (++count > limits.elements) throw malformed(`has more than ${limits.elements} elements`);
      open.at(-1)!.children.push(element);
      if (!selfClosing) {
        if (open.length > limits.depth) throw malformed(`nests elements deeper than ${limits.depth}`);
        open.push(element);
      }
      at = end + 1;
    }
  }
  if (open.length > 1) throw malformed(`ends while <${open.at(-1)!.name}> is still open`);
  const root = document.children[0];
  if (!root || document.children.length > 1) throw malformed('does not have exactly one document element');
  return root;
}

/** Every element named `name` inside `element`, in document order. */
export function descendants(element: XmlElement, name: string): XmlElement[] {
  const found: XmlElement[] = [];
  const pending = [...element.children].reverse();
  while (pending.length > 0) {
    const next = pending.pop()!;
    if (next.name === name) found.push(next);
    for (let index = next.children.length - 1; index >= 0; index--) pending.push(next.children[index]!);
  }
  return found;
}

function skipPast(xml: string, from: number, terminator: string, error: () => Error): number {
  const end = xml.indexOf(terminator, from);
  if (end < 0) throw error();
  return end + terminator.length;
}

/** The `>` that ends the tag starting at `lt`; a `>` inside a quoted attribute value does not. */
function tagEnd(xml: string, lt: number): number {
  let quote = '';
  for (let index = lt + 1; index < xml.length; index++) {
    const char = xml[index]!;
    if (quote) {
      if (char === quote) quote = '';
    } else if (char === '"' || char === "'") quote = char;
    else if (char === '>') return index;
    else if (char === '<') return -1;
  }
  return -1;
}

function localName(qualified: string): string {
  return qualified.slice(qualified.indexOf(':') + 1);
}

/** Attributes written as `name="value"` or `name='value'`, read left to right. */
function attributesOf(text: string, malformed: (what: string) => Error): Record<string, string> {
  const attributes: Record<string, string> = Object.create(null);
  let at = skipSpace(text, 0);
  while (at < text.length) {
    const equals = text.indexOf('=', at);
    const name = equals < 0 ? '' : text.slice(at, equals).trim();
    if (!name || /\s/.test(name)) throw malformed('has an attribute without a value');
    const open = skipSpace(text, equals + 1);
    const quote = text[open];
    const close = quote === '"' || quote === "'" ? text.indexOf(quote, open + 1) : -1;
    if (close < 0) throw malformed(`has an attribute "${name.slice(0, 40)}" without a quoted value`);
    attributes[name] = decodeEntities(text.slice(open + 1, close));
    at = skipSpace(text, close + 1);
  }
  return attributes;
}

function skipSpace(text: string, from: number): number {
  let at = from;
  while (at < text.length && ' \t\r\n'.includes(text[at]!)) at++;
  return at;
}
