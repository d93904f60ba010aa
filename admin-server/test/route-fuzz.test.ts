/**
 * A schema-driven fuzz over every documented route, signed in as the system administrator (and as
 * a device on the device API): wrong types, missing fields, huge strings, Unicode edge cases,
 * deeply nested JSON, bad content types and hostile path values. No answer may be a 5xx, and every
 * 4xx is a coded error from the catalogue; a validation error names the field.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ERRORS, PROTOCOL_VERSION, PROTOCOL_VERSION_HEADER } from '@linli/protocol';
import { startApp } from './app-harness';
import { backends } from './backends';

type Schema = {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  anyOf?: Schema[];
};
type Operation = {
  requestBody?: { content?: Record<string, { schema?: Schema }> };
  parameters?: { in: string; name: string; schema?: Schema }[];
};

const HUGE = 'x'.repeat(200_000);
const ODD_STRINGS = [
  '',
  ' ',
  '\u0000',
  '\ud800',
  '\u202e危险',
  '𠀀𠀁',
  '😀'.repeat(500),
  '../../etc/passwd',
  '%00',
  HUGE,
];
const WRONG_VALUES = [null, 0, -1, 1.5, 2 ** 53, true, [], {}, 'x', ...ODD_STRINGS];
/** 5,000 levels of nesting: deep enough to break a recursive walker, small enough to send. */
const DEEP_JSON = `${'['.repeat(5000)}${']'.repeat(5000)}`;

function firstType(schema: Schema | undefined): string | undefined {
  if (!schema) return undefined;
  if (schema.anyOf) return firstType(schema.anyOf[0]);
  return Array.isArray(schema.type) ? schema.type[0] : schema.type;
}

/** A plausible value for `schema`: enough for the request to reach the check of one wrong field. */
function sample(schema: Schema | undefined): unknown {
  if (schema?.enum) return schema.enum[0];
  switch (firstType(schema)) {
    case 'object':
      return Object.fromEntries(Object.entries(schema?.properties ?? {}).map(([key, value]) => [key, sample(value)]));
    case 'array':
      return [];
    case 'integer':
    case 'number':
      return 1;
    case 'boolean':
      return true;
    default:
      return 'x';
  }
}

/** Bodies that are wrong in one way each: missing fields, each field wrong, and whole-body oddities. */
function hostileBodies(schema: Schema | undefined): unknown[] {
  const base = sample(schema);
  const bodies: unknown[] = [{}, [], 'x', 0, null];
  if (base && typeof base === 'object' && !Array.isArray(base))
    for (const key of Object.keys(base))
      for (const value of WRONG_VALUES) bodies.push({ ...(base as object), [key]: value });
  return bodies;
}

test('every documented route answers hostile input with a coded 4xx, never a 5xx', async (t) => {
  const { app, admin, enrollDevice } = await startApp(t, await backends[0]!.open(t), undefined, { apiDocs: true });
  const device = await enrollDevice();
  const deviceHeaders = { authorization: device.authorization, [PROTOCOL_VERSION_HEADER]: String(PROTOCOL_VERSION) };
  const spec = (await app.inject({ url: '/docs/json' })).json() as { paths: Record<string, Record<string, Operation>> };
  const problems: string[] = [];
  let requests = 0;

  const send = async (
    method: string,
    url: string,
    options: { payload?: string; contentType?: string; device: boolean },
  ) => {
    requests++;
    const reply = await app.inject({
      method: method as 'GET',
      url,
      headers: {
        ...(options.device ? deviceHeaders : admin),
        ...(options.payload !== undefined && { 'content-type': options.contentType ?? 'application/json' }),
      },
      ...(options.payload !== undefined && { payload: options.payload }),
    });
    const where = `${method} ${url.slice(0, 120)} ${String(options.payload).slice(0, 60)}`;
    if (reply.statusCode >= 500) problems.push(`${reply.statusCode} for ${where}: ${reply.body.slice(0, 200)}`);
    else if (reply.statusCode >= 400 && reply.statusCode !== 416) {
      const error = (() => {
        try {
          return (JSON.parse(reply.body) as { error?: { code?: string; details?: { path?: string }[] } }).error;
        } catch {
          return undefined;
        }
      })();
      if (!error?.code || !Object.hasOwn(ERRORS, error.code))
        problems.push(`uncoded ${reply.statusCode} for ${where}: ${reply.body.slice(0, 200)}`);
      else if (error.code === 'VALIDATION_FAILED' && !error.details?.[0]?.path)
        problems.push(`VALIDATION_FAILED without the field for ${where}: ${reply.body.slice(0, 200)}`);
    }
  };

  for (const [route, operations] of Object.entries(spec.paths)) {
    // Signing out would end the session the rest of the fuzz runs in.
    if (route.endsWith('/logout')) continue;
    // The push channel answers an accepted request with a stream that stays open by design.
    if (route.endsWith('/sync/events')) continue;
    const device = route.startsWith('/api/v1/') && !route.startsWith('/api/v1/admin');
    for (const [method, operation] of Object.entries(operations)) {
      const verb = method.toUpperCase();
      // A lone surrogate cannot be percent-encoded; its bytes as CESU-8 (not UTF-8) stand in for it.
      const encode = (value: string) => (value === '\ud800' ? '%ED%A0%80' : encodeURIComponent(value));
      const paths = route.includes('{') ? ODD_STRINGS.filter((value) => value !== '').map(encode) : [''];
      for (const value of paths) {
        const url = route.replace(/\{[a-z0-9]+\}/gi, value || '1');
        await send(verb, url, { device });
        const query = (operation.parameters ?? []).filter((parameter) => parameter.in === 'query');
        for (const parameter of query)
          for (const wrong of ['x', '-1', '1e309', HUGE.slice(0, 5000), '%ZZ'])
            await send(verb, `${url}?${parameter.name}=${wrong}`, { device });
        const body = operation.requestBody?.content?.['application/json']?.schema;
        if (!body || value !== paths[0]) continue;
        for (const hostile of hostileBodies(body)) await send(verb, url, { payload: JSON.stringify(hostile), device });
        await send(verb, url, { payload: DEEP_JSON, device });
        await send(verb, url, { payload: '{"unterminated": ', device });
        await send(verb, url, { payload: '<xml/>', contentType: 'application/xml', device });
        await send(verb, url, { payload: 'a=1', contentType: 'text/plain', device });
      }
    }
  }
  t.diagnostic(`${requests} requests tried`);
  assert.ok(requests > 2000, `${requests} requests`);
  assert.deepEqual(problems.slice(0, 20), [], `${problems.length} problems`);
});
