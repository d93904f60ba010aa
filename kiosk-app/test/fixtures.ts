/** Guides, notices, emergency alerts, pushed settings, commands and a temporary cache for kiosk tests. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestContext } from 'node:test';
import type {
  Change,
  CommandKind,
  DeviceAlert,
  DeviceAlertInfo,
  DeviceNotice,
  DeviceSettings,
  Guide,
} from '@linli/protocol';
import { openCacheDb, type CacheDb } from '../host/storage/cache-db';

export function guide(id: string, title: string, overrides: Partial<Guide> = {}): Guide {
  return {
    id,
    category: 'social-security',
    title,
    summary: `${title}的办理说明`,
    audience: '本市居民',
    materials: [{ name: '居民身份证', copies: '原件1份', required: true }],
    steps: [{ title: '窗口受理', detail: '' }],
    office: {
      name: '安和街道便民服务中心',
      address: '安和路88号',
      hours: '周一至周五 9:00-17:00',
      phone: '0710-86000001',
    },
    fees: '不收费',
    timeLimit: '即时办结',
    legalBasis: [],
    forms: [],
    keywords: [],
    aliases: [],
    published: true,
    version: 1,
    updatedAt: '2026-11-01T00:00:00.000Z',
    ...overrides,
  };
}

/** An announcement shown from `publishAt` on, until withdrawn unless `expireAt` is given. */
export function notice(
  id: string,
  title: string,
  publishAt: string,
  overrides: Partial<DeviceNotice> = {},
): DeviceNotice {
  return {
    id,
    kind: 'announcement',
    title,
    body: `${title}。\n\n请居民相互转告。`,
    publishAt,
    expireAt: null,
    version: 1,
    issuer: '安和街道办事处',
    attachments: [],
    ...overrides,
  };
}

let seq = 0;
export const upsert = (data: Guide): Change => ({ seq: ++seq, entity: 'guide', op: 'upsert', id: data.id, data });
export const remove = (id: string): Change => ({ seq: ++seq, entity: 'guide', op: 'delete', id });
export const upsertNotice = (data: DeviceNotice): Change => ({
  seq: ++seq,
  entity: 'notice',
  op: 'upsert',
  id: data.id,
  data,
});
export const removeNotice = (id: string): Change => ({ seq: ++seq, entity: 'notice', op: 'delete', id });

/** 临江市气象台's 暴雨红色预警 as the admin server sends it: the zh-CN block first, then English. */
export function alert(id: string, overrides: Partial<DeviceAlert> = {}): DeviceAlert {
  const chinese: DeviceAlertInfo = {
    language: 'zh-CN',
    category: ['Met'],
    event: '暴雨红色预警',
    urgency: 'Immediate',
    severity: 'Extreme',
    certainty: 'Likely',
    responseType: ['Shelter'],
    senderName: '临江市气象台',
    headline: '临江市气象台发布暴雨红色预警信号',
    description: '预计未来3小时内安和区将出现100毫米以上降雨，并伴有雷电和短时大风，城市低洼地区积涝风险极高。',
    instruction: '停止集会、停课、停业（除特殊行业外）；居民避免外出，远离低洼地带和地下空间。',
    web: null,
    contact: '0571-12121',
    effective: '2026-07-01T08:30:00+08:00',
    onset: null,
    expires: '2026-07-01T20:30:00+08:00',
    areaDesc: ['临江市安和区'],
  };
  const english: DeviceAlertInfo = {
    ...chinese,
    language: 'en-US',
    event: 'Rainstorm red warning',
    senderName: 'Linjiang Meteorological Observatory',
    headline: 'Rainstorm red warning for Anhe District',
    description: 'Over 100 mm of rain expected within 3 hours, with thunder and strong gusts.',
    instruction: 'Stay indoors and away from low-lying areas and underground spaces.',
    areaDesc: ['Anhe District, Linjiang'],
  };
  return {
    id,
    status: 'Actual',
    test: false,
    msgType: 'Alert',
    sender: 'linjiang-qxt@weather.linjiang.gov.cn',
    senderName: chinese.senderName!,
    sent: '2026-07-01T08:30:00+08:00',
    effective: '2026-07-01T08:30:00+08:00',
    expires: '2026-07-01T20:30:00+08:00',
    event: chinese.event,
    headline: chinese.headline!,
    description: chinese.description,
    instruction: chinese.instruction,
    severity: 'Extreme',
    urgency: 'Immediate',
    certainty: 'Likely',
    language: 'zh-CN',
    info: [chinese, english],
    ...overrides,
  };
}
export const upsertAlert = (data: DeviceAlert): Change => ({
  seq: ++seq,
  entity: 'alert',
  op: 'upsert',
  id: data.id,
  data,
});
export const removeAlert = (id: string): Change => ({ seq: ++seq, entity: 'alert', op: 'delete', id });
export const DEVICE_ID = '0190a8c4-0000-7000-8000-000000000001';
export const pushSettings = (settings: DeviceSettings, updatedAt = '2026-11-28T08:00:00.000Z'): Change => ({
  seq: ++seq,
  entity: 'settings',
  op: 'upsert',
  id: DEVICE_ID,
  data: { settings, updatedAt },
});
export const command = (id: string, kind: CommandKind, issuedAt: string): Change => ({
  seq: ++seq,
  entity: 'command',
  op: 'upsert',
  id,
  data: { id, kind, issuedAt },
});

export function tempCache(t: TestContext): { cache: CacheDb; file: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'linli-kiosk-'));
  const file = path.join(dir, 'cache.sqlite');
  const cache = openCacheDb(file);
  t.after(() => {
    cache.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return { cache, file };
}
