/**
 * A warning in China's national format, GB/T 35965.1-2018 应急信息交互协议 第1部分：预警信息, as the
 * 国家突发事件预警信息发布系统 and the provincial 预警信息发布中心 exchange it: a profile of CAP with
 * national elements and codes, read into the same CapAlert as a CAP 1.2 message so that it lives
 * the same life (Alert, Update and Cancel by references, expiry, the same message once). Pure.
 * docs/alerts-gbt35965.md has the mapping as a table, and says what is not verified against the
 * standard's text; the tables here are the ones it lists.
 *
 * Read as CAP 1.2 is (alert-xml.ts), except:
 * - the root `<alert>` is in no namespace, or in one other than CAP's;
 * - `senderCode` (ZZZZZZDDDUUUXX) names the sender when `<sender>` is missing; `sendTime`, which a
 *   provincial export writes, stands for `sent`;
 * - times may have a space for the `T` (2026-07-01 08:30:00+08:00) and no offset, meaning Beijing
 *   time; the model keeps them in CAP form with the offset;
 * - `status` is Actual when absent, `urgency` and `certainty` Unknown;
 * - `severity` is a warning colour (Red, Orange, Yellow, Blue, or 红色 …) or CAP's word;
 * - `eventType`, a 事件类型代码 such as 11B03 (暴雨), gives the category and the event's name;
 * - `references` may name warnings by identifier alone;
 * - `geocode` may hold division codes as text (several, separated by commas); `areaCode` too; an
 *   empty `polygon` or `circle` is no area.
 */
import {
  CAP_CATEGORIES,
  CAP_CERTAINTIES,
  CAP_SEVERITIES,
  CAP_URGENCIES,
  alertTone,
  type AlertTone,
  type CapSeverity,
} from '@linli/protocol';
import type { XmlElement } from '../import/xml-reader';
import { capInstant, childrenAt, readAlertMessage, type AlertProfile } from './alert-xml';
import type { CapAlert, CapArea } from './cap-alert';

export const GBT_35965 = 'GB/T 35965.1';

type CapCategory = (typeof CAP_CATEGORIES)[number];

const DATE_TIME = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2})([+-]\d{2}:\d{2})?$/;

/**
 * A national date and time in CAP form: `2026-07-01 08:30:00+08:00` (the standard's extended form)
 * or with a `T`; without an offset it is Beijing time, +08:00 (China has one time zone, no daylight
 * saving). Undefined for what is neither.
 */
export function nationalDateTime(text: string): string | undefined {
  const match = DATE_TIME.exec(text);
  if (!match) return undefined;
  const written = `${match[1]}T${match[2]}${match[3] ?? '+08:00'}`;
  return capInstant(written) === undefined ? undefined : written;
}

/** ZZZZZZDDDUUUXX_YYYYMMDDhhmmss_N: issuer's code, time entered, sequence (an export leaves `_N` out). */
const NATIONAL_IDENTIFIER = /^\d{6}[0-9A-Za-z]{8}_\d{14}(_\d)?$/;

/** An item of `references` that is no triplet: one identifier, or national identifiers joined by commas. */
function referencedIdentifiers(item: string): string[] | undefined {
  if (!item.includes(',')) return [item];
  const identifiers = item.split(',');
  return identifiers.every((identifier) => NATIONAL_IDENTIFIER.test(identifier)) ? identifiers : undefined;
}

/** The warning colours as senders write them, in English and in Chinese. */
const COLOURS: Record<AlertTone, readonly [english: string, chinese: string]> = {
  red: ['Red', '红色'],
  orange: ['Orange', '橙色'],
  yellow: ['Yellow', '黄色'],
  blue: ['Blue', '蓝色'],
};

/** CAP's graded severities with the colour screens give each (alertTone), read backwards. */
const GRADES = CAP_SEVERITIES.filter((severity) => severity !== 'Unknown').map((severity) => ({
  severity,
  colour: COLOURS[alertTone(severity)],
}));

const SEVERITY_WORDS = [
  ...GRADES.map((grade) => grade.colour[0]),
  ...GRADES.map((grade) => grade.colour[1]),
  ...CAP_SEVERITIES,
];

/** The CAP severity of a national `severity`: a colour (any case in English) or CAP's own word. */
export function severityOf(text: string): CapSeverity | undefined {
  const word = text.toLowerCase();
  const cap = CAP_SEVERITIES.find((severity) => severity.toLowerCase() === word);
  return cap ?? GRADES.find(({ colour }) => colour[0].toLowerCase() === word || colour[1] === text)?.severity;
}

/**
 * 事件类型代码 whose names several independent clients of the national system agree on (see the
 * doc). Meteorological (11B) and marine (11E) warnings; the rest are named by their class.
 */
const EVENT_NAMES: Readonly<Record<string, string>> = {
  '11B01': '台风',
  '11B03': '暴雨',
  '11B04': '暴雪',
  '11B05': '寒潮',
  '11B06': '大风',
  '11B07': '沙尘暴',
  '11B09': '高温',
  '11B14': '雷电',
  '11B15': '冰雹',
  '11B16': '霜冻',
  '11B17': '大雾',
  '11B19': '霾',
  '11B20': '雷雨大风',
  '11B21': '道路结冰',
  '11B22': '干旱',
  '11E02': '风暴潮',
  '11E06': '海浪',
};

/**
 * The kinds of natural disaster (11, 自然灾害) a code's third character names, in GB/T 35561's order
 * (B and E borne out by the codes above), with the CAP category each falls in. Other classes are
 * not mapped: category Other, the code kept in the event.
 */
const NATURAL_DISASTERS: readonly { prefix: string; name: string; category: CapCategory }[] = [
  { prefix: '11A', name: '水旱灾害', category: 'Met' },
  { prefix: '11B', name: '气象灾害', category: 'Met' },
  { prefix: '11C', name: '地震灾害', category: 'Geo' },
  { prefix: '11D', name: '地质灾害', category: 'Geo' },
  { prefix: '11E', name: '海洋灾害', category: 'Met' },
  { prefix: '11F', name: '生物灾害', category: 'Env' },
  { prefix: '11G', name: '森林草原火灾', category: 'Fire' },
];

/**
 * What an `eventType` says: the CAP category, and the event's name with the warning colour
 * (暴雨红色预警); a code without a name is named by its class, or 突发事件, and kept in brackets.
 */
export function eventOf(code: string, severity: CapSeverity): { category: CapCategory; event: string } {
  const kind = NATURAL_DISASTERS.find((entry) => code.startsWith(entry.prefix));
  const colour = severity === 'Unknown' ? '' : COLOURS[alertTone(severity)][1];
  const name = EVENT_NAMES[code];
  if (name) return { category: kind!.category, event: `${name}${colour}预警` };
  return { category: kind?.category ?? 'Other', event: `${kind?.name ?? '突发事件'}${colour}预警（${code}）` };
}

/** Division codes written as text: separated by commas (as an export joins them), 、, semicolons or spaces. */
function codesIn(text: string): string[] {
  return text.split(/[\s,，、;；]+/).filter((code) => code !== '');
}

const GBT_PROFILE: AlertProfile = {
  readAs: `${GBT_35965}, as the document is not in the CAP 1.2 namespace`,
  time: {
    read: nationalDateTime,
    expected: 'must be a date and time, e.g. 2026-07-01 08:30:00+08:00 (Beijing time when it has no offset)',
    inReference: 'a date and time',
  },
  sentNames: ['sent', 'sendTime'],
  defaultStatus: 'Actual',
  senderFallback: 'senderCode',
  bareReference: { identifiers: referencedIdentifiers, expected: "a warning's identifier" },
  event(read, block, at) {
    const written = read.text(block, at, 'severity', true);
    const severity = written === undefined ? undefined : severityOf(written);
    if (written !== undefined && severity === undefined)
      read.problem(`${at}/severity`, `must be one of ${SEVERITY_WORDS.join(', ')}`);
    const categories = read.many(block, at, 'category', CAP_CATEGORIES);
    const eventType = read.text(block, at, 'eventType', categories.length === 0);
    const kind = eventType === undefined ? undefined : eventOf(eventType, severity ?? 'Unknown');
    return {
      category: categories.length > 0 ? categories : kind ? [kind.category] : [],
      event: read.text(block, at, 'event', kind === undefined) ?? kind?.event ?? '',
      urgency: read.oneOf(block, at, 'urgency', CAP_URGENCIES, 'Unknown')!,
      severity: severity ?? 'Unknown',
      certainty: read.oneOf(block, at, 'certainty', CAP_CERTAINTIES, 'Unknown')!,
    };
  },
  area(read, area, at) {
    // Exports write every element, empty where there is nothing (`<polygon/>`): those are no area.
    const written = (name: string) =>
      childrenAt(area, at, name).filter(({ element }) => element.text.trim() !== '' || element.children.length > 0);
    const geocodes: CapArea['geocodes'] = [
      ...written('geocode').flatMap(({ element, at: where }) =>
        element.children.length > 0
          ? [read.geocode(element, where)]
          : codesIn(element.text).map((value) => ({ valueName: 'geocode', value })),
      ),
      ...written('areaCode').flatMap(({ element }) =>
        codesIn(element.text).map((value) => ({ valueName: 'areaCode', value })),
      ),
    ];
    return {
      areaDesc: read.text(area, at, 'areaDesc', true) ?? '',
      geocodes: [...new Map(geocodes.map((geocode) => [`${geocode.valueName}:${geocode.value}`, geocode])).values()],
      polygons: written('polygon').map((polygon) => read.polygon(polygon.element.text.trim(), polygon.at)),
      circles: written('circle').map((circle) => read.circle(circle.element.text.trim(), circle.at)),
    };
  },
};

/** The warning a GB/T 35965.1 `<alert>` element holds; CAP_INVALID naming every problem, read as that format. */
export function gbt35965AlertOf(root: XmlElement): CapAlert {
  return readAlertMessage(root, GBT_PROFILE);
}
