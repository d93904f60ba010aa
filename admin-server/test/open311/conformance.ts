/**
 * A conformance check for any Open311 GeoReport v2 server, over real HTTP: discovery, services and
 * their definitions, the refusals the spec names, GET requests with each filter and, given an
 * api_key, a POSTed request followed to its id. Each departure from the spec is a finding with a
 * stable rule id (OPEN311_RULES, plus the per-area rules of SharedRule); none means the server
 * conforms as far as a client can see.
 *
 * The rules come from the spec (wiki.open311.org GeoReport_v2 and Service_Discovery, mirrored in
 * open311/open311.github.io), from SeeClickFix/open311-validator, and from FixMyStreet's
 * Open311::Endpoint::Schema. Where the spec makes something optional the check does too: JSON is
 * read only where discovery lists it, optional fields only when they are present and not empty.
 */
import { readXml, type XmlElement } from '../../src/import/xml-reader';

export interface Open311Finding {
  rule: string;
  url: string;
  message: string;
}

export interface Open311CheckOptions {
  /** The endpoint, without a trailing slash: `http://127.0.0.1:PORT/open311/v2`. */
  baseUrl: string;
  /** When given, a test request is also POSTed (in each format) and followed. */
  apiKey?: string;
  jurisdictionId?: string;
  /**
   * What the test requests say; by default the first service, an address and each required attribute.
   * A serviceCode the server does not list means nothing is POSTed.
   */
  postSample?: {
    serviceCode?: string;
    lat?: number;
    long?: number;
    addressString?: string;
    description?: string;
    attributes?: Record<string, string | string[]>;
  };
  fetch?: typeof fetch;
}

type Format = 'xml' | 'json';
type Area = 'discovery' | 'services' | 'definition' | 'errors' | 'post' | 'tokens' | 'request' | 'requests';

/** Rules every area has, named after it: `services.xml-content-type`, `requests.shape`. */
type SharedRule =
  `${Area}.${Format}-content-type` | `${Area}.${Format}-wellformed` | `${Area}.shape` | `${Area}.http-status`;

export const OPEN311_RULES = {
  'http.reachable': 'every request gets an HTTP answer',
  'discovery.both-formats': '/discovery.xml and /discovery.json both answer 200',
  'discovery.changeset':
    "the document's and each endpoint's changeset is a W3C date-time with a zone, not in the future",
  'discovery.contact': 'contact is given',
  'discovery.key-service': 'key_service is given',
  'discovery.endpoints': 'endpoints is a list with at least one GeoReport v2 endpoint',
  'discovery.endpoint-fields': 'each endpoint has a specification and an absolute url',
  'discovery.endpoint-type': 'each endpoint has type production or test',
  'discovery.endpoint-formats': 'each endpoint lists MIME types in formats, a v2 endpoint XML among them',
  'discovery.formats-agree': 'discovery.json and discovery.xml say the same thing',
  'services.not-empty': 'at least one service',
  'services.fields': 'each service has service_code and service_name',
  'services.metadata': 'metadata is true or false',
  'services.type': 'type is realtime, batch or blackbox',
  'services.unique-codes': 'no service_code is listed twice',
  'services.formats-agree': 'services.json and services.xml list the same codes',
  'definition.service-code': "a definition's service_code is the one asked for",
  'definition.attribute-fields': 'each attribute has variable and required (true or false) and a unique code',
  'definition.attribute-datatype': 'datatype is string, number, datetime, text, singlevaluelist or multivaluelist',
  'definition.attribute-order': 'order is a positive integer, unique within the service',
  'definition.attribute-values': 'a list datatype has values, each with key and name',
  'definition.unknown-404': "an unknown service's definition is 404 with an error body",
  'errors.fields': 'an error body lists at least one error, each with code and description',
  'post.api-key-required': 'a POST without api_key, or with a wrong one, is refused 403',
  'post.service-code-required': 'a POST without service_code is refused 400',
  'post.unknown-service': 'a POST for an unknown service_code is refused 404',
  'post.location-required': 'a POST without lat/long, address_string or address_id is refused 400',
  'post.description-limit': 'a description over 4,000 characters is refused 400',
  'post.response': 'a POST answers service_request_id (realtime) or token (batch), never both',
  'tokens.resolves': "a POST's token is listed at /tokens/{token}",
  'tokens.unknown-404': 'an unknown token is 404 with an error body (asked only when a service is batch)',
  'request.one': '/requests/{id} lists exactly that request, of the service it was posted for',
  'request.unknown-404': 'an unknown service_request_id is 404 with an error body',
  'requests.fields': 'each request has service_request_id and service_code',
  'requests.status-value': 'status is open or closed',
  'requests.datetime': 'requested_datetime (and updated/expected_datetime when given) are W3C date-times with a zone',
  'requests.coordinates': 'lat and long, when given, are both numbers in WGS84 range',
  'requests.default-window': 'without filters: at most 1,000 requests, none outside the last 90 days',
  'requests.status-filter':
    'status=open lists only open requests, status=closed only closed ones, status=open,closed both',
  'requests.service-code-filter': 'service_code (a comma list) lists only, and all, requests of those services',
  'requests.empty-argument': 'an optional argument passed empty is treated as not passed',
  'requests.id-overrides': 'service_request_id (a comma list) overrides every other argument',
  'requests.date-filter': 'start_date and end_date bound requested_datetime',
  'requests.span-limit': 'a window over 90 days is refused 400 or answered within the window',
} as const;

type Rule = keyof typeof OPEN311_RULES | SharedRule;

const FORMATS = ['xml', 'json'] as const;
/**
 * The spec's XML "should be Content-Type: text/xml"; application/xml (RFC 7303's name for the same
 * thing) is accepted too, and so is a type without charset (JSON is UTF-8 by definition, and the
 * XML declaration, which is checked, names the encoding). Another charset is a finding.
 */
const MEDIA_TYPES: Record<Format, readonly string[]> = {
  xml: ['text/xml', 'application/xml'],
  json: ['application/json'],
};
/** What each area's body is: the XML root element, and a JSON array or object. */
const SHAPES: Record<Area, { root: string; json: 'array' | 'object' }> = {
  discovery: { root: 'discovery', json: 'object' },
  services: { root: 'services', json: 'array' },
  definition: { root: 'service_definition', json: 'object' },
  errors: { root: 'errors', json: 'array' },
  post: { root: 'service_requests', json: 'array' },
  tokens: { root: 'service_requests', json: 'array' },
  request: { root: 'service_requests', json: 'array' },
  requests: { root: 'service_requests', json: 'array' },
};
/** XML elements that hold a list, and the name of their items (JSON has an array in their place). */
const XML_ITEMS: Record<string, string> = {
  services: 'service',
  service_requests: 'request',
  attributes: 'attribute',
  values: 'value',
  endpoints: 'endpoint',
  formats: 'format',
  errors: 'error',
};
const XML_LIMITS = { elements: 200_000, depth: 32 };
const DATATYPES = ['string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist'];
const LIST_DATATYPES = ['singlevaluelist', 'multivaluelist'];
const SERVICE_TYPES = ['realtime', 'batch', 'blackbox'];
const DESCRIPTION_MAX = 4000;
const MAX_REQUESTS = 1000;
const DAY_MS = 86_400_000;
const SPAN_MS = 90 * DAY_MS;
/** A server's clock may run a little ahead of ours; "in the future" means beyond this. */
const CLOCK_SKEW_MS = 5 * 60_000;
const REQUEST_TIMEOUT_MS = 10_000;
/** A service_code, service_request_id and token no server has, for the 404s; an api_key none issued. */
const UNKNOWN_CODE = 'open311-conformance-no-such-service';
const UNKNOWN_ID = 'open311-conformance-no-such-request';
const UNKNOWN_TOKEN = 'open311-conformance-no-such-token';
const WRONG_KEY = 'open311-conformance-not-a-key';
/** W3C NOTE-datetime at minute precision or finer, with its zone (the spec requires one). */
const W3C_DATETIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|[+-](\d{2}):(\d{2}))$/;

interface Reply {
  url: string;
  status: number;
  contentType: string;
  body: string;
}

interface Service {
  code: string;
  metadata: boolean;
  type: string;
}

interface Attribute {
  code: string;
  datatype: string;
  required: boolean;
  keys: string[];
}

/** A request as the filters need it. */
interface Listed {
  id: string;
  code: string | undefined;
  status: string | undefined;
  requestedAt: number | undefined;
}

type Fields = Record<string, string | string[]>;

export async function checkOpen311Server(options: Open311CheckOptions): Promise<Open311Finding[]> {
  const session = new Session(options);
  const formats = await checkDiscovery(session);
  // Nothing else can be asked of a server that does not answer.
  if (session.findings.some((finding) => finding.rule === 'http.reachable')) return session.findings;
  const services = await checkServices(session, formats);
  const definitions = await checkDefinitions(session, formats, services);
  const wanted = options.postSample?.serviceCode;
  const service = wanted ? services.find((entry) => entry.code === wanted) : services[0];
  const posted: string[] = [];
  if (service) {
    const sample = sampleFields(options, service, definitions.get(service.code) ?? []);
    await checkRefusals(session, formats, sample);
    if (options.apiKey) posted.push(...(await checkPost(session, formats, service, sample)));
  }
  await checkRequests(session, formats, posted);
  // Tokens are a resource only where some service answers with one.
  if (services.some((entry) => entry.type === 'batch')) await checkNotFound(session, formats, 'tokens', UNKNOWN_TOKEN);
  return session.findings;
}

// ---- Discovery ---------------------------------------------------------------------------------

/** The formats the endpoint serves: XML always, JSON when discovery lists it. */
async function checkDiscovery(session: Session): Promise<Format[]> {
  const documents = new Map<Format, { url: string; document: Record<string, unknown> }>();
  for (const format of FORMATS) {
    const reply = await session.get(`/discovery.${format}`);
    if (!reply) continue;
    if (reply.status !== 200) {
      session.report(
        'discovery.both-formats',
        reply.url,
        `answered ${reply.status}; discovery must be served as XML and JSON`,
      );
      continue;
    }
    const document = session.read('discovery', format, reply);
    if (!isRecord(document)) continue;
    checkDiscoveryDocument(session, reply.url, document);
    documents.set(format, { url: reply.url, document });
  }
  const [xml, json] = [documents.get('xml'), documents.get('json')];
  if (xml && json) {
    const keys = [...new Set([...Object.keys(xml.document), ...Object.keys(json.document)])];
    const differing = keys.filter((key) => canonical(xml.document[key]) !== canonical(json.document[key]));
    if (differing.length > 0)
      session.report('discovery.formats-agree', json.url, `differs from discovery.xml in ${differing.join(', ')}`);
  }
  const endpoint = ownEndpoint(session.options.baseUrl, (xml ?? json)?.document);
  const listed = endpoint && Array.isArray(endpoint.formats) ? endpoint.formats.map(scalar) : [];
  return listed.some((format) => format?.toLowerCase() === 'application/json') ? ['xml', 'json'] : ['xml'];
}

function checkDiscoveryDocument(session: Session, url: string, document: Record<string, unknown>) {
  checkChangeset(session, url, 'changeset', document.changeset);
  if (!scalar(document.contact)) session.report('discovery.contact', url, 'contact is missing or empty');
  if (!scalar(document.key_service)) session.report('discovery.key-service', url, 'key_service is missing or empty');
  const endpoints = document.endpoints;
  if (!Array.isArray(endpoints) || endpoints.length === 0) {
    session.report('discovery.endpoints', url, 'endpoints is not a list of at least one endpoint');
    return;
  }
  endpoints.forEach((endpoint, index) => {
    const where = `endpoints[${index}]`;
    if (!isRecord(endpoint)) {
      session.report('discovery.endpoint-fields', url, `${where} is not an endpoint`);
      return;
    }
    const address = scalar(endpoint.url);
    if (!scalar(endpoint.specification))
      session.report('discovery.endpoint-fields', url, `${where} has no specification`);
    if (!address || !/^https?:\/\//i.test(address) || !URL.canParse(address))
      session.report(
        'discovery.endpoint-fields',
        url,
        `${where}.url "${address ?? ''}" is not an absolute http(s) URL`,
      );
    checkChangeset(session, url, `${where}.changeset`, endpoint.changeset);
    const type = scalar(endpoint.type);
    if (type !== 'production' && type !== 'test')
      session.report('discovery.endpoint-type', url, `${where}.type is "${type ?? ''}", not production or test`);
    const formats = Array.isArray(endpoint.formats) ? endpoint.formats.map(scalar) : [];
    if (formats.length === 0 || formats.some((format) => !format || !/^[\w.+-]+\/[\w.+-]+$/.test(format)))
      session.report('discovery.endpoint-formats', url, `${where}.formats is not a list of MIME types`);
    else if (isGeoReportV2(endpoint) && !formats.some((format) => MEDIA_TYPES.xml.includes(format!.toLowerCase())))
      session.report('discovery.endpoint-formats', url, `${where} does not list text/xml, which GeoReport v2 requires`);
  });
  if (!endpoints.some(isGeoReportV2))
    session.report(
      'discovery.endpoints',
      url,
      'no endpoint has the specification http://wiki.open311.org/GeoReport_v2',
    );
}

function checkChangeset(session: Session, url: string, name: string, value: unknown) {
  const text = scalar(value);
  const instant = w3cInstant(text);
  if (instant === undefined)
    session.report('discovery.changeset', url, `${name} "${text ?? ''}" is not a W3C date-time with a zone`);
  else if (instant > Date.now() + CLOCK_SKEW_MS)
    session.report('discovery.changeset', url, `${name} ${text} is in the future`);
}

function isGeoReportV2(endpoint: unknown): endpoint is Record<string, unknown> {
  return isRecord(endpoint) && /GeoReport_v2\/?$/i.test(scalar(endpoint.specification) ?? '');
}

/** The v2 endpoint being checked: the one at baseUrl, else the first (discovery may name a public address). */
function ownEndpoint(baseUrl: string, document: Record<string, unknown> | undefined) {
  const endpoints = Array.isArray(document?.endpoints) ? document.endpoints.filter(isGeoReportV2) : [];
  const trimmed = (url: string | undefined) => url?.replace(/\/+$/, '');
  return endpoints.find((endpoint) => trimmed(scalar(endpoint.url)) === trimmed(baseUrl)) ?? endpoints[0];
}

// ---- Services and their definitions ------------------------------------------------------------

async function checkServices(session: Session, formats: readonly Format[]): Promise<Service[]> {
  const listed = new Map<Format, { url: string; services: Service[] }>();
  for (const format of formats) {
    const reply = await session.getOk('services', `/services.${format}`);
    const list = reply && session.read('services', format, reply);
    if (!reply || !Array.isArray(list)) continue;
    if (list.length === 0) session.report('services.not-empty', reply.url, 'lists no service');
    const services = list.flatMap((item, index) => serviceOf(session, reply.url, item, index) ?? []);
    const codes = services.map((service) => service.code);
    const repeated = codes.filter((code, index) => codes.indexOf(code) !== index);
    if (repeated.length > 0)
      session.report('services.unique-codes', reply.url, `lists service_code ${repeated.join(', ')} more than once`);
    listed.set(format, { url: reply.url, services });
  }
  const [xml, json] = [listed.get('xml'), listed.get('json')];
  const codesOf = (entry: { services: Service[] }) => entry.services.map((service) => service.code).sort();
  if (xml && json && codesOf(xml).join('\n') !== codesOf(json).join('\n'))
    session.report(
      'services.formats-agree',
      json.url,
      `lists ${codesOf(json).join(', ')} where services.xml lists ${codesOf(xml).join(', ')}`,
    );
  return (xml ?? json)?.services ?? [];
}

function serviceOf(session: Session, url: string, item: unknown, index: number): Service | undefined {
  if (!isRecord(item)) {
    session.report('services.fields', url, `service #${index + 1} is not an object`);
    return undefined;
  }
  const code = scalar(item.service_code);
  const where = `service ${code ?? `#${index + 1}`}`;
  if (!code || !scalar(item.service_name))
    session.report('services.fields', url, `${where} lacks ${code ? 'service_name' : 'service_code'}`);
  const metadata = trueOrFalse(item.metadata);
  if (metadata === undefined) session.report('services.metadata', url, `${where}: metadata is not true or false`);
  const type = scalar(item.type) ?? '';
  if (!SERVICE_TYPES.includes(type))
    session.report('services.type', url, `${where}: type "${type}" is not realtime, batch or blackbox`);
  return code ? { code, metadata: metadata === true, type } : undefined;
}

/** Each service's attributes by its code, as the first format read them. */
async function checkDefinitions(
  session: Session,
  formats: readonly Format[],
  services: readonly Service[],
): Promise<Map<string, Attribute[]>> {
  const definitions = new Map<string, Attribute[]>();
  for (const service of services.filter((entry) => entry.metadata))
    for (const format of formats) {
      const reply = await session.getOk('definition', `/services/${encodeURIComponent(service.code)}.${format}`);
      const definition = reply && session.read('definition', format, reply);
      if (!reply || !isRecord(definition)) continue;
      const attributes = checkDefinition(session, reply.url, service.code, definition);
      if (!definitions.has(service.code)) definitions.set(service.code, attributes);
    }
  for (const format of formats) {
    const reply = await session.get(`/services/${UNKNOWN_CODE}.${format}`);
    if (reply) session.expectRefusal('definition.unknown-404', format, reply, 404);
  }
  return definitions;
}

function checkDefinition(session: Session, url: string, code: string, definition: Record<string, unknown>) {
  const asked = scalar(definition.service_code);
  if (asked !== code) session.report('definition.service-code', url, `service_code is "${asked ?? ''}", not ${code}`);
  if (!Array.isArray(definition.attributes)) {
    session.report('definition.shape', url, 'has no attributes list');
    return [];
  }
  const attributes: Attribute[] = [];
  const codes = new Set<string>();
  const orders = new Set<number>();
  definition.attributes.forEach((attribute, index) => {
    if (!isRecord(attribute)) {
      session.report('definition.attribute-fields', url, `attribute #${index + 1} is not an object`);
      return;
    }
    const code = scalar(attribute.code);
    const where = `attribute ${code ?? `#${index + 1}`}`;
    const variable = trueOrFalse(attribute.variable);
    const required = trueOrFalse(attribute.required);
    if (!code || codes.has(code))
      session.report('definition.attribute-fields', url, `${where}: code missing or repeated`);
    if (variable === undefined || required === undefined)
      session.report('definition.attribute-fields', url, `${where}: variable and required must be true or false`);
    const datatype = scalar(attribute.datatype) ?? '';
    if (!DATATYPES.includes(datatype))
      session.report('definition.attribute-datatype', url, `${where}: datatype "${datatype}" is not one of the spec's`);
    const order = Number(scalar(attribute.order));
    if (!Number.isInteger(order) || order < 1 || orders.has(order))
      session.report(
        'definition.attribute-order',
        url,
        `${where}: order ${scalar(attribute.order) ?? 'missing'} is not a positive integer of its own`,
      );
    const values = Array.isArray(attribute.values) ? attribute.values : [];
    const keys = values.map((value) => (isRecord(value) && scalar(value.name) ? scalar(value.key) : undefined));
    if (LIST_DATATYPES.includes(datatype) && (keys.length === 0 || keys.includes(undefined)))
      session.report(
        'definition.attribute-values',
        url,
        `${where}: a ${datatype} needs values, each with key and name`,
      );
    if (code) codes.add(code);
    orders.add(order);
    if (code)
      attributes.push({ code, datatype, required: required === true, keys: keys.filter((key) => key !== undefined) });
  });
  return attributes;
}

// ---- POST --------------------------------------------------------------------------------------

/** A valid request for `service`, without api_key: the sample's values, else an address and each required attribute. */
function sampleFields(options: Open311CheckOptions, service: Service, attributes: readonly Attribute[]): Fields {
  const sample = options.postSample ?? {};
  const fields: Fields = {
    service_code: service.code,
    description: sample.description ?? 'Open311 conformance check: a test request, please close it.',
  };
  if (sample.lat !== undefined && sample.long !== undefined) {
    fields.lat = String(sample.lat);
    fields.long = String(sample.long);
  }
  if (sample.addressString || fields.lat === undefined)
    fields.address_string = sample.addressString ?? 'Open311 conformance check';
  for (const attribute of attributes.filter((entry) => entry.required)) {
    const value = sampleValue(attribute);
    fields[
      attribute.datatype === 'multivaluelist' ? `attribute[${attribute.code}][]` : `attribute[${attribute.code}]`
    ] = value;
  }
  for (const [code, value] of Object.entries(sample.attributes ?? {}))
    fields[Array.isArray(value) ? `attribute[${code}][]` : `attribute[${code}]`] = value;
  return fields;
}

function sampleValue(attribute: Attribute): string {
  if (LIST_DATATYPES.includes(attribute.datatype)) return attribute.keys[0] ?? '';
  if (attribute.datatype === 'number') return '1';
  if (attribute.datatype === 'datetime') return w3c(Date.now());
  return 'Open311 conformance check';
}

/**
 * The refusals: 403 without a key or with a wrong one (always asked); with the key, 404 and 400 for
 * what the form lacks or overdoes. The spec says only that a description is "limited to 4,000
 * characters"; going over is an error where "the request can not be fulfilled as expected": 400.
 */
async function checkRefusals(session: Session, formats: readonly Format[], sample: Fields) {
  const { apiKey } = session.options;
  const keyed = { ...sample, api_key: apiKey ?? '' };
  const without = (...names: string[]) =>
    Object.fromEntries(Object.entries(keyed).filter(([name]) => !names.includes(name)));
  const refusals: [Rule, Fields, number][] = [
    ['post.api-key-required', sample, 403],
    ['post.api-key-required', { ...sample, api_key: WRONG_KEY }, 403],
    ...(apiKey
      ? ([
          ['post.service-code-required', without('service_code'), 400],
          ['post.unknown-service', { ...keyed, service_code: UNKNOWN_CODE }, 404],
          ['post.location-required', without('lat', 'long', 'address_string', 'address_id'), 400],
          ['post.description-limit', { ...keyed, description: 'x'.repeat(DESCRIPTION_MAX + 1) }, 400],
        ] satisfies [Rule, Fields, number][])
      : []),
  ];
  for (const format of formats)
    for (const [rule, fields, status] of refusals) {
      const reply = await session.post(`/requests.${format}`, fields);
      if (reply) session.expectRefusal(rule, format, reply, status);
    }
}

/** POSTs the sample in each format and follows it; the ids created. */
async function checkPost(session: Session, formats: readonly Format[], service: Service, sample: Fields) {
  const ids: string[] = [];
  for (const format of formats) {
    const reply = await session.post(`/requests.${format}`, { ...sample, api_key: session.options.apiKey! });
    if (!reply) continue;
    // The spec's example answers 200; 201 Created says the same, so either is taken.
    if (reply.status !== 200 && reply.status !== 201) {
      session.report('post.http-status', reply.url, `answered ${reply.status}: ${reply.body.slice(0, 200)}`);
      continue;
    }
    const created = session.read('post', format, reply);
    if (!Array.isArray(created)) continue;
    const first: unknown = created[0];
    const token = isRecord(first) ? scalar(first.token) : undefined;
    let id = isRecord(first) ? scalar(first.service_request_id) : undefined;
    if ((service.type === 'realtime' && !id) || (service.type === 'batch' && !id && !token))
      session.report(
        'post.response',
        reply.url,
        `a ${service.type} service answered neither service_request_id nor token`,
      );
    // "This should not be returned if token is returned", and the other way round.
    if (id && token) session.report('post.response', reply.url, 'answered both service_request_id and token');
    if (token && !id) id = await followToken(session, format, token);
    if (id && (await checkPosted(session, format, id, service.code))) ids.push(id);
  }
  return ids;
}

/** The id a token stands for, once the server has one. */
async function followToken(session: Session, format: Format, token: string): Promise<string | undefined> {
  const reply = await session.getOk('tokens', `/tokens/${encodeURIComponent(token)}.${format}`);
  const list = reply && session.read('tokens', format, reply);
  if (!reply || !Array.isArray(list)) return undefined;
  const entry = list.find((item) => isRecord(item) && scalar(item.token) === token);
  if (!isRecord(entry)) session.report('tokens.resolves', reply.url, `does not list token ${token}`);
  return isRecord(entry) ? scalar(entry.service_request_id) : undefined;
}

/** Whether /requests/{id} shows the request just posted. */
async function checkPosted(session: Session, format: Format, id: string, code: string): Promise<boolean> {
  const reply = await session.getOk('request', `/requests/${encodeURIComponent(id)}.${format}`);
  const list = reply && session.read('request', format, reply);
  if (!reply || !Array.isArray(list)) return false;
  checkRequestItems(session, format, reply.url, list);
  const [only] = list;
  const shown = isRecord(only) ? [scalar(only.service_request_id), scalar(only.service_code)] : [];
  if (list.length !== 1 || shown[0] !== id || shown[1] !== code) {
    session.report('request.one', reply.url, `lists ${list.length} request(s), not just ${id} of service ${code}`);
    return false;
  }
  return true;
}

// ---- GET requests ------------------------------------------------------------------------------

async function checkRequests(session: Session, formats: readonly Format[], posted: readonly string[]) {
  let listed: Listed[] = [];
  for (const format of formats) {
    const reply = await session.getOk('requests', `/requests.${format}`);
    const list = reply && session.read('requests', format, reply);
    if (!reply || !Array.isArray(list)) continue;
    checkRequestItems(session, format, reply.url, list);
    const items = listedOf(list);
    const now = Date.now();
    const outside = items.filter(
      ({ requestedAt }) =>
        requestedAt !== undefined && (requestedAt < now - SPAN_MS - CLOCK_SKEW_MS || requestedAt > now + CLOCK_SKEW_MS),
    );
    if (list.length > MAX_REQUESTS || outside.length > 0)
      session.report(
        'requests.default-window',
        reply.url,
        `lists ${list.length} requests, ${outside.length} of them requested outside the last 90 days`,
      );
    if (listed.length === 0) listed = items;
  }
  await checkNotFound(session, formats, 'request', UNKNOWN_ID);
  // The filters mean the same in every format: XML, which every server serves, is enough.
  const known = [...listed.filter((item) => posted.includes(item.id)), ...listed];
  await checkEmptyArguments(session, listed);
  await checkStatusFilter(session);
  await checkServiceCodeFilter(
    session,
    known.find((item) => item.code !== undefined),
  );
  await checkIdsOverride(session, known);
  await checkDateFilter(
    session,
    known.find((item) => item.requestedAt !== undefined),
  );
  await checkSpanLimit(session);
}

function checkRequestItems(session: Session, format: Format, url: string, list: readonly unknown[]) {
  list.forEach((item, index) => {
    if (!isRecord(item)) {
      session.report('requests.fields', url, `request #${index + 1} is not an object`);
      return;
    }
    const id = scalar(item.service_request_id);
    const where = `request ${id ?? `#${index + 1}`}`;
    const missing = ['service_request_id', 'service_code'].filter((name) => !scalar(item[name]));
    if (missing.length > 0) session.report('requests.fields', url, `${where} lacks ${missing.join(' and ')}`);
    const status = scalar(item.status);
    if (status !== 'open' && status !== 'closed')
      session.report('requests.status-value', url, `${where}: status "${status ?? ''}" is not open or closed`);
    for (const name of ['requested_datetime', 'updated_datetime', 'expected_datetime']) {
      const text = scalar(item[name]);
      if ((text || name === 'requested_datetime') && w3cInstant(text) === undefined)
        session.report(
          'requests.datetime',
          url,
          `${where}: ${name} "${text ?? ''}" is not a W3C date-time with a zone`,
        );
    }
    const [lat, long] = [item.lat, item.long].map((value) => coordinate(format, value));
    const inRange = lat !== undefined && long !== undefined && Math.abs(lat) <= 90 && Math.abs(long) <= 180;
    if ((scalar(item.lat) !== undefined || scalar(item.long) !== undefined) && !inRange)
      session.report(
        'requests.coordinates',
        url,
        `${where}: lat ${scalar(item.lat)}, long ${scalar(item.long)} are not WGS84 numbers`,
      );
  });
}

/** A JSON number, or XML text that reads as one. */
function coordinate(format: Format, value: unknown): number | undefined {
  const number = format === 'json' ? (typeof value === 'number' ? value : NaN) : Number(scalar(value) ?? NaN);
  return Number.isFinite(number) ? number : undefined;
}

function listedOf(list: readonly unknown[]): Listed[] {
  return list.filter(isRecord).flatMap((item) => {
    const id = scalar(item.service_request_id);
    const requestedAt = w3cInstant(scalar(item.requested_datetime));
    return id ? [{ id, code: scalar(item.service_code), status: scalar(item.status), requestedAt }] : [];
  });
}

/** The requests a query lists, checked as any list is; undefined when it is not answered 200 with one. */
async function query(session: Session, parameters: Record<string, string>) {
  const reply = await session.getOk('requests', '/requests.xml', parameters);
  const list = reply && session.read('requests', 'xml', reply);
  if (!reply || !Array.isArray(list)) return undefined;
  checkRequestItems(session, 'xml', reply.url, list);
  return { url: reply.url, items: listedOf(list) };
}

/** `/requests/{id}` or `/tokens/{token}` for one that does not exist: 404 and the errors. */
async function checkNotFound(session: Session, formats: readonly Format[], area: 'request' | 'tokens', name: string) {
  for (const format of formats) {
    const reply = await session.get(`/${area === 'request' ? 'requests' : 'tokens'}/${name}.${format}`);
    if (reply) session.expectRefusal(`${area}.unknown-404`, format, reply, 404);
  }
}

/** "Optional" means the same answer whether an argument is passed empty or not at all. */
async function checkEmptyArguments(session: Session, unfiltered: readonly Listed[]) {
  const empty = { service_request_id: '', service_code: '', status: '', start_date: '', end_date: '' };
  const reply = await session.get('/requests.xml', empty);
  if (!reply) return;
  const list = reply.status === 200 ? session.read('requests', 'xml', reply) : undefined;
  if (!Array.isArray(list)) {
    session.report('requests.empty-argument', reply.url, `answered ${reply.status}: ${reply.body.slice(0, 200)}`);
    return;
  }
  // The default window moved on a little since the unfiltered query: compare well inside it.
  const since = Date.now() - SPAN_MS + DAY_MS;
  const found = new Set(listedOf(list).map((item) => item.id));
  const missing = unfiltered.filter((item) => (item.requestedAt ?? 0) > since && !found.has(item.id));
  if (unfiltered.length < MAX_REQUESTS && missing.length > 0)
    session.report(
      'requests.empty-argument',
      reply.url,
      `leaves out ${missing.map((item) => item.id).join(', ')}, which the query without arguments lists`,
    );
}

/** Each status alone lists only its own; both, comma-delimited as the spec allows, list all of either. */
async function checkStatusFilter(session: Session) {
  const each: Listed[] = [];
  for (const status of ['open', 'closed']) {
    const found = await query(session, { status });
    const others = found?.items.filter((item) => item.status !== status) ?? [];
    if (found && others.length > 0)
      session.report(
        'requests.status-filter',
        found.url,
        `lists ${others.map((item) => item.id).join(', ')}, not ${status}`,
      );
    each.push(...(found?.items ?? []));
  }
  const reply = await session.get('/requests.xml', { status: 'open,closed' });
  if (!reply) return;
  const list = reply.status === 200 ? session.read('requests', 'xml', reply) : undefined;
  if (!Array.isArray(list)) {
    session.report('requests.status-filter', reply.url, `answered ${reply.status}: ${reply.body.slice(0, 200)}`);
    return;
  }
  const found = new Set(listedOf(list).map((item) => item.id));
  const missing = each.filter((item) => !found.has(item.id));
  if (each.length < MAX_REQUESTS && missing.length > 0)
    session.report(
      'requests.status-filter',
      reply.url,
      `leaves out ${missing.map((item) => item.id).join(', ')}, listed by status=open or status=closed`,
    );
}

/**
 * A known request's service_code, in a comma list with a code no server has: the request is listed
 * and nothing of another service. (Whether a GET may refuse an unknown code in the list the spec does
 * not say; one known code keeps the list answerable either way, so 200 is expected.)
 */
async function checkServiceCodeFilter(session: Session, target: Listed | undefined) {
  if (target?.code === undefined) return;
  const asked = [target.code, UNKNOWN_CODE];
  const found = await query(session, { service_code: asked.join(',') });
  if (!found) return;
  const others = found.items.filter((item) => item.code !== undefined && !asked.includes(item.code));
  const problems = [
    ...(found.items.some((item) => item.id === target.id) ? [] : [`leaves out ${target.id} of ${target.code}`]),
    ...(others.length > 0 ? [`lists ${others.map((item) => `${item.id} of ${item.code}`).join(', ')}`] : []),
  ];
  if (problems.length > 0) session.report('requests.service-code-filter', found.url, problems.join('; '));
}

/** Ids with every other argument set to exclude them: the ids must win. */
async function checkIdsOverride(session: Session, known: readonly Listed[]) {
  const targets = [...new Set(known.map((item) => item.id))].slice(0, 2);
  if (targets.length === 0) return;
  const found = await query(session, {
    service_request_id: targets.join(','),
    service_code: UNKNOWN_CODE,
    status: known[0]!.status === 'open' ? 'closed' : 'open',
    start_date: '2000-01-01T00:00:00Z',
    end_date: '2000-01-02T00:00:00Z',
  });
  const missing = targets.filter((id) => !found?.items.some((item) => item.id === id));
  if (found && missing.length > 0)
    session.report(
      'requests.id-overrides',
      found.url,
      `leaves out ${missing.join(', ')}: other arguments filtered them`,
    );
}

/** A window around a known request lists it and nothing outside; a window before it leaves it out. */
async function checkDateFilter(session: Session, target: Listed | undefined) {
  if (target?.requestedAt === undefined) return;
  const at = target.requestedAt;
  const windows = [
    { start: at - DAY_MS, end: at + DAY_MS, lists: true },
    { start: at - 10 * DAY_MS, end: at - DAY_MS, lists: false },
  ];
  for (const window of windows) {
    const found = await query(session, { start_date: w3c(window.start), end_date: w3c(window.end) });
    if (!found) continue;
    const outside = found.items.filter(
      (item) => item.requestedAt !== undefined && (item.requestedAt < window.start || item.requestedAt > window.end),
    );
    const problems = [
      ...(found.items.some((item) => item.id === target.id) === window.lists
        ? []
        : [`${window.lists ? 'leaves out' : 'lists'} ${target.id}, requested ${w3c(at)}`]),
      ...(outside.length > 0 ? [`lists ${outside.map((item) => item.id).join(', ')} from outside the window`] : []),
    ];
    if (problems.length > 0) session.report('requests.date-filter', found.url, problems.join('; '));
  }
}

/** The spec says a window "may not span more than 90 days" but not how a server says no: 400, or no more than asked. */
async function checkSpanLimit(session: Session) {
  const end = Date.now();
  const start = end - 120 * DAY_MS;
  const reply = await session.get('/requests.xml', { start_date: w3c(start), end_date: w3c(end) });
  if (!reply) return;
  if (reply.status === 400) return session.expectRefusal('requests.span-limit', 'xml', reply, 400);
  const list = reply.status === 200 ? session.read('requests', 'xml', reply) : undefined;
  const outside = Array.isArray(list)
    ? listedOf(list).filter(
        (item) => item.requestedAt !== undefined && (item.requestedAt < start || item.requestedAt > end),
      )
    : [];
  if (!Array.isArray(list) || outside.length > 0)
    session.report(
      'requests.span-limit',
      reply.url,
      `answered ${reply.status} with ${outside.length} request(s) outside the window`,
    );
}

// ---- HTTP and reading --------------------------------------------------------------------------

class Session {
  readonly findings: Open311Finding[] = [];
  private readonly fetch: typeof fetch;

  constructor(readonly options: Open311CheckOptions) {
    this.fetch = options.fetch ?? globalThis.fetch;
  }

  report(rule: Rule, url: string, message: string): void {
    this.findings.push({ rule, url, message });
  }

  get(path: string, parameters: Record<string, string> = {}): Promise<Reply | undefined> {
    const query = new URLSearchParams(parameters);
    if (this.options.jurisdictionId) query.set('jurisdiction_id', this.options.jurisdictionId);
    const search = query.toString();
    return this.send(`${this.options.baseUrl}${path}${search ? `?${search}` : ''}`, { method: 'GET' });
  }

  /** A GET that must answer 200; anything else is `<area>.http-status`. */
  async getOk(area: Area, path: string, parameters?: Record<string, string>): Promise<Reply | undefined> {
    const reply = await this.get(path, parameters);
    if (reply && reply.status !== 200)
      this.report(`${area}.http-status`, reply.url, `answered ${reply.status}: ${reply.body.slice(0, 200)}`);
    return reply?.status === 200 ? reply : undefined;
  }

  post(path: string, fields: Fields): Promise<Reply | undefined> {
    const form = new URLSearchParams();
    if (this.options.jurisdictionId) form.set('jurisdiction_id', this.options.jurisdictionId);
    for (const [name, value] of Object.entries(fields))
      for (const each of Array.isArray(value) ? value : [value]) form.append(name, each);
    return this.send(`${this.options.baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
      body: form.toString(),
    });
  }

  private async send(url: string, init: RequestInit): Promise<Reply | undefined> {
    try {
      const response = await this.fetch(url, { ...init, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
      const contentType = response.headers.get('content-type') ?? '';
      return { url, status: response.status, contentType, body: await response.text() };
    } catch (error) {
      const cause = (error as { cause?: unknown }).cause;
      this.report('http.reachable', url, `no answer: ${String(cause ?? error)}`);
      return undefined;
    }
  }

  /** A reply is refused with `status` and an error body in the spec's form; a wrong status is `rule`. */
  expectRefusal(rule: Rule, format: Format, reply: Reply, status: number): void {
    if (reply.status !== status)
      this.report(rule, reply.url, `answered ${reply.status}, not ${status}: ${reply.body.slice(0, 200)}`);
    if (reply.status < 400) return;
    const errors = this.read('errors', format, reply);
    if (!Array.isArray(errors)) return;
    const complete = errors.every((error) => isRecord(error) && scalar(error.code) && scalar(error.description));
    if (errors.length === 0 || !complete)
      this.report('errors.fields', reply.url, 'does not list errors, each with code and description');
  }

  /** The body as a value (XML mapped as the spec maps it to JSON); undefined when it cannot be read as `area`'s. */
  read(area: Area, format: Format, reply: Reply): unknown {
    const [mediaType = '', ...parameters] = reply.contentType.split(';').map((part) => part.trim().toLowerCase());
    const charset = parameters
      .find((parameter) => parameter.startsWith('charset='))
      ?.slice(8)
      .replace(/"/g, '');
    if (!MEDIA_TYPES[format].includes(mediaType) || (charset !== undefined && charset !== 'utf-8'))
      this.report(
        `${area}.${format}-content-type`,
        reply.url,
        `Content-Type is "${reply.contentType}", not ${MEDIA_TYPES[format].join(' or ')} in UTF-8`,
      );
    return format === 'json' ? this.readJson(area, reply) : this.readXml(area, reply);
  }

  private readJson(area: Area, reply: Reply): unknown {
    let value: unknown;
    try {
      value = JSON.parse(reply.body);
    } catch (error) {
      this.report(`${area}.json-wellformed`, reply.url, `is not JSON: ${(error as Error).message}`);
      return undefined;
    }
    const expected = SHAPES[area].json;
    if (expected === 'array' ? Array.isArray(value) : isRecord(value)) return value;
    this.report(`${area}.shape`, reply.url, `the top level is not a JSON ${expected}`);
    return undefined;
  }

  private readXml(area: Area, reply: Reply): unknown {
    // The spec: "the root element must be preceded with the XML declaration including the encoding="UTF-8" attribute".
    if (!/^\uFEFF?<\?xml\s[^>]*encoding\s*=\s*["']utf-8["'][^>]*\?>/i.test(reply.body))
      this.report(`${area}.xml-wellformed`, reply.url, 'does not start with an XML declaration of encoding="UTF-8"');
    let root: XmlElement;
    try {
      root = readXml(reply.body, reply.url, XML_LIMITS);
    } catch (error) {
      this.report(`${area}.xml-wellformed`, reply.url, (error as Error).message);
      return undefined;
    }
    const expected = SHAPES[area].root;
    if (root.name !== expected) {
      this.report(`${area}.shape`, reply.url, `the root element is <${root.name}>, not <${expected}>`);
      return undefined;
    }
    const stray: string[] = [];
    const value = fromXml(root, stray);
    if (stray.length > 0) this.report(`${area}.shape`, reply.url, stray.join('; '));
    return value;
  }
}

/** XML as the spec's JSON: lists where XML_ITEMS says, objects of child elements, text otherwise. */
function fromXml(element: XmlElement, stray: string[]): unknown {
  const item = XML_ITEMS[element.name];
  if (item)
    return element.children.map((child) => {
      if (child.name !== item) stray.push(`<${element.name}> holds <${child.name}>, not <${item}>`);
      return fromXml(child, stray);
    });
  if (element.children.length === 0) return element.text;
  const object: Record<string, unknown> = Object.create(null);
  for (const child of element.children) {
    if (child.name in object) stray.push(`<${element.name}> has <${child.name}> twice`);
    object[child.name] = fromXml(child, stray);
  }
  return object;
}

// ---- Values ------------------------------------------------------------------------------------

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A JSON scalar or XML text as trimmed text; undefined when absent or empty, which the spec treats alike. */
function scalar(value: unknown): string | undefined {
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return typeof value === 'string' ? value.trim() || undefined : undefined;
}

function trueOrFalse(value: unknown): boolean | undefined {
  const text = scalar(value);
  return text === 'true' ? true : text === 'false' ? false : undefined;
}

/** A value written the same way whether it came from JSON or XML, to compare the two. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (isRecord(value))
    return `{${Object.keys(value)
      .filter((key) => canonical(value[key]) !== '""')
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical(value[key])}`)
      .join(',')}}`;
  return JSON.stringify(scalar(value) ?? '');
}

/** The instant a W3C date-time with a zone names; undefined for anything else, an impossible date too. */
function w3cInstant(text: string | undefined): number | undefined {
  const match = text === undefined ? null : W3C_DATETIME.exec(text);
  if (!match) return undefined;
  const [year, month, day, hour, minute, second, zoneHours, zoneMinutes] = match
    .slice(1)
    .map((part) => Number(part ?? 0));
  const date = new Date(Date.UTC(year!, month! - 1, day!));
  const valid =
    date.getUTCMonth() === month! - 1 &&
    date.getUTCDate() === day &&
    hour! < 24 &&
    minute! < 60 &&
    second! < 60 &&
    zoneHours! < 24 &&
    zoneMinutes! < 60;
  return valid ? Date.parse(text!) : undefined;
}

function w3c(instant: number): string {
  return `${new Date(instant).toISOString().slice(0, 19)}Z`;
}
