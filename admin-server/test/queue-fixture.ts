/**
 * A service hall's world for the queue's tests: the demo tree's two streets with a community each,
 * their staff (an administrator and two window clerks at 安和街道), kiosks, and a hall set-up to
 * vary; with helpers to take tickets and act at windows as a named user on the test's clock.
 */
import type { TestContext } from 'node:test';
import assert from 'node:assert/strict';
import {
  PROTOCOL_VERSION,
  PROTOCOL_VERSION_HEADER,
  deviceAuthorization,
  type QueueHall,
  type QueueHallInput,
  type QueueTicketReceipt,
} from '@linli/protocol';
import { TEST_PASSWORD, startApp, type AdminHeaders } from './app-harness';
import type { Database } from '../src/db/database';

const PASSWORD = 'Linli2026queue';
/** Tuesday 10 March 2026, 09:00 in Beijing. */
export const TUESDAY_9AM = new Date('2026-03-10T01:00:00Z');
export const beijing = (local: string) => new Date(`${local}+08:00`);

export const business = (
  id: string,
  name: string,
  prefix: string,
  extra: Partial<QueueHallInput['businesses'][0]> = {},
) => ({
  id,
  name,
  prefix,
  maxPerDay: 300,
  open: true,
  serviceMinutes: 6,
  ...extra,
});

/** 安和街道便民服务中心: 社保医保 (A) at windows 1–2, 民政救助 (B) at 2–3, 户籍证照 (C) paused; weekdays 08:30–12:00 and 13:30–17:30. */
export function hallInput(orgId: number, overrides: Partial<QueueHallInput> = {}): QueueHallInput {
  return {
    orgId,
    name: '安和街道便民服务中心',
    resetTime: '00:00',
    elderAge: 70,
    hours: [
      {
        weekdays: [1, 2, 3, 4, 5],
        windows: [
          { from: '08:30', to: '12:00' },
          { from: '13:30', to: '17:30' },
        ],
      },
    ],
    followsWorkCalendar: true,
    businesses: [
      business('social', '社保医保', 'A'),
      business('civil', '民政救助', 'B', { serviceMinutes: 10 }),
      business('household', '户籍证照', 'C', { open: false }),
    ],
    windows: [
      { number: 1, businesses: ['social'] },
      { number: 2, name: '综合窗口', businesses: ['social', 'civil'] },
      { number: 3, businesses: ['civil'] },
    ],
    ...overrides,
  };
}

/** Every day, every hour: for tests about numbers rather than hours. */
export const ALWAYS: Pick<QueueHallInput, 'hours' | 'followsWorkCalendar'> = {
  hours: [{ weekdays: [1, 2, 3, 4, 5, 6, 7], windows: [{ from: '00:00', to: '23:59' }] }],
  followsWorkCalendar: false,
};

let clientIds = 0;
/** A fresh UUID for each ticket request (the kiosk's clientId). */
export const clientId = () => `0193a1b2-c3d4-7e5f-8a9b-${String(++clientIds).padStart(12, '0')}`;

/**
 * The demo tree's two streets with a community each, staff at 安和街道 (its administrator, two
 * window clerks) and at 江滨街道, and kiosks: one in 临江社区, one in 春晖社区, one at the district.
 */
export async function hallFixture(
  t: TestContext,
  db: Database,
  clock: () => Date,
  options: Parameters<typeof startApp>[3] = {},
) {
  const harness = await startApp(t, db, clock, options);
  const { app, call, root, signInAs } = harness;
  let admin = harness.admin;
  const node = async (parentId: number, name: string, code: string) => {
    const created = await call(admin, 'POST', '/orgs', { parentId, name, code });
    assert.equal(created.statusCode, 201, created.body);
    return created.json() as { id: number };
  };
  const anhe = await node(root.id, '安和街道', '330188001000');
  const linjiang = await node(anhe.id, '临江社区', '330188001001');
  const jiangbin = await node(root.id, '江滨街道', '330188002000');
  const chunhui = await node(jiangbin.id, '春晖社区', '330188002001');
  for (const [username, role, orgId] of [
    ['anhe-admin', 'street-admin', anhe.id],
    ['clerk1', 'hall-clerk', anhe.id],
    ['clerk2', 'hall-clerk', anhe.id],
    ['jiangbin-admin', 'street-admin', jiangbin.id],
  ] as const) {
    const created = await call(admin, 'POST', '/users', {
      username,
      displayName: username,
      role,
      orgId,
      password: PASSWORD,
      mustChangePassword: false,
    });
    assert.equal(created.statusCode, 201, created.body);
  }
  const kioskAt = async (orgId: number, name: string, kind: 'kiosk' | 'player' = 'kiosk') => {
    const code = (await call(admin, 'POST', '/enrollment-codes', { orgId, validDays: 7, maxUses: 1 })).json()
      .code as string;
    const enrolled = await app.inject({ method: 'POST', url: '/api/v1/devices/enroll', payload: { code, name, kind } });
    const { deviceId, secret } = enrolled.json() as { deviceId: string; secret: string };
    return {
      authorization: deviceAuthorization(deviceId, secret),
      [PROTOCOL_VERSION_HEADER]: String(PROTOCOL_VERSION),
    };
  };
  const kiosks = {
    linjiang: await kioskAt(linjiang.id, '临江社区一号机'),
    chunhui: await kioskAt(chunhui.id, '春晖社区一号机'),
    district: await kioskAt(root.id, '区大厅一号机'),
    player: await kioskAt(linjiang.id, '临江社区信息屏', 'player'),
  };
  // Sessions idle out on the test's clock: each call signs in again after the clock moved.
  const sessions = new Map<string, { headers: AdminHeaders; at: number }>();
  const as = async (username: string): Promise<AdminHeaders> => {
    const kept = sessions.get(username);
    if (kept && Math.abs(clock().getTime() - kept.at) < 60_000) return kept.headers;
    const headers = await signInAs(username, username === 'admin' ? TEST_PASSWORD : PASSWORD);
    sessions.set(username, { headers, at: clock().getTime() });
    if (username === 'admin') admin = headers;
    return headers;
  };
  const take = (kiosk: Record<string, string>, business: string, extra: object = {}) =>
    app.inject({
      method: 'POST',
      url: '/api/v1/queue/tickets',
      headers: kiosk,
      payload: { clientId: clientId(), business, ...extra },
    });
  const offer = (kiosk: Record<string, string>) =>
    app.inject({ method: 'GET', url: '/api/v1/queue/offer', headers: kiosk });
  /** Takes a ticket that must be given, and answers its label. */
  const ticket = async (business: string, extra: object = {}) => {
    const reply = await take(kiosks.linjiang, business, extra);
    assert.equal(reply.statusCode, 201, reply.body);
    return (reply.json() as QueueTicketReceipt).label;
  };
  const act = async (username: string, hallId: number, window: number, input: object) =>
    call(await as(username), 'POST', `/queue/halls/${hallId}/windows/${window}/actions`, input);
  const createHall = async (input: QueueHallInput, username = 'anhe-admin') => {
    const created = await call(await as(username), 'POST', '/queue/halls', input);
    assert.equal(created.statusCode, 201, created.body);
    return created.json() as QueueHall;
  };
  return { ...harness, anhe, linjiang, jiangbin, chunhui, kiosks, as, take, offer, ticket, act, createHall, kioskAt };
}

export const codeOf = (reply: { json(): unknown }) => (reply.json() as { error: { code: string } }).error.code;
export const detailsOf = (reply: { json(): unknown }) =>
  (reply.json() as { error: { details?: { path: string; message: string }[] } }).error.details ?? [];
