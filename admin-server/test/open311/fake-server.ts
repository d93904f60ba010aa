/**
 * A small GeoReport v2 server that keeps to the spec, for the conformance check's own tests: one
 * service (metadata true, two attributes), two requests, POST with an api_key, and every filter of
 * GET requests, in XML and JSON (an empty argument counted as none). Each fault breaks one thing
 * the way real servers do, so a test can show that the check notices. It runs on node:http on a
 * free local port.
 */
import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type FakeFault =
  | 'no-discovery-json'
  | 'changeset-without-zone'
  | 'discovery-formats-differ'
  | 'services-xml-as-html'
  | 'services-json-wrapped'
  | 'no-xml-declaration'
  | 'duplicate-attribute-order'
  | 'datetime-without-zone'
  | 'status-in-progress'
  | 'status-filter-ignored'
  | 'date-filter-ignored'
  | 'ids-do-not-override'
  | 'empty-id-filters'
  | 'status-list-refused'
  | 'service-code-list-unsplit'
  | 'unknown-request-empty'
  | 'post-without-key-accepted'
  | 'any-key-accepted'
  | 'id-and-token'
  | 'unknown-service-400'
  | 'long-description-accepted'
  | 'errors-json-wrapped';

export interface FakeOpen311 {
  baseUrl: string;
  apiKey: string;
  close(): Promise<void>;
}

type Format = 'xml' | 'json';

interface Stored {
  id: string;
  status: string;
  description: string;
  requestedAt: number;
  lat?: number;
  long?: number;
  address?: string;
}

const PATH = '/open311/v2';
const API_KEY = 'fake-open311-key';
const DAY_MS = 86_400_000;
const CONTENT_TYPES: Record<Format, string> = {
  xml: 'text/xml; charset=utf-8',
  json: 'application/json; charset=utf-8',
};
const XML_ITEMS: Record<string, string> = {
  services: 'service',
  service_requests: 'request',
  attributes: 'attribute',
  values: 'value',
  endpoints: 'endpoint',
  formats: 'format',
  errors: 'error',
};
const SERVICE = {
  service_code: 'pothole',
  service_name: '路面坑洼',
  description: 'A hole in the road or the pavement',
  metadata: true,
  type: 'realtime',
  keywords: 'road,pavement',
  group: '道路',
};
const SIZES = [
  { key: 'small', name: '小于脸盆' },
  { key: 'large', name: '大于脸盆' },
];

export async function startFakeOpen311(options: { faults?: readonly FakeFault[] } = {}): Promise<FakeOpen311> {
  const faults = new Set(options.faults);
  const startedAt = Date.now();
  const requests: Stored[] = [
    {
      id: '1001',
      status: 'closed',
      description: '井盖松动',
      requestedAt: startedAt - 20 * DAY_MS,
      lat: 30.27,
      long: 120.16,
    },
    {
      id: '1002',
      status: faults.has('status-in-progress') ? 'in_progress' : 'open',
      description: '人行道塌陷',
      requestedAt: startedAt - 3 * DAY_MS,
      address: '安和街道幸福路 12 号',
    },
  ];
  const w3c = (instant: number) => `${new Date(instant).toISOString().slice(0, 19)}Z`;
  const requestTime = (instant: number) =>
    faults.has('datetime-without-zone') ? w3c(instant).slice(0, -1) : w3c(instant);

  const shown = (request: Stored) => ({
    service_request_id: request.id,
    status: request.status,
    service_name: SERVICE.service_name,
    service_code: SERVICE.service_code,
    description: request.description,
    requested_datetime: requestTime(request.requestedAt),
    updated_datetime: requestTime(request.requestedAt),
    address: request.address ?? '',
    ...(request.lat !== undefined && { lat: request.lat, long: request.long }),
  });

  const discovery = (format: Format) => {
    const changeset = faults.has('changeset-without-zone') ? '2011-02-03 14:18' : w3c(startedAt - DAY_MS);
    return {
      changeset,
      contact: format === 'json' && faults.has('discovery-formats-differ') ? 'nobody' : 'open311@example.org',
      key_service: 'Ask open311@example.org for a key',
      endpoints: [
        {
          specification: 'http://wiki.open311.org/GeoReport_v2',
          url: baseUrl,
          changeset,
          type: 'test',
          formats: ['text/xml', 'application/json'],
        },
      ],
    };
  };

  const definition = () => ({
    service_code: SERVICE.service_code,
    attributes: [
      {
        variable: true,
        code: 'size',
        datatype: 'singlevaluelist',
        required: true,
        datatype_description: '',
        order: 1,
        description: 'How large is it?',
        values: SIZES,
      },
      {
        variable: true,
        code: 'note',
        datatype: 'text',
        required: false,
        datatype_description: '',
        order: faults.has('duplicate-attribute-order') ? 1 : 2,
        description: 'Anything else',
      },
    ],
  });

  type Answer = { status: number; root: string; value: unknown };
  const refuse = (status: number, description: string): Answer => ({
    status,
    root: 'errors',
    value: [{ code: status, description }],
  });
  const listing = (found: Stored[]): Answer => ({ status: 200, root: 'service_requests', value: found.map(shown) });

  function list(query: URLSearchParams): Answer {
    const listOf = (name: string) => {
      const value = query.get(name);
      // An empty argument is no argument (the spec's "Optional Arguments"), unless the fault says otherwise.
      const given =
        value !== null && (value !== '' || (name === 'service_request_id' && faults.has('empty-id-filters')));
      return given ? value.split(',') : undefined;
    };
    const ids = listOf('service_request_id');
    if (ids && !faults.has('ids-do-not-override'))
      return listing(requests.filter((request) => ids.includes(request.id)));
    const [start, end] = ['start_date', 'end_date'].map((name) => query.get(name) || undefined);
    for (const given of [start, end])
      if (given !== undefined && !/(Z|[+-]\d{2}:\d{2})$/.test(given)) return refuse(400, `${given} has no zone`);
    const to = end ? Date.parse(end) : Date.now();
    const from = start ? Date.parse(start) : to - 90 * DAY_MS;
    if (!(to - from <= 90 * DAY_MS)) return refuse(400, 'start_date and end_date may not span more than 90 days');
    const statuses = listOf('status');
    if (statuses && statuses.length > 1 && faults.has('status-list-refused'))
      return refuse(400, 'status is open or closed');
    const code = query.get('service_code');
    const codes = code && faults.has('service-code-list-unsplit') ? [code] : listOf('service_code');
    return listing(
      requests.filter(
        (request) =>
          (faults.has('date-filter-ignored') || (request.requestedAt >= from && request.requestedAt <= to)) &&
          (!statuses || faults.has('status-filter-ignored') || statuses.includes(request.status)) &&
          (!codes || codes.includes(SERVICE.service_code)) &&
          (!ids || ids.includes(request.id)),
      ),
    );
  }

  function post(form: URLSearchParams): Answer {
    const field = (name: string) => form.get(name) || undefined;
    const key = field('api_key');
    if (key !== API_KEY && !faults.has('post-without-key-accepted') && !(key && faults.has('any-key-accepted')))
      return refuse(403, 'api_key is missing or not valid');
    const code = field('service_code');
    if (!code) return refuse(400, 'service_code is required');
    if (code !== SERVICE.service_code)
      return refuse(faults.has('unknown-service-400') ? 400 : 404, `${code} is not a service`);
    const located = (field('lat') && field('long')) || field('address_string') || field('address_id');
    if (!located) return refuse(400, 'lat and long, address_string or address_id is required');
    const description = field('description') ?? '';
    if (description.length > 4000 && !faults.has('long-description-accepted'))
      return refuse(400, 'description is longer than 4,000 characters');
    if (!SIZES.some((size) => size.key === field('attribute[size]'))) return refuse(400, 'attribute[size] is required');
    const request: Stored = {
      id: String(1001 + requests.length),
      status: 'open',
      description,
      requestedAt: Date.now(),
      ...(field('address_string') && { address: field('address_string') }),
    };
    requests.push(request);
    const created = { service_request_id: request.id, ...(faults.has('id-and-token') && { token: `t${request.id}` }) };
    return { status: 200, root: 'service_requests', value: [created] };
  }

  function get(resource: string, format: Format, query: URLSearchParams): Answer {
    if (resource === 'discovery' && !(format === 'json' && faults.has('no-discovery-json')))
      return { status: 200, root: 'discovery', value: discovery(format) };
    if (resource === 'services') return { status: 200, root: 'services', value: [SERVICE] };
    if (resource === `services/${SERVICE.service_code}`)
      return { status: 200, root: 'service_definition', value: definition() };
    if (resource === 'requests') return list(query);
    const one = requests.find((request) => resource === `requests/${request.id}`);
    if (one) return listing([one]);
    if (resource.startsWith('requests/') && faults.has('unknown-request-empty')) return listing([]);
    return refuse(404, `${resource} not found`);
  }

  function respond(response: ServerResponse, format: Format, resource: string, answer: Answer) {
    let contentType = CONTENT_TYPES[format];
    let value = answer.value;
    if (format === 'xml' && resource === 'services' && faults.has('services-xml-as-html'))
      contentType = 'text/html; charset=utf-8';
    if (format === 'json' && resource === 'services' && faults.has('services-json-wrapped'))
      value = { services: value };
    if (format === 'json' && answer.root === 'errors' && faults.has('errors-json-wrapped')) value = { errors: value };
    const declaration = faults.has('no-xml-declaration') ? '' : '<?xml version="1.0" encoding="utf-8"?>\n';
    response.writeHead(answer.status, { 'content-type': contentType });
    response.end(format === 'json' ? JSON.stringify(value) : declaration + xmlOf(answer.root, value));
  }

  async function handle(request: IncomingMessage, response: ServerResponse) {
    const url = new URL(request.url ?? '/', 'http://fake');
    const match = new RegExp(`^${PATH}/(.+)\\.(xml|json)$`).exec(url.pathname);
    if (!match) return respond(response, 'xml', '', refuse(404, `${url.pathname} not found`));
    const [, resource = '', format = 'xml'] = match as unknown as [string, string, Format];
    if (request.method === 'GET') return respond(response, format, resource, get(resource, format, url.searchParams));
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const answer =
      request.method === 'POST' && resource === 'requests'
        ? post(new URLSearchParams(Buffer.concat(chunks).toString('utf8')))
        : refuse(404, `${request.method} ${resource} not found`);
    respond(response, format, resource, answer);
  }

  const server = createServer((request, response) => void handle(request, response));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}${PATH}`;
  return {
    baseUrl,
    apiKey: API_KEY,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function xmlOf(name: string, value: unknown): string {
  if (Array.isArray(value))
    return `<${name}>${value.map((item) => xmlOf(XML_ITEMS[name] ?? 'item', item)).join('')}</${name}>`;
  if (typeof value === 'object' && value !== null)
    return `<${name}>${Object.entries(value)
      .map(([key, inner]) => xmlOf(key, inner))
      .join('')}</${name}>`;
  const text = String(value ?? '').replace(/[<>&]/g, (char) => `&#${char.charCodeAt(0)};`);
  return `<${name}>${text}</${name}>`;
}
