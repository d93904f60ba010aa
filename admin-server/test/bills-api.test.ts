/**
 * Bills on the device API: kiosks ask live, with their credentials checked before the body is
 * read; players may not ask; bad input and unknown accounts get coded errors naming what was wrong.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  LinliError,
  PROTOCOL_VERSION,
  PROTOCOL_VERSION_HEADER,
  deviceAuthorization,
  type BillAccount,
} from '@linli/protocol';
import type { BillProvider } from '../src/bills/bill-provider';
import { startApp, TEST_ENROLLMENT_CODE } from './app-harness';
import { backends } from './backends';

/** One water account, 1000012345; any other number is unknown. */
const water: BillProvider = {
  id: 'test-water',
  name: '测试自来水公司',
  utility: 'water',
  async lookupAccount(accountNumber) {
    if (accountNumber !== '1000012345') throw new LinliError('BILL_ACCOUNT_UNKNOWN');
    return {
      accountNumber,
      holderName: '李四',
      address: '临江社区5栋1单元302室',
      status: 'normal',
      amountDueFen: 0,
      history: [{ period: '2026-11', usage: 12, amountFen: 4140 }],
    };
  },
  async accountsForIdNumber() {
    return ['1000012345'];
  },
  async recordPayment() {
    return { receiptNumber: 'R1' };
  },
};

for (const backend of backends) {
  describe(backend.name, { skip: backend.skip }, () => {
    test('a kiosk queries bills live; a player may not; bad numbers and unknown accounts are coded', async (t) => {
      const { app } = await startApp(t, await backend.open(t), undefined, {
        billProviders: [{ provider: water, orgPaths: [] }],
      });
      const enroll = async (kind: 'kiosk' | 'player') => {
        const enrolled = (
          await app.inject({
            method: 'POST',
            url: '/api/v1/devices/enroll',
            payload: { code: TEST_ENROLLMENT_CODE, name: `${kind} 1`, kind },
          })
        ).json() as { deviceId: string; secret: string };
        return {
          authorization: deviceAuthorization(enrolled.deviceId, enrolled.secret),
          [PROTOCOL_VERSION_HEADER]: String(PROTOCOL_VERSION),
        };
      };
      const kiosk = await enroll('kiosk');
      const ask = (headers: object, payload: object) =>
        app.inject({ method: 'POST', url: '/api/v1/bills/query', headers: { ...headers }, payload });

      const utilities = await app.inject({ url: '/api/v1/bills/utilities', headers: kiosk });
      assert.deepEqual(utilities.json(), {
        utilities: [{ utility: 'water', provider: { id: 'test-water', name: '测试自来水公司' } }],
      });
      const found = await ask(kiosk, { utility: 'water', accountNumber: '1000012345' });
      assert.equal(found.statusCode, 200, found.body);
      const account = found.json() as BillAccount;
      assert.equal(account.holderMasked, '李*');
      assert.equal(account.addressMasked, '临江社区5栋*单元***室');
      assert.ok(!found.body.includes('1000012345'), 'the full number does not come back');

      const unknown = await ask(kiosk, { utility: 'water', accountNumber: '1000099999' });
      assert.equal(unknown.statusCode, 404);
      assert.equal(unknown.json().error.code, 'BILL_ACCOUNT_UNKNOWN');
      const malformed = await ask(kiosk, { utility: 'water', accountNumber: '12-34' });
      assert.equal(malformed.statusCode, 400);
      assert.equal(malformed.json().error.details[0].path, 'body/accountNumber');
      const noGas = await ask(kiosk, { utility: 'gas', accountNumber: '3000012345' });
      assert.equal(noGas.statusCode, 503);
      assert.equal(noGas.json().error.code, 'BILL_PROVIDER_UNAVAILABLE');

      const bound = await app.inject({
        method: 'POST',
        url: '/api/v1/bills/bound-accounts',
        headers: kiosk,
        payload: { utility: 'water', idNumber: '11010519491231002X' },
      });
      assert.deepEqual(bound.json(), { accounts: [{ accountNumber: '1000012345', accountMasked: '******2345' }] });

      const player = await ask(await enroll('player'), { utility: 'water', accountNumber: '1000012345' });
      assert.equal(player.statusCode, 403);
      const stranger = await app.inject({
        method: 'POST',
        url: '/api/v1/bills/query',
        headers: { 'content-type': 'application/json' },
        payload: '{not json',
      });
      assert.equal(stranger.statusCode, 401, 'refused before the body is read');
    });
  });
}
