/**
 * GB/T 35965.1 warnings for tests, shaped like a provincial 预警信息发布中心's export: no namespace,
 * `senderCode`, times with a space and Beijing offsets (or none), colour severities, `eventType`
 * codes, every element written even when empty, dissemination methods under `code`, division codes
 * as text. 临江市气象台's 暴雨红色预警 for 安和区's 临江社区 and 春晖社区, in Chinese and English, and
 * its Cancel by identifier.
 */

export const GBT_SENDER = '临江市气象台';
export const GBT_SENDER_CODE = '33018841600000';
export const GBT_IDENTIFIER = '33018841600000_20260701082500_1';

export interface GbtSample {
  identifier?: string;
  /** '' for none (then senderCode names the sender). */
  sender?: string;
  sent?: string;
  /** The element the sent time is written in. */
  sentName?: 'sent' | 'sendTime';
  /** '' for none (the national default, Actual). */
  status?: string;
  msgType?: string;
  scope?: string;
  references?: string;
  severity?: string;
  eventType?: string;
  /** The area element inside each block. */
  area?: string;
  expires?: string;
  english?: boolean;
}

/** 临江社区 and 春晖社区 by their 12-digit codes, written as one text the way exports join them. */
export const COMMUNITIES_AREA = `<area>
      <areaDesc>安和街道临江社区,江滨街道春晖社区</areaDesc>
      <polygon/>
      <circle/>
      <geocode>330188001001,330188002001,330188001001</geocode>
    </area>`;

/** 临江社区 alone, as an `areaCode`. */
export const LINJIANG_AREA_CODE = `<area>
      <areaDesc>安和街道临江社区</areaDesc>
      <areaCode>330188001001</areaCode>
    </area>`;

export function gbtXml(sample: GbtSample = {}): string {
  const {
    identifier = GBT_IDENTIFIER,
    sender = GBT_SENDER,
    sent = '2026-07-01 08:30:00+08:00',
    sentName = 'sent',
    status = 'Actual',
    msgType = 'Alert',
    scope = 'Public',
    references,
    severity = 'Red',
    eventType = '11B03',
    area = COMMUNITIES_AREA,
    expires = '2026-07-01 20:30:00+08:00',
    english = true,
  } = sample;
  const englishBlock = english
    ? `<info>
    <language>en-US</language>
    <eventType>${eventType}</eventType>
    <severity>${severity}</severity>
    <expires>${expires}</expires>
    <senderName>Linjiang Meteorological Observatory</senderName>
    <headline>Rainstorm red warning for Anhe District</headline>
    <description>Over 100 mm of rain expected within 3 hours.</description>
    ${area}
  </info>`
    : '';
  return `<?xml version="1.0" encoding="UTF-8"?>
<alert>
  <identifier>${identifier}</identifier>
  ${sender ? `<sender>${sender}</sender>` : ''}
  <senderCode>${GBT_SENDER_CODE}</senderCode>
  <${sentName}>${sent}</${sentName}>
  ${status ? `<status>${status}</status>` : ''}
  <msgType>${msgType}</msgType>
  <scope>${scope}</scope>
  <edition>1</edition>
  <code>
    <method>
      <methodName>SMS</methodName>
      <message>【临江市气象台】暴雨红色预警：预计未来3小时安和区将出现100毫米以上降雨。</message>
      <audienceGrp/>
    </method>
  </code>
  <secClassification>None</secClassification>
  <note/>
  ${references ? `<references>${references}</references>` : '<references/>'}
  <info>
    <language>zh-CN</language>
    <eventType>${eventType}</eventType>
    <urgency/>
    <severity>${severity}</severity>
    <certainty/>
    <effective>2026-07-01 08:30:00</effective>
    <onset/>
    <expires>${expires}</expires>
    <senderName>${GBT_SENDER}</senderName>
    <headline>临江市气象台发布暴雨红色预警[I级/特别严重]</headline>
    <description>预计未来3小时内安和区将出现100毫米以上降雨，并伴有雷电和短时大风。</description>
    <instruction>停止集会、停课、停业；居民避免外出，远离低洼地带和地下空间。</instruction>
    <web/>
    ${area}
  </info>
  ${englishBlock}
</alert>`;
}

/** The all-clear an hour later, naming the warning by its identifier alone (as exports do). */
export function gbtCancelXml(sample: GbtSample = {}): string {
  return gbtXml({
    identifier: '33018841600000_20260701113000_1',
    sent: '2026-07-01 11:30:00+08:00',
    msgType: 'Cancel',
    references: GBT_IDENTIFIER,
    severity: 'Red',
    english: false,
    ...sample,
  });
}
