/** CAP 1.2 reading and checking, the lifecycle decisions and area matching: pure, no database. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CAP_MAX_BYTES } from '@linli/protocol';
import { readCapAlert, capInstant } from '../src/domain/cap-alert';
import { alertCodePrefixes, coveringNodes, divisionPrefix } from '../src/domain/alert-area';
import {
  alertState,
  byLanguagePreference,
  capKey,
  deviceAlertOf,
  earliestExpiry,
  isDisplayable,
} from '../src/domain/alert-lifecycle';
import {
  capXml,
  cancelXml,
  heartbeatXml,
  POLYGON_AREA,
  referenceTo,
  refusalOf,
  SENDER,
  updateXml,
} from './cap-fixtures';

/** The CAP_INVALID error `xml` is refused with. */
const refusal = (xml: string | Uint8Array) => refusalOf(readCapAlert, xml);

const MINIMAL = `<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
  <identifier>TEST-1</identifier><sender>yj@linjiang.gov.cn</sender><sent>2026-07-01T08:30:00+08:00</sent>
  <status>Actual</status><msgType>Alert</msgType><scope>Public</scope>
</alert>`;

describe('reading CAP 1.2', () => {
  test('the observatory’s rainstorm warning reads with both language blocks, its area and geocode', () => {
    const alert = readCapAlert(Buffer.from(capXml()));
    assert.equal(alert.sender, SENDER);
    assert.equal(alert.sentAt, '2026-07-01T00:30:00.000Z');
    assert.deepEqual([alert.status, alert.msgType, alert.scope], ['Actual', 'Alert', 'Public']);
    assert.equal(alert.info.length, 2);
    const [zh, en] = alert.info;
    assert.equal(zh!.event, '暴雨红色预警');
    assert.equal(zh!.senderName, '临江市气象台');
    assert.deepEqual(zh!.category, ['Met']);
    assert.deepEqual(zh!.responseType, ['Shelter']);
    assert.equal(zh!.expiresAt, '2026-07-01T12:30:00.000Z');
    assert.deepEqual(zh!.areas[0]!.geocodes, [{ valueName: 'GB/T 2260', value: '330188' }]);
    assert.equal(en!.language, 'en-US');
  });

  test('a minimal alert (the required elements, no info block) is valid', () => {
    const alert = readCapAlert(MINIMAL);
    assert.equal(alert.identifier, 'TEST-1');
    assert.deepEqual(alert.info, []);
    assert.equal(isDisplayable(alert), false, 'nothing to show without an info block');
  });

  for (const element of ['identifier', 'sender', 'sent', 'status', 'msgType', 'scope']) {
    test(`an alert without <${element}> is refused naming /alert/${element}`, () => {
      const error = refusal(MINIMAL.replace(new RegExp(`<${element}>[^<]*</${element}>`), ''));
      assert.equal(error.message, `/alert/${element}: is required`);
      assert.deepEqual(error.details?.[0], { path: `/alert/${element}`, message: 'is required' });
    });
  }

  for (const element of ['category', 'event', 'urgency', 'severity', 'certainty']) {
    test(`an info block without <${element}> is refused naming /alert/info[1]/${element}`, () => {
      const xml = capXml({ english: false }).replace(new RegExp(`<${element}>[^<]*</${element}>`), '');
      assert.equal(refusal(xml).message, `/alert/info[1]/${element}: is required`);
    });
  }

  test('an area without <areaDesc> is refused naming it', () => {
    const xml = capXml({ english: false }).replace(/<areaDesc>[^<]*<\/areaDesc>/, '');
    assert.equal(refusal(xml).message, '/alert/info[1]/area[1]/areaDesc: is required');
  });

  test('values outside the CAP enumerations are refused with the allowed ones', () => {
    const severity = refusal(capXml().replace('<severity>Extreme</severity>', '<severity>红色</severity>'));
    assert.equal(severity.message, '/alert/info[1]/severity: must be one of Extreme, Severe, Moderate, Minor, Unknown');
    assert.equal(
      refusal(capXml({ status: 'Real' })).message,
      '/alert/status: must be one of Actual, Exercise, System, Test, Draft',
    );
    assert.match(refusal(capXml({ msgType: 'Delete' })).message, /^\/alert\/msgType: must be one of Alert, Update/);
    assert.match(refusal(capXml({ scope: 'Everyone' })).message, /^\/alert\/scope: must be one of Public/);
    const category = refusal(capXml().replace('<category>Met</category>', '<category>Weather</category>'));
    assert.match(category.message, /^\/alert\/info\[1\]\/category\[1\]: must be one of Geo, Met/);
  });

  test('every problem is listed, the first in the message', () => {
    const error = refusal(capXml({ status: 'Real' }).replace('<urgency>Immediate</urgency>', ''));
    assert.deepEqual(
      error.details?.map((detail) => detail.path),
      ['/alert/status', '/alert/info[1]/urgency'],
    );
  });

  test('dateTimes need an explicit offset and a real date', () => {
    assert.equal(capInstant('2026-07-01T08:30:00+08:00'), '2026-07-01T00:30:00.000Z');
    assert.equal(capInstant('2026-07-01T08:30:00-00:00'), '2026-07-01T08:30:00.000Z');
    assert.equal(capInstant('2026-07-01T08:30:00Z'), undefined, 'CAP forbids "Z"');
    assert.equal(capInstant('2026-02-30T08:30:00+08:00'), undefined);
    assert.equal(capInstant('2026-07-01 08:30'), undefined);
    assert.equal(
      refusal(capXml({ sent: '2026-07-01T08:30:00Z' })).details?.[0]?.path,
      '/alert/sent',
      'the sent time names its element',
    );
  });

  test('identifier and sender may not hold spaces or commas', () => {
    assert.equal(
      refusal(capXml({ identifier: 'rain warning 1' })).message,
      '/alert/identifier: must not contain spaces, commas, < or &',
    );
  });

  test('Update and Cancel need references written as sender,identifier,sent triplets', () => {
    assert.equal(refusal(updateXml({ references: '' })).message, '/alert/references: is required');
    assert.match(refusal(cancelXml({ references: `${SENDER},only-two` })).message, /^\/alert\/references: "/);
    const update = readCapAlert(
      updateXml({ references: `${referenceTo()} ${SENDER},other,2026-07-01T07:00:00+08:00` }),
    );
    assert.deepEqual(
      update.references.map((reference) => capKey(reference)),
      [
        `${SENDER},33018841600000_20260701083000_1,2026-07-01T00:30:00.000Z`,
        `${SENDER},other,2026-06-30T23:00:00.000Z`,
      ],
    );
  });

  test('Restricted needs <restriction>, Private needs <addresses>', () => {
    const restricted = capXml({ scope: 'Restricted' }).replace(/<restriction>[^<]*<\/restriction>/, '');
    assert.equal(refusal(restricted).message, '/alert/restriction: is required');
    assert.equal(readCapAlert(capXml({ scope: 'Private' })).scope, 'Private');
  });

  test('polygons and circles are checked and kept', () => {
    const alert = readCapAlert(capXml({ area: POLYGON_AREA, english: false }));
    const area = alert.info[0]!.areas[0]!;
    assert.equal(area.polygons[0]!.length, 5);
    assert.deepEqual(area.polygons[0]![0], [30.25, 120.1]);
    assert.deepEqual(area.circles, [{ latitude: 30.27, longitude: 120.15, radiusKm: 2.5 }]);
    const open = POLYGON_AREA.replace('30.25,120.20 30.25,120.10', '30.25,120.20 30.26,120.10');
    assert.equal(
      refusal(capXml({ area: open })).message,
      '/alert/info[1]/area[1]/polygon[1]: must have at least four points and end where it starts',
    );
    assert.match(
      refusal(capXml({ area: POLYGON_AREA.replace('30.27,120.15 2.5', '91,120.15 2.5') })).message,
      /circle\[1\]: must be "latitude,longitude radius"/,
    );
  });

  test('what is not well-formed XML, or not CAP 1.2, is refused', () => {
    assert.match(
      refusal('<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>x</alert>').message,
      /^\/alert: is not well-formed XML/,
    );
    assert.match(refusal('not xml at all').message, /^\/alert: is not well-formed XML/);
    assert.equal(
      refusal(MINIMAL.replace('cap:1.2', 'cap:1.1')).message,
      '/alert: must be in the CAP 1.2 namespace urn:oasis:names:tc:emergency:cap:1.2',
    );
    assert.match(refusal('<feed xmlns="urn:oasis:names:tc:emergency:cap:1.2"/>').message, /must be <alert>/);
    assert.match(refusal(Buffer.from([0x3c, 0x61, 0xff, 0xfe])).message, /not UTF-8/);
    assert.match(refusal(`<?xml version="1.0" encoding="GB2312"?>${MINIMAL}`).message, /UTF-8, not GB2312/);
  });

  test('a DTD or an entity is refused before anything expands', () => {
    const billionLaughs = `<?xml version="1.0"?>
<!DOCTYPE alert [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
${MINIMAL.replace('TEST-1', '&lol2;')}`;
    assert.equal(refusal(billionLaughs).message, '/alert: must not declare a document type (DTD) or entities');
    const external = `<!DOCTYPE alert SYSTEM "file:///etc/passwd">${MINIMAL}`;
    assert.match(refusal(external).message, /document type/);
    assert.equal(
      refusal(MINIMAL.replace('TEST-1', 'TEST&xxe;1')).message,
      '/alert: refers to an undefined entity "&xxe;1"',
    );
    assert.equal(readCapAlert(MINIMAL.replace('yj@linjiang', 'yj&#x40;x')).sender, 'yj@x.gov.cn');
  });

  test('an oversize document, or one nested or repeated beyond the limits, is refused', () => {
    const big = capXml().replace('<description>', `<description>${'雨'.repeat(CAP_MAX_BYTES / 3 + 10)}`);
    assert.match(refusal(big).message, /^\/alert: is larger than 256 KiB/);
    const deep = MINIMAL.replace('</alert>', `${'<x>'.repeat(40)}${'</x>'.repeat(40)}</alert>`);
    assert.match(refusal(deep).message, /nests elements deeper than 16/);
    const many = MINIMAL.replace('</alert>', `${'<note/>'.repeat(6000)}</alert>`);
    assert.match(refusal(many).message, /more than 5000 elements/);
    const started = performance.now();
    refusal(`${MINIMAL.slice(0, -8)}${'<![CDATA[&x;'.repeat(20_000)}</alert>`);
    assert.ok(performance.now() - started < 1000, 'hostile CDATA is read in one pass');
  });

  test('a heartbeat (status System) is valid and never displayable', () => {
    const heartbeat = readCapAlert(heartbeatXml());
    assert.equal(heartbeat.status, 'System');
    assert.equal(isDisplayable(heartbeat), false);
  });
});

describe('alert lifecycle decisions', () => {
  test('Actual is shown; Test and Exercise are shown flagged; System, Draft, Cancel, Restricted and Private are not', () => {
    const shown = (sample: Parameters<typeof capXml>[0]) => isDisplayable(readCapAlert(capXml(sample)));
    assert.equal(shown({}), true);
    assert.equal(shown({ status: 'Test' }), true);
    assert.equal(shown({ status: 'Exercise' }), true);
    assert.equal(shown({ status: 'Draft' }), false);
    assert.equal(shown({ scope: 'Restricted' }), false);
    assert.equal(shown({ scope: 'Private' }), false);
    assert.equal(isDisplayable(readCapAlert(cancelXml())), false);
    assert.equal(deviceAlertOf('a1', readCapAlert(capXml({ status: 'Test' })))!.test, true);
    assert.equal(deviceAlertOf('a1', readCapAlert(capXml()))!.test, false);
    assert.equal(deviceAlertOf('a1', readCapAlert(cancelXml())), null);
  });

  test('active until the earliest expires of its blocks; ended by an Update or Cancel', () => {
    const alert = readCapAlert(
      capXml().replace('<expires>2026-07-01T20:30:00+08:00</expires>', '<expires>2026-07-01T18:00:00+08:00</expires>'),
    );
    const expiresAt = earliestExpiry(alert);
    assert.equal(expiresAt, '2026-07-01T10:00:00.000Z', 'the Chinese block ends first');
    const standing = { displayable: true, expiresAt, endReason: null };
    assert.equal(alertState(standing, new Date('2026-07-01T09:59:59Z')), 'active');
    assert.equal(alertState(standing, new Date('2026-07-01T10:00:00Z')), 'expired');
    assert.equal(alertState({ ...standing, endReason: 'cancelled' }, new Date('2026-07-01T01:00:00Z')), 'cancelled');
    assert.equal(alertState({ ...standing, displayable: false }, new Date('2026-07-01T01:00:00Z')), 'withheld');
    assert.equal(earliestExpiry(readCapAlert(MINIMAL)), null);
  });

  test('language blocks: zh-CN first, then other Chinese, then English, keeping all', () => {
    const ordered = byLanguagePreference([
      { language: 'fr' },
      { language: 'en-US' },
      { language: 'zh-TW' },
      { language: 'zh-CN' },
      { language: 'zh' },
    ]);
    assert.deepEqual(
      ordered.map((info) => info.language),
      ['zh-CN', 'zh-TW', 'zh', 'en-US', 'fr'],
    );
    const english = capXml({ english: true }).replace('<language>zh-CN</language>', '');
    const payload = deviceAlertOf(
      'a1',
      readCapAlert(english.replace(/(<info>[\s\S]*?<\/info>)\s*(<info>[\s\S]*?<\/info>)/, '$2$1')),
    )!;
    assert.equal(payload.language, 'zh-CN', 'an untagged Chinese block counts as zh-CN even when it comes second');
    assert.equal(payload.headline, '临江市气象台发布暴雨红色预警信号');
    assert.equal(payload.senderName, '临江市气象台');
    assert.deepEqual(
      payload.info.map((info) => info.language),
      ['zh-CN', 'en-US'],
    );
    assert.equal(payload.expires, '2026-07-01T20:30:00+08:00');
  });
});

describe('alert area', () => {
  test('division codes lose the zeros that only fill a level out', () => {
    assert.equal(divisionPrefix('330188'), '330188');
    assert.equal(divisionPrefix('330100'), '3301');
    assert.equal(divisionPrefix('330000'), '33');
    assert.equal(divisionPrefix('330188001000'), '330188001');
    assert.equal(divisionPrefix('330188001001'), '330188001001');
    assert.equal(divisionPrefix('330188000000'), '330188');
    assert.equal(divisionPrefix('000000'), undefined);
    assert.equal(divisionPrefix('3301'), undefined, 'fewer than 6 digits is no division code');
    assert.equal(divisionPrefix('EC-330188'), undefined);
  });

  test('the topmost nodes whose code starts with a geocode are covered', () => {
    const nodes = [
      { id: 1, code: '330188', path: '/1/' },
      { id: 2, code: '330188001000', path: '/1/2/' },
      { id: 3, code: '330188001001', path: '/1/2/3/' },
      { id: 4, code: '330188002000', path: '/1/4/' },
      { id: 5, code: '330188002001', path: '/1/4/5/' },
    ];
    assert.deepEqual(
      coveringNodes(nodes, ['330188']).map((node) => node.id),
      [1],
    );
    assert.deepEqual(
      coveringNodes(nodes, ['330188001001', '330188002']).map((node) => node.id),
      [3, 4],
    );
    assert.deepEqual(coveringNodes(nodes, ['330189']), []);
  });

  test('geocodes of every block and area count; polygons alone name no code', () => {
    assert.deepEqual(alertCodePrefixes(readCapAlert(capXml())), ['330188']);
    assert.deepEqual(alertCodePrefixes(readCapAlert(capXml({ area: POLYGON_AREA }))), []);
  });
});
