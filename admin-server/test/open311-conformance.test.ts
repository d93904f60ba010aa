/**
 * The Open311 conformance check (open311/conformance.ts) against a small server that keeps to the
 * spec (open311/fake-server.ts): it finds nothing there, and for each fault a real server has had,
 * it names the rule a client would trip over, and nothing else. Then against our own /open311/v2/:
 * discovery, services, definitions, errors, posting with a key in JSON and XML, and the requests
 * with their filters all follow GeoReport v2.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import type { IssuedKeyCreated } from '@linli/protocol';
import { startApp } from './app-harness';
import { backends } from './backends';
import { checkOpen311Server, type Open311Finding } from './open311/conformance';
import { startFakeOpen311, type FakeFault } from './open311/fake-server';

async function check(t: { after: (done: () => Promise<void>) => void }, faults: FakeFault[], withKey = true) {
  const server = await startFakeOpen311({ faults });
  t.after(() => server.close());
  return checkOpen311Server({ baseUrl: server.baseUrl, ...(withKey && { apiKey: server.apiKey }) });
}

const rulesOf = (findings: Open311Finding[]) => [...new Set(findings.map((finding) => finding.rule))].sort();

test('a server that keeps to the spec gets no findings, with or without an api_key', async (t) => {
  assert.deepEqual(await check(t, []), []);
  assert.deepEqual(await check(t, [], false), []);
});

test('a server that has stopped is reported unreachable, and nothing more is asked of it', async () => {
  const server = await startFakeOpen311();
  await server.close();
  const findings = await checkOpen311Server({ baseUrl: server.baseUrl, apiKey: server.apiKey });
  assert.deepEqual(rulesOf(findings), ['http.reachable']);
});

const FAULTS: { fault: FakeFault; noticed: string; rules: string[] }[] = [
  { fault: 'no-discovery-json', noticed: 'a JSON client finds no discovery', rules: ['discovery.both-formats'] },
  {
    fault: 'changeset-without-zone',
    noticed: 'a client cannot tell when discovery changed (changeset without a zone)',
    rules: ['discovery.changeset'],
  },
  {
    fault: 'discovery-formats-differ',
    noticed: 'XML and JSON clients read different contacts',
    rules: ['discovery.formats-agree'],
  },
  {
    fault: 'services-xml-as-html',
    noticed: 'an XML client is handed services as text/html',
    rules: ['services.xml-content-type'],
  },
  {
    fault: 'services-json-wrapped',
    noticed: 'a JSON client finds an object where the list of services should be',
    rules: ['services.shape'],
  },
  {
    fault: 'no-xml-declaration',
    noticed: 'an XML client gets documents without the declaration of UTF-8',
    rules: ['definition', 'discovery', 'errors', 'post', 'request', 'requests', 'services'].map(
      (area) => `${area}.xml-wellformed`,
    ),
  },
  {
    fault: 'duplicate-attribute-order',
    noticed: 'a form cannot order two attributes that share an order',
    rules: ['definition.attribute-order'],
  },
  {
    fault: 'datetime-without-zone',
    noticed: 'a client cannot place a request in time (requested_datetime without a zone)',
    rules: ['requests.datetime'],
  },
  {
    fault: 'status-in-progress',
    noticed: 'a client meets a status other than open or closed (in_progress)',
    rules: ['requests.status-value'],
  },
  {
    fault: 'status-filter-ignored',
    noticed: 'asking for open requests also lists closed ones',
    rules: ['requests.status-filter'],
  },
  {
    fault: 'date-filter-ignored',
    noticed: 'asking for a date window lists requests outside it',
    rules: ['requests.date-filter'],
  },
  {
    fault: 'ids-do-not-override',
    noticed: 'asking for requests by id loses them to the other arguments',
    rules: ['requests.id-overrides'],
  },
  {
    fault: 'empty-id-filters',
    noticed: 'an app that sends service_request_id= empty gets no requests at all',
    rules: ['requests.empty-argument'],
  },
  {
    fault: 'status-list-refused',
    noticed: 'asking for status=open,closed is refused',
    rules: ['requests.status-filter'],
  },
  {
    fault: 'service-code-list-unsplit',
    noticed: 'asking for two service codes, comma-delimited, lists nothing',
    rules: ['requests.service-code-filter'],
  },
  {
    fault: 'unknown-request-empty',
    noticed: 'a request that does not exist is answered 200 with an empty list, not 404',
    rules: ['request.unknown-404'],
  },
  {
    fault: 'post-without-key-accepted',
    noticed: 'anyone can post a request without an api_key',
    rules: ['post.api-key-required'],
  },
  {
    fault: 'any-key-accepted',
    noticed: 'a made-up api_key is accepted',
    rules: ['post.api-key-required'],
  },
  {
    fault: 'id-and-token',
    noticed: 'a POST answers both a service_request_id and a token',
    rules: ['post.response'],
  },
  {
    fault: 'unknown-service-400',
    noticed: 'posting to an unknown service is answered 400, not 404',
    rules: ['post.unknown-service'],
  },
  {
    fault: 'long-description-accepted',
    noticed: 'a description over 4,000 characters is accepted',
    rules: ['post.description-limit'],
  },
  {
    fault: 'errors-json-wrapped',
    noticed: 'a JSON client finds an object where the list of errors should be',
    rules: ['errors.shape'],
  },
];

for (const { fault, noticed, rules } of FAULTS)
  test(`${noticed}: reported as ${rules.join(', ')}`, async (t) => {
    const findings = await check(t, [fault]);
    assert.deepEqual(rulesOf(findings), [...rules].sort(), JSON.stringify(findings, null, 2));
  });

for (const backend of backends)
  test(
    `our admin server's /open311/v2/ conforms, posting in JSON and XML with an issued key included (${backend.name})`,
    { skip: backend.skip },
    async (t) => {
      const { app, admin, root, call } = await startApp(t, await backend.open(t));
      await app.listen({ port: 0, host: '127.0.0.1' });
      const issued = await call(admin, 'POST', '/open311-keys', { name: '一致性检查', orgId: root.id });
      assert.equal(issued.statusCode, 201, issued.body);
      const findings = await checkOpen311Server({
        baseUrl: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/open311/v2`,
        apiKey: (issued.json() as IssuedKeyCreated).key,
        postSample: { serviceCode: 'sanitation_garbage', addressString: '临江小区3号楼', description: '垃圾桶满了' },
      });
      assert.deepEqual(findings, []);
    },
  );
