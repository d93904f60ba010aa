/**
 * Linli's cases at the Open311 GeoReport v2 boundary (pure): the case categories as services
 * (service_code: the category path with "_" for "/", since codes travel in file names), the nature
 * and urgency as a service definition's attributes, a POSTed form read into a case (or the spec's
 * errors: 400, or 404 for an unknown service), a case as a service request (open or closed; the
 * state in words as status_notes; Beijing times with their offset), and the XML the spec requires
 * beside JSON.
 */
import {
  CASE_NATURES,
  CASE_PHONE_PATTERN,
  CASE_TEXT_MAX,
  CASE_URGENCIES,
  type CaseCategory,
  type CaseInput,
  type CaseNature,
  type CasePublicState,
  type CaseUrgency,
} from '@linli/protocol';
import { capTime } from './cap-writer';
import { escapeXml } from './xml-text';

export const serviceCodeOf = (path: string) => path.replaceAll('/', '_');
export const categoryOfServiceCode = (code: string) => code.replaceAll('_', '/');

export interface Open311Problem {
  code: number;
  description: string;
}

/** A refusal in the spec's terms: the HTTP status and the errors its body lists. */
export class Open311Refusal extends Error {
  constructor(
    readonly status: 400 | 403 | 404,
    readonly errors: Open311Problem[],
  ) {
    super(errors.map((error) => error.description).join('; '));
  }
}

const refuse = (status: 400 | 403 | 404, description: string) =>
  new Open311Refusal(status, [{ code: status, description }]);

const NATURE_NAMES: Record<CaseNature, string> = {
  consultation: '咨询',
  help: '求助',
  complaint: '投诉',
  report: '举报',
  suggestion: '建议',
};
const URGENCY_NAMES: Record<CaseUrgency, string> = { urgent: '紧急', normal: '一般' };
export const PUBLIC_STATE_NOTES: Record<CasePublicState, string> = {
  received: '已登记，等待受理',
  'not-accepted': '不予受理',
  'in-progress': '办理中',
  replied: '已答复',
  closed: '已办结',
};

export function open311Services(categories: readonly CaseCategory[]) {
  const byPath = new Map(categories.map((category) => [category.path, category]));
  return categories.map((category) => ({
    service_code: serviceCodeOf(category.path),
    service_name: category.names['zh-Hans'],
    description: category.names.en,
    metadata: true,
    type: 'realtime',
    keywords: [category.names['zh-Hant'], category.names.en].join(','),
    group: byPath.get(category.path.split('/')[0]!)!.names['zh-Hans'],
  }));
}

/** What every service asks beside the spec's fields: the nature of the case (求助 when not said) and its urgency. */
export function open311Definition(category: CaseCategory) {
  return {
    service_code: serviceCodeOf(category.path),
    attributes: [
      {
        variable: true,
        code: 'nature',
        datatype: 'singlevaluelist',
        required: false,
        datatype_description: '诉求类型（不填为求助）',
        order: 1,
        description: '诉求类型',
        values: CASE_NATURES.map((nature) => ({ key: nature, name: NATURE_NAMES[nature] })),
      },
      {
        variable: true,
        code: 'urgency',
        datatype: 'singlevaluelist',
        required: false,
        datatype_description: '紧急程度（不填为一般）',
        order: 2,
        description: '紧急程度',
        values: CASE_URGENCIES.map((urgency) => ({ key: urgency, name: URGENCY_NAMES[urgency] })),
      },
    ],
  };
}

/** A form's fields, each with every value it was given; an empty value is no value (the spec says so). */
export type Open311Form = Map<string, string[]>;

export function readOpen311Form(body: string): Open311Form {
  const form: Open311Form = new Map();
  for (const [name, value] of new URLSearchParams(body)) {
    if (value === '') continue;
    form.set(name, [...(form.get(name) ?? []), value]);
  }
  return form;
}

const PHONE = new RegExp(CASE_PHONE_PATTERN);

/** A POSTed request as a case, or the refusal naming what is wrong. */
export function caseOfOpen311Request(
  form: Open311Form,
  category: (path: string) => CaseCategory | undefined,
): CaseInput {
  const one = (name: string) => form.get(name)?.[0];
  const code = one('service_code');
  if (!code) throw refuse(400, 'service_code is required');
  const found = /^[a-z0-9_-]{1,120}$/.test(code) ? category(categoryOfServiceCode(code)) : undefined;
  if (!found) throw refuse(404, `service_code ${code} is not a service here`);
  const [lat, long] = [one('lat'), one('long')].map((value) => (value === undefined ? undefined : Number(value)));
  const address = one('address_string');
  const addressId = one('address_id');
  const problems: string[] = [];
  const located = lat !== undefined && long !== undefined;
  if (!located && !address && !addressId)
    problems.push('a location is required: lat and long, address_string or address_id');
  if (located && !(Math.abs(lat) <= 90 && Math.abs(long) <= 180)) problems.push('lat and long must be WGS84 degrees');
  const description = one('description')?.trim();
  if (!description) problems.push('description is required: say what the request is about');
  else if (description.length > CASE_TEXT_MAX) problems.push(`description is longer than ${CASE_TEXT_MAX} characters`);
  if (address && address.length > 120) problems.push('address_string is longer than 120 characters');
  if (addressId && !/^[A-Za-z0-9._-]{1,64}$/.test(addressId)) problems.push('address_id is not an address id');
  const nature = one('attribute[nature]') ?? 'help';
  if (!(CASE_NATURES as readonly string[]).includes(nature))
    problems.push(`attribute[nature] ${nature} is not a nature`);
  const urgency = one('attribute[urgency]') ?? 'normal';
  if (!(CASE_URGENCIES as readonly string[]).includes(urgency))
    problems.push(`attribute[urgency] ${urgency} is not an urgency`);
  const phone = one('phone')?.replace(/\s/g, '');
  if (phone && !PHONE.test(phone)) problems.push('phone is not a mobile number or a landline with its area code');
  const name = `${one('last_name') ?? ''}${one('first_name') ?? ''}`.trim().slice(0, 40);
  if (problems.length > 0)
    throw new Open311Refusal(
      400,
      problems.map((description) => ({ code: 400, description })),
    );
  return {
    nature: nature as CaseNature,
    category: found.path,
    urgency: urgency as CaseUrgency,
    description: description!,
    location: {
      ...(address && { text: address }),
      ...(addressId && { addressId }),
      ...(located && { lat, long }),
    },
    ...((name || phone) && { contact: { ...(name && { name }), ...(phone && { phone }) } }),
  };
}

/** What a service request shows of a case (nothing that names the resident). */
export interface Open311CaseFacts {
  tracking: string;
  state: CasePublicState;
  category: CaseCategory;
  description: string;
  location: CaseInput['location'];
  assigneeName: string | undefined;
  receivedAt: string;
  updatedAt: string;
  replyBy: string;
  /** Once answered: what the resident was told. */
  reply: string | undefined;
}

export function open311Request(facts: Open311CaseFacts) {
  return {
    service_request_id: facts.tracking,
    status: facts.state === 'closed' || facts.state === 'not-accepted' ? 'closed' : 'open',
    // Answered, the answer says most; before that, where the case stands.
    status_notes: facts.reply ?? PUBLIC_STATE_NOTES[facts.state],
    service_name: facts.category.names['zh-Hans'],
    service_code: serviceCodeOf(facts.category.path),
    description: facts.description,
    agency_responsible: facts.assigneeName ?? '',
    service_notice: '',
    requested_datetime: capTime(new Date(facts.receivedAt)),
    updated_datetime: capTime(new Date(facts.updatedAt)),
    // The reply is due by the end of that Beijing day.
    expected_datetime: `${facts.replyBy}T23:59:59+08:00`,
    address: facts.location?.text ?? '',
    address_id: facts.location?.addressId ?? '',
    zipcode: '',
    ...(facts.location?.lat !== undefined && { lat: facts.location.lat, long: facts.location.long }),
    media_url: '',
  };
}

// ---- XML ---------------------------------------------------------------------------------------

/** The element each collection's items take, as the spec's examples name them. */
const ITEM_NAMES: Record<string, string> = {
  services: 'service',
  service_requests: 'request',
  attributes: 'attribute',
  values: 'value',
  endpoints: 'endpoint',
  formats: 'format',
  errors: 'error',
};

function element(name: string, value: unknown): string {
  if (value === undefined || value === null) return `<${name}/>`;
  if (Array.isArray(value))
    return `<${name}>${value.map((item) => element(ITEM_NAMES[name] ?? 'item', item)).join('')}</${name}>`;
  if (typeof value === 'object')
    return `<${name}>${Object.entries(value)
      .map(([key, inner]) => element(key, inner))
      .join('')}</${name}>`;
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

/** A reply as the spec's XML: a collection under its root (`services`, `service_requests`, `errors`) or one object. */
export function open311Xml(root: string, value: unknown): string {
  return `<?xml version="1.0" encoding="utf-8"?>${element(root, value)}`;
}
