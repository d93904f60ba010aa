/**
 * Manual alerts through the HTTP API on every backend: written from a template, approved by a
 * second person and issued as CAP to the kiosks of their area, rejected, withdrawn, cancelled;
 * bad input refused by field. And the CAP documents they are issued with, read back by our reader.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ALERT_TEMPLATES,
  templateHeadline,
  type AlertView,
  type ManualAlertInput,
  type ManualAlertView,
} from '@linli/protocol';
import { backends } from './backends';
import { district } from './alert-district';
import { DURING } from './cap-fixtures';
import { readCapAlert } from '../src/domain/cap-alert';
import { capTime, writeCapAlert } from '../src/domain/cap-writer';
import { manualAlertDocument, manualCancelDocument } from '../src/domain/manual-alert-message';
import { expiryProblem } from '../src/domain/manual-alerts';

const HOUR = 3_600_000;

function rainstorm(orgIds: number[], overrides: Partial<ManualAlertInput> = {}): ManualAlertInput {
  const template = ALERT_TEMPLATES.rainstorm;
  return {
    kind: 'rainstorm',
    severity: 'Severe',
    headline: templateHeadline('rainstorm', 'Severe'),
    description: template.description,
    instruction: template.instruction,
    orgIds,
    expiresAt: new Date(DURING.getTime() + template.hours * HOUR).toISOString(),
    exercise: false,
    ...overrides,
  };
}

test('templates suggest the headline with its warning colour for weather, their own for outages', () => {
  assert.equal(templateHeadline('rainstorm', 'Severe'), '暴雨橙色预警');
  assert.equal(templateHeadline('typhoon', 'Extreme'), '台风红色预警');
  assert.equal(templateHeadline('water-outage', 'Minor'), '停水通知');
  assert.equal(ALERT_TEMPLATES.fire.responseType, 'Evacuate');
});

test('an expiry must lie ahead, at most 7 days on', () => {
  assert.equal(expiryProblem(new Date(DURING.getTime() + HOUR).toISOString(), DURING), undefined);
  assert.equal(expiryProblem(DURING.toISOString(), DURING), 'must be later than now');
  assert.equal(
    expiryProblem(new Date(DURING.getTime() + 169 * HOUR).toISOString(), DURING),
    'must be at most 7 days from now',
  );
});

test('a manual alert is issued and cancelled as CAP 1.2 documents our reader takes back as written', () => {
  const office = { name: '安和街道办事处', code: '330188001000' };
  const sent = capTime(DURING);
  assert.equal(sent, '2026-07-01T10:00:00+08:00');
  const input = rainstorm([1], { description: '强降雨 <约 50 毫米> & 积水', exercise: true });
  const issued = readCapAlert(
    writeCapAlert(manualAlertDocument('ma-1', input, office, [{ name: '临江社区', code: '330188001001' }], sent)),
  );
  assert.equal(issued.identifier, 'linli-ma-1');
  assert.equal(issued.sender, 'linli-manual@330188001000');
  assert.equal(issued.status, 'Exercise');
  assert.equal(issued.sentAt, DURING.toISOString());
  const [info] = issued.info;
  assert.equal(info!.description, '强降雨 <约 50 毫米> & 积水');
  assert.equal(info!.headline, '暴雨橙色预警');
  assert.equal(info!.severity, 'Severe');
  assert.deepEqual(info!.category, ['Met']);
  assert.equal(info!.senderName, '安和街道办事处');
  assert.equal(info!.expiresAt, input.expiresAt);
  assert.deepEqual(info!.areas, [
    { areaDesc: '临江社区', geocodes: [{ valueName: 'GB/T 2260', value: '330188001001' }], polygons: [], circles: [] },
  ]);

  const cancel = readCapAlert(
    writeCapAlert(manualCancelDocument({ ...issued, exercise: true }, capTime(new Date(DURING.getTime() + 60_000)))),
  );
  assert.equal(cancel.msgType, 'Cancel');
  assert.equal(cancel.status, 'Exercise');
  assert.deepEqual(
    cancel.references.map((reference) => [reference.sender, reference.identifier, reference.sentAt]),
    [['linli-manual@330188001000', 'linli-ma-1', DURING.toISOString()]],
  );
});

for (const backend of backends) {
  describe(`manual alerts on ${backend.name}`, { skip: backend.skip }, () => {
    test('written from a template it waits for someone else; approved it is on the kiosks of its area at once, not elsewhere; cancelled it is taken down', async (t) => {
      const { call, admin, user, anhe, linjiang, kiosks } = await district(t, backend);
      const operator = await user('linjiang.op', 'community-operator', linjiang.id);
      const streetAdmin = await user('anhe.admin', 'street-admin', anhe.id);

      const written = await call(operator, 'POST', '/manual-alerts', rainstorm([linjiang.id]));
      assert.equal(written.statusCode, 201, written.body);
      const draft = written.json() as ManualAlertView;
      assert.equal(draft.state, 'in-review');
      assert.equal(draft.alertId, null);
      assert.deepEqual(await kiosks.linjiang.sync(), {}, 'nothing reaches kiosks before approval');

      const ownApproval = await call(operator, 'POST', `/manual-alerts/${draft.id}/review`, { approve: true });
      assert.equal(ownApproval.statusCode, 403);
      assert.equal(ownApproval.json().error.code, 'SECOND_PERSON_REQUIRED');

      const approved = await call(streetAdmin, 'POST', `/manual-alerts/${draft.id}/review`, {
        approve: true,
        comment: '已核实',
      });
      assert.equal(approved.statusCode, 200, approved.body);
      const issued = approved.json() as ManualAlertView;
      assert.equal(issued.state, 'issued');
      assert.equal(issued.reviewer, 'anhe.admin');
      assert.equal(issued.alertState, 'active');
      assert.deepEqual(await kiosks.linjiang.sync(), { [issued.alertId!]: '暴雨橙色预警' });
      assert.deepEqual(await kiosks.chunhui.sync(), {}, 'a kiosk outside the area sees nothing');
      const [listed] = (await call(admin, 'GET', '/alerts')).json().alerts as AlertView[];
      assert.equal(listed!.id, issued.alertId);
      assert.equal(listed!.source, '人工发布');
      assert.deepEqual(listed!.orgIds, [linjiang.id]);
      assert.equal(listed!.alert!.senderName, '临江社区');

      const again = await call(streetAdmin, 'POST', `/manual-alerts/${draft.id}/review`, { approve: true });
      assert.equal(again.statusCode, 409);
      assert.equal(again.json().error.code, 'REVIEW_STATE_INVALID');

      const cancelled = await call(operator, 'POST', `/manual-alerts/${draft.id}/cancel`);
      assert.equal(cancelled.statusCode, 200, cancelled.body);
      assert.equal((cancelled.json() as ManualAlertView).state, 'cancelled');
      assert.equal((cancelled.json() as ManualAlertView).alertState, 'cancelled');
      assert.deepEqual(await kiosks.linjiang.sync(), {}, 'taken down');

      const mine = (await call(operator, 'GET', '/manual-alerts')).json().alerts as ManualAlertView[];
      assert.deepEqual(
        mine.map((alert) => [alert.id, alert.state, alert.cancelledBy]),
        [[draft.id, 'cancelled', 'linjiang.op']],
      );
      const actions = (
        (await call(admin, 'GET', '/audit?limit=50')).json().entries as { action: string; outcome: string }[]
      ).map((entry) => `${entry.action}:${entry.outcome}`);
      for (const expected of [
        'manual-alert.create:ok',
        'manual-alert.approve:denied',
        'manual-alert.approve:ok',
        'manual-alert.cancel:ok',
      ])
        assert.ok(actions.includes(expected), `${expected} in ${actions.join(', ')}`);
    });

    test('rejected it is never issued; withdrawn in review; an exercise is issued as one; a clerk may not write one', async (t) => {
      const { call, user, anhe, linjiang, kiosks } = await district(t, backend);
      const operator = await user('linjiang.op', 'community-operator', linjiang.id);
      const streetAdmin = await user('anhe.admin', 'street-admin', anhe.id);
      const clerk = await user('linjiang.clerk', 'query-clerk', linjiang.id);

      const first = (
        await call(operator, 'POST', '/manual-alerts', rainstorm([linjiang.id]))
      ).json() as ManualAlertView;
      const rejected = await call(streetAdmin, 'POST', `/manual-alerts/${first.id}/review`, {
        approve: false,
        comment: '级别过高，请改为黄色',
      });
      assert.equal(rejected.statusCode, 200, rejected.body);
      assert.equal((rejected.json() as ManualAlertView).state, 'rejected');
      assert.equal((rejected.json() as ManualAlertView).reviewComment, '级别过高，请改为黄色');
      assert.equal((await call(operator, 'POST', `/manual-alerts/${first.id}/cancel`)).statusCode, 409);

      const second = (
        await call(operator, 'POST', '/manual-alerts', rainstorm([linjiang.id]))
      ).json() as ManualAlertView;
      const withdrawn = await call(operator, 'POST', `/manual-alerts/${second.id}/cancel`);
      assert.equal((withdrawn.json() as ManualAlertView).state, 'withdrawn');
      assert.equal(
        (await call(streetAdmin, 'POST', `/manual-alerts/${second.id}/review`, { approve: true })).statusCode,
        409,
      );

      const drill = (
        await call(streetAdmin, 'POST', '/manual-alerts', {
          ...rainstorm([anhe.id]),
          kind: 'fire',
          severity: 'Extreme',
          headline: '消防演练',
          exercise: true,
        })
      ).json() as ManualAlertView;
      const drillIssued = await call(operator, 'POST', `/manual-alerts/${drill.id}/review`, { approve: true });
      assert.equal(drillIssued.statusCode, 403, 'an operator below the office may not approve its alert');
      const admin2 = await user('anhe.admin2', 'street-admin', anhe.id);
      assert.equal(
        (await call(admin2, 'POST', `/manual-alerts/${drill.id}/review`, { approve: true })).statusCode,
        200,
      );
      assert.equal(kiosks.linjiang.seen.length, 0);
      await kiosks.linjiang.sync();
      const [change] = kiosks.linjiang.seen;
      assert.ok(change?.entity === 'alert' && change.op === 'upsert');
      assert.equal(change.data.test, true, 'an exercise reaches devices flagged as a test');
      assert.equal(change.data.status, 'Exercise');

      const refused = await call(clerk, 'POST', '/manual-alerts', rainstorm([linjiang.id]));
      assert.equal(refused.statusCode, 403);
      assert.equal(refused.json().error.code, 'FORBIDDEN');
    });

    test('bad input is refused by field and nothing is stored: nodes outside your organisation, an expiry past or too far, blank text', async (t) => {
      const { call, user, linjiang, chunhui } = await district(t, backend);
      const operator = await user('linjiang.op', 'community-operator', linjiang.id);
      const refused = async (input: object, path: string) => {
        const reply = await call(operator, 'POST', '/manual-alerts', input);
        assert.equal(reply.statusCode, 400, reply.body);
        assert.equal(reply.json().error.code, 'VALIDATION_FAILED');
        // Schema errors name the request part first (body/orgIds), the service's checks the field alone.
        assert.equal(reply.json().error.details[0].path.replace(/^body/, ''), path, reply.body);
      };
      await refused(rainstorm([linjiang.id, chunhui.id]), '/orgIds/1');
      await refused(rainstorm([999_999]), '/orgIds/0');
      await refused(
        rainstorm([linjiang.id], { expiresAt: new Date(DURING.getTime() - HOUR).toISOString() }),
        '/expiresAt',
      );
      await refused(
        rainstorm([linjiang.id], { expiresAt: new Date(DURING.getTime() + 200 * HOUR).toISOString() }),
        '/expiresAt',
      );
      await refused(rainstorm([linjiang.id], { headline: '   ' }), '/headline');
      await refused(rainstorm([linjiang.id], { orgIds: [] }), '/orgIds');
      await refused({ ...rainstorm([linjiang.id]), severity: 'Unknown' }, '/severity');
      await refused({ ...rainstorm([linjiang.id]), extra: 1 }, '/extra');
      assert.deepEqual((await call(operator, 'GET', '/manual-alerts')).json().alerts, []);
    });
  });
}
