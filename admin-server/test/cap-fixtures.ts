/**
 * Realistic CAP 1.2 documents for tests: 临江市气象台's 暴雨红色预警 for 安和区 (330188), in Chinese with an
 * English block, and builders for its Update, Cancel, a heartbeat and variations.
 */
import assert from 'node:assert/strict';
import { LinliError } from '@linli/protocol';

/** The CAP_INVALID error (400) `read` refuses `xml` with; the test fails when it is accepted. */
export function refusalOf(read: (xml: string | Uint8Array) => unknown, xml: string | Uint8Array): LinliError {
  try {
    read(xml);
  } catch (error) {
    assert.ok(error instanceof LinliError, String(error));
    assert.equal(error.code, 'CAP_INVALID');
    assert.equal(error.status, 400);
    return error;
  }
  assert.fail('the document was accepted');
}

export const SENDER = 'linjiang-qxt@weather.linjiang.gov.cn';

export interface CapSample {
  identifier?: string;
  sender?: string;
  sent?: string;
  status?: string;
  msgType?: string;
  scope?: string;
  references?: string;
  /** Area XML inside each info block (defaults to the district by geocode). */
  area?: string;
  expires?: string;
  /** Extra info blocks (e.g. English) after the Chinese one; '' for none. */
  english?: boolean;
  /** Replaces the whole Chinese info block. */
  info?: string;
}

export const DISTRICT_AREA = `<area>
      <areaDesc>临江市安和区</areaDesc>
      <geocode><valueName>GB/T 2260</valueName><value>330188</value></geocode>
    </area>`;

export const LINJIANG_AREA = `<area>
      <areaDesc>安和街道临江社区</areaDesc>
      <geocode><valueName>ADCODE</valueName><value>330188001001</value></geocode>
    </area>`;

export const POLYGON_AREA = `<area>
      <areaDesc>钱塘江临江段沿岸</areaDesc>
      <polygon>30.25,120.10 30.30,120.10 30.30,120.20 30.25,120.20 30.25,120.10</polygon>
      <circle>30.27,120.15 2.5</circle>
    </area>`;

/** A CAP 1.2 document; every part can be changed for a case. */
export function capXml(sample: CapSample = {}): string {
  const {
    identifier = '33018841600000_20260701083000_1',
    sender = SENDER,
    sent = '2026-07-01T08:30:00+08:00',
    status = 'Actual',
    msgType = 'Alert',
    scope = 'Public',
    references,
    area = DISTRICT_AREA,
    expires = '2026-07-01T20:30:00+08:00',
    english = true,
  } = sample;
  const chinese =
    sample.info ??
    `<info>
    <language>zh-CN</language>
    <category>Met</category>
    <event>暴雨红色预警</event>
    <responseType>Shelter</responseType>
    <urgency>Immediate</urgency>
    <severity>Extreme</severity>
    <certainty>Likely</certainty>
    <eventCode><valueName>GB/T 35965.1</valueName><value>11B03</value></eventCode>
    <effective>${sent}</effective>
    <expires>${expires}</expires>
    <senderName>临江市气象台</senderName>
    <headline>临江市气象台发布暴雨红色预警信号</headline>
    <description>预计未来3小时内安和区将出现100毫米以上降雨，并伴有雷电和短时大风，城市低洼地区积涝风险极高。</description>
    <instruction>停止集会、停课、停业（除特殊行业外）；居民避免外出，远离低洼地带和地下空间；注意防范山洪、地质灾害。</instruction>
    <web>http://qx.linjiang.gov.cn/yj/20260701083000</web>
    <contact>0571-12121</contact>
    ${area}
  </info>`;
  const englishBlock = english
    ? `<info>
    <language>en-US</language>
    <category>Met</category>
    <event>Rainstorm red warning</event>
    <urgency>Immediate</urgency>
    <severity>Extreme</severity>
    <certainty>Likely</certainty>
    <expires>${expires}</expires>
    <senderName>Linjiang Meteorological Observatory</senderName>
    <headline>Rainstorm red warning for Anhe District</headline>
    <description>Over 100 mm of rain expected within 3 hours.</description>
    <instruction>Stay indoors and keep away from low-lying areas.</instruction>
    ${area}
  </info>`
    : '';
  return `<?xml version="1.0" encoding="UTF-8"?>
<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
  <identifier>${identifier}</identifier>
  <sender>${sender}</sender>
  <sent>${sent}</sent>
  <status>${status}</status>
  <msgType>${msgType}</msgType>
  <source>临江市突发事件预警信息发布中心</source>
  <scope>${scope}</scope>
  ${scope === 'Restricted' ? '<restriction>应急管理部门内部</restriction>' : ''}
  ${scope === 'Private' ? '<addresses>anhe-yjb@linjiang.gov.cn</addresses>' : ''}
  ${references ? `<references>${references}</references>` : ''}
  ${chinese}
  ${englishBlock}
</alert>`;
}

export const ORIGINAL = { identifier: '33018841600000_20260701083000_1', sent: '2026-07-01T08:30:00+08:00' };

export const referenceTo = (original: { identifier: string; sent: string } = ORIGINAL) =>
  `${SENDER},${original.identifier},${original.sent}`;

/** The observatory's update an hour later: still red, until 22:30. */
export function updateXml(overrides: CapSample = {}): string {
  return capXml({
    identifier: '33018841600000_20260701093000_2',
    sent: '2026-07-01T09:30:00+08:00',
    msgType: 'Update',
    references: referenceTo(),
    expires: '2026-07-01T22:30:00+08:00',
    ...overrides,
  });
}

/** The all-clear: 解除暴雨红色预警. */
export function cancelXml(overrides: CapSample = {}): string {
  return capXml({
    identifier: '33018841600000_20260701113000_3',
    sent: '2026-07-01T11:30:00+08:00',
    msgType: 'Cancel',
    references: referenceTo(),
    english: false,
    info: `<info>
    <language>zh-CN</language>
    <category>Met</category>
    <event>解除暴雨红色预警</event>
    <responseType>AllClear</responseType>
    <urgency>Past</urgency>
    <severity>Minor</severity>
    <certainty>Observed</certainty>
    <senderName>临江市气象台</senderName>
    <headline>临江市气象台解除暴雨红色预警信号</headline>
    ${DISTRICT_AREA}
  </info>`,
    ...overrides,
  });
}

/** A heartbeat: status System, no info block. */
export function heartbeatXml(sent = '2026-07-01T08:31:00+08:00'): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
  <identifier>heartbeat-${sent.replace(/\D/g, '')}</identifier>
  <sender>${SENDER}</sender>
  <sent>${sent}</sent>
  <status>System</status>
  <msgType>Alert</msgType>
  <scope>Public</scope>
</alert>`;
}

/** A CAP time as a Chinese bureau writes it: Beijing time with its offset, no fraction. */
export function capTime(at: Date): string {
  return `${new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 19)}+08:00`;
}

/**
 * For tests and benches on the real clock: the 暴雨红色预警 for 临江社区 only (its division code), sent
 * a minute before `now` and in force for 3 hours, and its Cancel as sent at `at`.
 */
export function liveRainstorm(identifier: string, now = new Date()) {
  const sent = capTime(new Date(now.getTime() - 60_000));
  return {
    alert: capXml({
      identifier,
      sent,
      expires: capTime(new Date(now.getTime() + 3 * 3600_000)),
      area: LINJIANG_AREA,
      english: false,
    }),
    cancel: (at = new Date()) =>
      cancelXml({
        identifier: `${identifier}-cancel`,
        sent: capTime(at),
        references: referenceTo({ identifier, sent }),
      }),
  };
}

/** Between sent (08:30 +08:00) and expiry (20:30 +08:00) of the sample. */
export const DURING = new Date('2026-07-01T02:00:00Z');
