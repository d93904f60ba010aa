/** GB/T 35965.1 warnings read into the CAP model, and the one place that tells the formats apart: pure, no database. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CAP_SEVERITIES, alertTone } from '@linli/protocol';
import { readXml } from '../src/import/xml-reader';
import { alertFormatOf, readAlertDocument } from '../src/domain/alert-document';
import { alertCodePrefixes } from '../src/domain/alert-area';
import { readAlertXml } from '../src/domain/alert-xml';
import { deviceAlertOf, isDisplayable, referenceText } from '../src/domain/alert-lifecycle';
import { readCapAlert, type CapAlert, type CapInfo } from '../src/domain/cap-alert';
import { eventOf, nationalDateTime, severityOf } from '../src/domain/gbt35965-alert';
import { capXml, refusalOf } from './cap-fixtures';
import {
  GBT_IDENTIFIER,
  GBT_SENDER,
  GBT_SENDER_CODE,
  LINJIANG_AREA_CODE,
  gbtCancelXml,
  gbtXml,
} from './gbt35965-fixtures';

const DEMO = path.resolve(import.meta.dirname, '../demo');
const READ_AS = '(read as GB/T 35965.1, as the document is not in the CAP 1.2 namespace)';

/** The CAP_INVALID error `xml` is refused with, whichever format it is read as. */
const refusal = (xml: string) => refusalOf(readAlertDocument, xml);

/** The message a national document is refused with, which must say how it was read. */
function problem(xml: string): string {
  const { message } = refusal(xml);
  assert.ok(message.endsWith(` ${READ_AS}`), message);
  return message.slice(0, -READ_AS.length - 1);
}

const COMMUNITY_CODES = [
  { valueName: 'geocode', value: '330188001001' },
  { valueName: 'geocode', value: '330188002001' },
];
const AREA = { areaDesc: '安和街道临江社区,江滨街道春晖社区', geocodes: COMMUNITY_CODES, polygons: [], circles: [] };

describe('reading GB/T 35965.1', () => {
  test('a provincial export with two languages and division codes reads as the CAP model', () => {
    const chinese: CapInfo = {
      language: 'zh-CN',
      category: ['Met'],
      event: '暴雨红色预警',
      responseType: [],
      urgency: 'Unknown',
      severity: 'Extreme',
      certainty: 'Unknown',
      senderName: GBT_SENDER,
      headline: '临江市气象台发布暴雨红色预警[I级/特别严重]',
      description: '预计未来3小时内安和区将出现100毫米以上降雨，并伴有雷电和短时大风。',
      instruction: '停止集会、停课、停业；居民避免外出，远离低洼地带和地下空间。',
      web: null,
      contact: null,
      effective: '2026-07-01T08:30:00+08:00',
      onset: null,
      expires: '2026-07-01T20:30:00+08:00',
      expiresAt: '2026-07-01T12:30:00.000Z',
      areas: [AREA],
    };
    const expected: CapAlert = {
      identifier: GBT_IDENTIFIER,
      sender: GBT_SENDER,
      sent: '2026-07-01T08:30:00+08:00',
      sentAt: '2026-07-01T00:30:00.000Z',
      status: 'Actual',
      msgType: 'Alert',
      scope: 'Public',
      source: null,
      note: null,
      references: [],
      info: [
        chinese,
        {
          ...chinese,
          language: 'en-US',
          senderName: 'Linjiang Meteorological Observatory',
          headline: 'Rainstorm red warning for Anhe District',
          description: 'Over 100 mm of rain expected within 3 hours.',
          instruction: null,
          effective: null,
        },
      ],
    };
    const alert = readAlertDocument(Buffer.from(gbtXml()));
    assert.deepEqual(alert, expected);
    assert.deepEqual(alertCodePrefixes(alert), ['330188001001', '330188002001']);
    assert.equal(isDisplayable(alert), true);
    const device = deviceAlertOf('a1', alert)!;
    assert.equal(alertTone(device.severity), 'red', 'a red warning is red on every screen');
    assert.deepEqual([device.language, device.effective], ['zh-CN', '2026-07-01T08:30:00+08:00']);
  });

  test('the warning colours, in English or Chinese, are CAP severities: alertTone backwards', () => {
    const cases: [string, string][] = [
      ['Red', 'Extreme'],
      ['Orange', 'Severe'],
      ['Yellow', 'Moderate'],
      ['Blue', 'Minor'],
      ['red', 'Extreme'],
      ['BLUE', 'Minor'],
      ['红色', 'Extreme'],
      ['橙色', 'Severe'],
      ['黄色', 'Moderate'],
      ['蓝色', 'Minor'],
      ['Extreme', 'Extreme'],
      ['Unknown', 'Unknown'],
    ];
    for (const [written, severity] of cases) assert.equal(severityOf(written), severity, written);
    for (const severity of CAP_SEVERITIES.filter((word) => word !== 'Unknown'))
      assert.equal(severityOf(alertTone(severity)), severity, `${severity} is ${alertTone(severity)} and back`);
    assert.equal(severityOf('Purple'), undefined);
    assert.equal(severityOf('红'), undefined);
    const orange = readAlertDocument(gbtXml({ severity: '橙色', english: false })).info[0]!;
    assert.deepEqual([orange.severity, orange.event], ['Severe', '暴雨橙色预警']);
  });

  test('eventType codes give the category and the Chinese event; unknown ones are Other, the code kept', () => {
    assert.deepEqual(eventOf('11B03', 'Extreme'), { category: 'Met', event: '暴雨红色预警' });
    assert.deepEqual(eventOf('11B06', 'Minor'), { category: 'Met', event: '大风蓝色预警' });
    assert.deepEqual(eventOf('11B17', 'Moderate'), { category: 'Met', event: '大雾黄色预警' });
    assert.deepEqual(eventOf('11B09', 'Severe'), { category: 'Met', event: '高温橙色预警' });
    assert.deepEqual(eventOf('11E02', 'Unknown'), { category: 'Met', event: '风暴潮预警' });
    assert.deepEqual(eventOf('11D01', 'Severe'), { category: 'Geo', event: '地质灾害橙色预警（11D01）' });
    assert.deepEqual(eventOf('11G01', 'Moderate'), { category: 'Fire', event: '森林草原火灾黄色预警（11G01）' });
    assert.deepEqual(eventOf('12A01', 'Extreme'), { category: 'Other', event: '突发事件红色预警（12A01）' });
    assert.deepEqual(eventOf('99Z99', 'Unknown'), { category: 'Other', event: '突发事件预警（99Z99）' });

    const unknown = readAlertDocument(gbtXml({ eventType: '12A01', english: false })).info[0]!;
    assert.deepEqual([unknown.category, unknown.event], [['Other'], '突发事件红色预警（12A01）']);
    const own = readAlertDocument(
      gbtXml({ english: false }).replace('<urgency/>', '<category>Safety</category><event>城市内涝红色预警</event>'),
    ).info[0]!;
    assert.deepEqual([own.category, own.event], [['Safety'], '城市内涝红色预警'], "the document's own words win");
  });

  test('times: a space or a T, Beijing time when there is no offset; sendTime stands for sent', () => {
    assert.equal(nationalDateTime('2026-07-01 08:30:00+08:00'), '2026-07-01T08:30:00+08:00');
    assert.equal(nationalDateTime('2026-07-01T08:30:00+08:00'), '2026-07-01T08:30:00+08:00');
    assert.equal(nationalDateTime('2026-07-01 08:30:00'), '2026-07-01T08:30:00+08:00');
    assert.equal(nationalDateTime('2026-07-01T08:30:00-00:00'), '2026-07-01T08:30:00-00:00');
    assert.equal(nationalDateTime('2026-07-01T08:30:00Z'), undefined);
    assert.equal(nationalDateTime('2026-02-30 08:30:00'), undefined);
    assert.equal(nationalDateTime('20260701083000'), undefined);

    const alert = readAlertDocument(
      gbtXml({ sent: '2026-07-01 08:30:00', sentName: 'sendTime', expires: '2026-07-01 20:30:00', english: false }),
    );
    assert.deepEqual([alert.sent, alert.sentAt], ['2026-07-01T08:30:00+08:00', '2026-07-01T00:30:00.000Z']);
    assert.deepEqual(
      [alert.info[0]!.expires, alert.info[0]!.expiresAt],
      ['2026-07-01T20:30:00+08:00', '2026-07-01T12:30:00.000Z'],
    );
  });

  test('defaults: status Actual, urgency and certainty Unknown; senderCode names a sender left out', () => {
    const alert = readAlertDocument(gbtXml({ status: '', sender: '', english: false }));
    assert.equal(alert.status, 'Actual');
    assert.equal(alert.sender, GBT_SENDER_CODE);
    assert.deepEqual([alert.info[0]!.urgency, alert.info[0]!.certainty], ['Unknown', 'Unknown']);
    const stated = readAlertDocument(
      gbtXml({ status: 'Exercise', english: false })
        .replace('<urgency/>', '<urgency>Expected</urgency>')
        .replace('<certainty/>', '<certainty>Likely</certainty>'),
    );
    assert.deepEqual(
      [stated.status, stated.info[0]!.urgency, stated.info[0]!.certainty],
      ['Exercise', 'Expected', 'Likely'],
    );
  });

  test('areas: an areaCode is a geocode; repeated codes count once; empty geometry is none, real geometry is checked', () => {
    const area = readAlertDocument(gbtXml({ area: LINJIANG_AREA_CODE, english: false })).info[0]!.areas[0]!;
    assert.deepEqual(area.geocodes, [{ valueName: 'areaCode', value: '330188001001' }]);
    const capStyle = `<area><areaDesc>安和区</areaDesc>
      <geocode><valueName>GB/T 2260</valueName><value>330188</value></geocode>
      <polygon>30.25,120.10 30.30,120.10 30.30,120.20 30.25,120.10</polygon><circle>30.27,120.15 2.5</circle></area>`;
    const read = readAlertDocument(gbtXml({ area: capStyle, english: false })).info[0]!.areas[0]!;
    assert.deepEqual(read.geocodes, [{ valueName: 'GB/T 2260', value: '330188' }]);
    assert.equal(read.polygons[0]!.length, 4);
    assert.deepEqual(read.circles, [{ latitude: 30.27, longitude: 120.15, radiusKm: 2.5 }]);
  });

  test('references: CAP triplets (their time without a space), or identifiers alone, of the same sender', () => {
    const cancel = readAlertDocument(gbtCancelXml());
    assert.deepEqual(cancel.references, [{ sender: GBT_SENDER, identifier: GBT_IDENTIFIER, sent: '', sentAt: '' }]);
    assert.equal(referenceText(cancel.references[0]!), `${GBT_SENDER},${GBT_IDENTIFIER}`);
    const two = readAlertDocument(
      gbtCancelXml({ references: `${GBT_IDENTIFIER},33018841600000_20260701090000` }),
    ).references;
    assert.deepEqual(
      two.map((reference) => reference.identifier),
      [GBT_IDENTIFIER, '33018841600000_20260701090000'],
    );
    const triplet = readAlertDocument(
      gbtCancelXml({ references: `${GBT_SENDER},${GBT_IDENTIFIER},2026-07-01T08:30:00` }),
    ).references[0]!;
    assert.deepEqual(triplet, {
      sender: GBT_SENDER,
      identifier: GBT_IDENTIFIER,
      sent: '2026-07-01T08:30:00+08:00',
      sentAt: '2026-07-01T00:30:00.000Z',
    });
  });

  test('each bad element is refused with CAP_INVALID naming it, read as GB/T 35965.1', () => {
    const cases: [string, string][] = [
      [gbtXml().replace(/<identifier>[^<]*<\/identifier>/, ''), '/alert/identifier: is required'],
      [gbtXml({ identifier: 'rain warning 1' }), '/alert/identifier: must not contain spaces, commas, < or &'],
      [gbtXml({ sender: '' }).replace(/<senderCode>[^<]*<\/senderCode>/, ''), '/alert/sender: is required'],
      [gbtXml().replace(/<sent>[^<]*<\/sent>/, ''), '/alert/sent: is required'],
      [
        gbtXml({ sent: '2026/07/01 08:30' }),
        '/alert/sent: must be a date and time, e.g. 2026-07-01 08:30:00+08:00 (Beijing time when it has no offset)',
      ],
      [
        gbtXml({ sentName: 'sendTime', sent: '2026-07-01 25:00:00' }),
        '/alert/sendTime: must be a date and time, e.g. 2026-07-01 08:30:00+08:00 (Beijing time when it has no offset)',
      ],
      [gbtXml({ status: 'Real' }), '/alert/status: must be one of Actual, Exercise, System, Test, Draft'],
      [gbtXml().replace(/<msgType>[^<]*<\/msgType>/, ''), '/alert/msgType: is required'],
      [gbtXml({ scope: 'Restricted' }), '/alert/restriction: is required'],
      [gbtCancelXml({ references: '' }), '/alert/references: must not be empty'],
      [
        gbtCancelXml({ references: `${GBT_SENDER},only-two` }),
        `/alert/references: "${GBT_SENDER},only-two" is not "sender,identifier,sent" with sent as a date and time, nor a warning's identifier`,
      ],
      [
        gbtXml({ severity: 'Purple' }),
        '/alert/info[1]/severity: must be one of Red, Orange, Yellow, Blue, 红色, 橙色, 黄色, 蓝色, Extreme, Severe, Moderate, Minor, Unknown',
      ],
      [gbtXml({ english: false }).replace(/<severity>[^<]*<\/severity>/, ''), '/alert/info[1]/severity: is required'],
      [
        gbtXml({ english: false }).replace(/<eventType>[^<]*<\/eventType>/, ''),
        '/alert/info[1]/eventType: is required',
      ],
      [
        gbtXml({ english: false }).replace('<urgency/>', '<urgency>Soon</urgency>'),
        '/alert/info[1]/urgency: must be one of Immediate, Expected, Future, Past, Unknown',
      ],
      [
        gbtXml({ expires: '2026-07-01 20:30' }),
        '/alert/info[1]/expires: must be a date and time, e.g. 2026-07-01 08:30:00+08:00 (Beijing time when it has no offset)',
      ],
      [gbtXml().replace(/<areaDesc>[^<]*<\/areaDesc>/, ''), '/alert/info[1]/area[1]/areaDesc: is required'],
      [
        gbtXml().replace('<polygon/>', '<polygon>30.25,120.10 30.30,120.10</polygon>'),
        '/alert/info[1]/area[1]/polygon[1]: must have at least four points and end where it starts',
      ],
      [
        gbtXml().replace('<circle/>', '<circle>30.27,120.15</circle>'),
        '/alert/info[1]/area[1]/circle[1]: must be "latitude,longitude radius" with the radius in kilometres',
      ],
      [
        gbtXml({ area: `<area><areaDesc>全省</areaDesc><geocode>${'330188,'.repeat(2001)}</geocode></area>` }).replace(
          /330188,/g,
          (_code, offset: number) => `${330188 + offset},`,
        ),
        '/alert/info: names more than 2000 geocodes',
      ],
    ];
    for (const [xml, message] of cases) assert.equal(problem(xml), message);
  });

  test('every problem is listed with its path, the first in the message', () => {
    const error = refusal(gbtXml({ status: 'Real', severity: 'Purple', english: false }));
    assert.deepEqual(
      error.details?.map((detail) => detail.path),
      ['/alert/status', '/alert/info[1]/severity'],
    );
  });
});

describe('telling the formats apart', () => {
  const root = (xml: string) => readXml(xml, 'alert');

  test('the CAP namespace goes to the CAP 1.2 reader; none or another to GB/T 35965.1', () => {
    assert.equal(alertFormatOf(root('<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"/>')), 'CAP 1.2');
    assert.equal(alertFormatOf(root('<cap:alert xmlns:cap="urn:oasis:names:tc:emergency:cap:1.2"/>')), 'CAP 1.2');
    assert.equal(alertFormatOf(root('<alert xmlns="urn:oasis:names:tc:emergency:cap:1.1"/>')), 'CAP 1.2');
    assert.equal(alertFormatOf(root('<alert/>')), 'GB/T 35965.1');
    assert.equal(alertFormatOf(root('<alert xmlns="http://www.12379.cn/yjxx"/>')), 'GB/T 35965.1');
  });

  test('a CAP document reads as before; an older CAP one is refused by name, not read as national', () => {
    assert.deepEqual(readAlertDocument(capXml()), readCapAlert(capXml()));
    assert.equal(
      refusal(capXml().replace('cap:1.2', 'cap:1.1')).message,
      '/alert: must be in the CAP 1.2 namespace urn:oasis:names:tc:emergency:cap:1.2',
    );
    assert.equal(
      refusal(capXml().replace('<severity>Extreme</severity>', '<severity>Red</severity>')).message,
      '/alert/info[1]/severity: must be one of Extreme, Severe, Moderate, Minor, Unknown',
      'a CAP 1.2 document is held to CAP 1.2, colours and all',
    );
    assert.deepEqual(
      readAlertDocument(capXml().replace(' xmlns="urn:oasis:names:tc:emergency:cap:1.2"', '')),
      readCapAlert(capXml()),
      'a CAP document without its namespace is a national one, and reads the same',
    );
  });

  test('what is no alert document at all is refused the same way whatever the format', () => {
    assert.match(refusal('<alert><identifier>x</alert>').message, /^\/alert: is not well-formed XML/);
    assert.equal(
      refusal('<!DOCTYPE alert [<!ENTITY a "a">]><alert/>').message,
      '/alert: must not declare a document type (DTD) or entities',
    );
    assert.match(refusal('<feed/>').message, /must be <alert>/);
  });
});

describe('the demo documents', () => {
  test('the national demo warning covers the demo district, in orange, and its cancel names it', () => {
    const xml = readFileSync(path.join(DEMO, 'gbt35965-demo-alert.xml'));
    assert.equal(alertFormatOf(readAlertXml(xml)), 'GB/T 35965.1');
    const alert = readAlertDocument(xml);
    assert.deepEqual(alertCodePrefixes(alert), ['330188']);
    assert.equal(isDisplayable(alert), true);
    const device = deviceAlertOf('demo', alert)!;
    assert.deepEqual([device.event, alertTone(device.severity)], ['暴雨橙色预警', 'orange']);
    assert.equal(device.expires, '2036-12-01T08:00:00+08:00');
    assert.deepEqual(
      device.info.map((info) => info.language),
      ['zh-CN', 'en-US'],
    );
    const cancel = readAlertDocument(readFileSync(path.join(DEMO, 'gbt35965-demo-cancel.xml')));
    assert.equal(cancel.msgType, 'Cancel');
    assert.deepEqual(
      cancel.references.map((reference) => [reference.sender, reference.identifier]),
      [[alert.sender, alert.identifier]],
    );
  });

  test('the CAP demo alert still reads as CAP 1.2 through the same entry', () => {
    const xml = readFileSync(path.join(DEMO, 'cap-demo-alert.xml'));
    assert.deepEqual(readAlertDocument(xml), readCapAlert(xml));
  });
});
