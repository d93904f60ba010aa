/**
 * Open311 GeoReport v2 at /open311/v2/: keys issued in the admin API (shown once; a street issues
 * them for its own subtree only), a case posted form-encoded with a key lands at the key's node,
 * without a key or with a revoked one it is refused 403 before anything is read, mistakes are 400
 * and an unknown service 404 in the spec's error format (JSON or XML by the suffix); GETs show the
 * cases posted here — never who posted them, never a kiosk's.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  PROTOCOL_VERSION,
  PROTOCOL_VERSION_HEADER,
  type CaseList,
  type IssuedKeyCreated,
  type IssuedKeyList,
} from '@linli/protocol';
import { startApp } from './app-harness';
import { backends } from './backends';

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

test('an app posts and follows cases over Open311 with a key issued in the admin API', async (t) => {
  const { app, admin, root, call, signInAs, enrollDevice } = await startApp(t, await backends[0]!.open(t));
  const anhe = (
    await call(admin, 'POST', '/orgs', { parentId: root.id, name: '安和街道', code: '330188001000' })
  ).json();
  const jiangbin = (
    await call(admin, 'POST', '/orgs', { parentId: root.id, name: '江滨街道', code: '330188002000' })
  ).json();
  const created = await call(admin, 'POST', '/users', {
    username: 'anhe-admin',
    displayName: '安和街道管理员',
    role: 'street-admin',
    orgId: anhe.id,
    password: 'Linli2026open311',
    mustChangePassword: false,
  });
  assert.equal(created.statusCode, 201, created.body);
  const street = await signInAs('anhe-admin', 'Linli2026open311');

  // Keys: a street issues one for itself, not for another street; the key is shown once.
  assert.equal((await call(street, 'POST', '/open311-keys', { name: '随手拍', orgId: jiangbin.id })).statusCode, 403);
  const issued = await call(street, 'POST', '/open311-keys', { name: '随手拍', orgId: anhe.id });
  assert.equal(issued.statusCode, 201, issued.body);
  const key = issued.json() as IssuedKeyCreated;
  assert.match(key.key, /^o311_/);
  const listed = (await call(street, 'GET', '/open311-keys')).json() as IssuedKeyList;
  assert.deepEqual(
    listed.keys.map((entry) => [entry.name, entry.orgName]),
    [['随手拍', '安和街道']],
  );
  assert.ok(!JSON.stringify(listed).includes(key.key), 'the key is never shown again');

  const post = (suffix: 'json' | 'xml', fields: Record<string, string>) =>
    app.inject({
      method: 'POST',
      url: `/open311/v2/requests.${suffix}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
      payload: form(fields),
    });
  const fields = {
    api_key: key.key,
    service_code: 'sanitation_garbage',
    lat: '30.2741',
    long: '120.1551',
    address_string: '临江小区3号楼北侧',
    description: '垃圾桶满了，三天没有清运',
    'attribute[nature]': 'complaint',
    first_name: '小三',
    last_name: '张',
    phone: '13812345678',
  };

  // Refused before anything is read: no key, a wrong one.
  const noKey = await post('xml', { ...fields, api_key: '' });
  assert.equal(noKey.statusCode, 403);
  assert.match(noKey.headers['content-type'] as string, /^text\/xml/);
  assert.match(
    noKey.body,
    /<errors><error><code>403<\/code><description>api_key is missing or not valid<\/description>/,
  );
  assert.equal((await post('json', { ...fields, api_key: 'o311_guessed' })).statusCode, 403);

  // Mistakes: 400 (several at once), an unknown service 404; JSON errors are an array.
  const mistakes = await post('json', {
    ...fields,
    lat: '',
    long: '',
    address_string: '',
    description: '很'.repeat(4001),
    phone: '1381234',
  });
  assert.equal(mistakes.statusCode, 400);
  assert.deepEqual(
    (mistakes.json() as { code: number; description: string }[]).map((error) => error.description),
    [
      'a location is required: lat and long, address_string or address_id',
      'description is longer than 4000 characters',
      'phone is not a mobile number or a landline with its area code',
    ],
  );
  assert.equal((await post('json', { ...fields, service_code: 'sanitation_unicorns' })).statusCode, 404);

  // Posted: the tracking number comes back; the case is taken at the key's node.
  const posted = await post('json', fields);
  assert.equal(posted.statusCode, 200, posted.body);
  const id = (posted.json() as { service_request_id: string }[])[0]!.service_request_id;
  assert.match(id, /^\d{12}$/);
  const [taken] = ((await call(admin, 'GET', `/cases?q=${id}`)).json() as CaseList).cases;
  assert.deepEqual(
    [taken!.channel, taken!.nature, taken!.orgName, taken!.contactMasked?.phone],
    ['open311', 'complaint', '安和街道', '138****5678'],
  );
  const xmlPosted = await post('xml', { ...fields, 'attribute[nature]': '' });
  assert.match(
    xmlPosted.body,
    /^<\?xml version="1.0" encoding="utf-8"\?><service_requests><request><service_request_id>\d{12}</,
  );

  // A kiosk's case is not public.
  const kiosk = await enrollDevice();
  await app.inject({
    method: 'POST',
    url: '/api/v1/cases',
    headers: { authorization: kiosk.authorization, [PROTOCOL_VERSION_HEADER]: String(PROTOCOL_VERSION) },
    payload: { nature: 'help', category: 'other', description: '独居老人需要帮助' },
  });

  const requests = (await app.inject({ url: '/open311/v2/requests.json' })).json() as Record<string, unknown>[];
  assert.equal(requests.length, 2);
  const shown = requests.find((request) => request.service_request_id === id)!;
  assert.deepEqual(
    [shown.status, shown.status_notes, shown.service_code, shown.address, shown.lat, shown.long],
    ['open', '已登记，等待受理', 'sanitation_garbage', '临江小区3号楼北侧', 30.2741, 120.1551],
  );
  assert.match(shown.requested_datetime as string, /\+08:00$/);
  const everything = JSON.stringify(requests);
  for (const secret of ['13812345678', '张小三', '张', '独居老人']) assert.ok(!everything.includes(secret), secret);
  assert.equal(((await app.inject({ url: '/open311/v2/requests.json?status=closed' })).json() as unknown[]).length, 0);
  const one = await app.inject({ url: `/open311/v2/requests/${id}.xml` });
  assert.match(one.body, new RegExp(`<service_requests><request><service_request_id>${id}</service_request_id>`));
  assert.equal((await app.inject({ url: '/open311/v2/requests/000000000000.json' })).statusCode, 404);
  assert.equal((await app.inject({ url: '/open311/v2/requests.json?jurisdiction_id=110000' })).statusCode, 404);
  assert.equal(
    (
      await app.inject({
        url: '/open311/v2/requests.json?start_date=2026-01-01T00:00:00Z&end_date=2026-12-01T00:00:00Z',
      })
    ).statusCode,
    400,
    'a window of more than 90 days',
  );

  // Revoked: refused from then on.
  await call(street, 'POST', `/open311-keys/${key.id}/revoke`);
  assert.equal((await post('json', fields)).statusCode, 403);
});
