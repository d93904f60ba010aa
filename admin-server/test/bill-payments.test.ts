/**
 * Paying a bill by QR code through the device API, with the simulated utility and the simulated
 * payment channel (whose /pay-sim page "pays" a code): the code, a kiosk waiting on its status, the
 * payment stored and confirmed by the utility, the receipt read again by transaction id; expiry,
 * cancel, a closed account; a utility down when the payment arrives confirms it later, and nothing
 * is lost. No amount or account number reaches the audit trail.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  LinliError,
  PROTOCOL_VERSION,
  PROTOCOL_VERSION_HEADER,
  deviceAuthorization,
  type BillReceipt,
  type Payment,
} from '@linli/protocol';
import { createPaymentSimulator } from '../src/bills/payment-simulator';
import { createSimulatorProvider } from '../src/bills/simulator-provider';
import { startApp, TEST_ENROLLMENT_CODE } from './app-harness';
import { backends } from './backends';

const ARREARS = '1000010003';
const CLOSED = '1000010005';

for (const backend of backends) {
  describe(backend.name, { skip: backend.skip }, () => {
    test('a code is paid on the simulator page: the waiting kiosk hears it, the utility confirms it, the receipt reprints', async (t) => {
      let now = new Date('2026-12-04T02:00:00Z').getTime();
      const clock = () => new Date(now);
      const water = createSimulatorProvider({ utility: 'water', clock, delay: async () => undefined });
      let utilityDown = false;
      const recordPayment = water.recordPayment.bind(water);
      water.recordPayment = async (payment, signal) => {
        if (utilityDown) throw new LinliError('BILL_PROVIDER_UNAVAILABLE');
        return recordPayment(payment, signal);
      };
      const simulator = createPaymentSimulator({ clock, baseUrl: 'http://linli.test' });
      const { app, services, db } = await startApp(t, await backend.open(t), clock, {
        billProviders: [{ provider: water, orgPaths: [] }],
        paymentSimulator: simulator,
      });
      const enrolled = (
        await app.inject({
          method: 'POST',
          url: '/api/v1/devices/enroll',
          payload: { code: TEST_ENROLLMENT_CODE, name: '大厅一号机' },
        })
      ).json() as { deviceId: string; secret: string };
      const headers = {
        authorization: deviceAuthorization(enrolled.deviceId, enrolled.secret),
        [PROTOCOL_VERSION_HEADER]: String(PROTOCOL_VERSION),
      };
      const pay = (accountNumber: string, amountFen: number) =>
        app.inject({
          method: 'POST',
          url: '/api/v1/bills/payments',
          headers,
          payload: { utility: 'water', accountNumber, amountFen },
        });
      const status = (orderId: string, waitSec = 0) =>
        app.inject({ url: `/api/v1/bills/payments/${orderId}?waitSec=${waitSec}`, headers });

      const ordered = await pay(ARREARS, 35_673);
      assert.equal(ordered.statusCode, 200, ordered.body);
      const payment = ordered.json() as Payment;
      assert.equal(payment.state, 'pending');
      assert.equal(payment.accountMasked, '******0003');
      assert.equal(payment.qrPayload, `http://linli.test/pay-sim/${payment.orderId}`);
      assert.equal(payment.expiresAt, '2026-12-04T02:05:00.000Z');

      // The phone opens the code and pays while the kiosk waits on the status.
      const page = await app.inject({ url: `/pay-sim/${payment.orderId}` });
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /¥356\.73/);
      assert.match(page.headers['content-security-policy'] as string, /default-src 'none'/);
      const waiting = status(payment.orderId, 20);
      utilityDown = true;
      const paid = await app.inject({
        method: 'POST',
        url: `/pay-sim/${payment.orderId}/pay`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: '',
      });
      assert.match(paid.body, /支付成功/);
      const heard = (await waiting).json() as Payment;
      assert.equal(heard.state, 'paid', 'the waiting kiosk is answered when the payment arrives');
      assert.equal(heard.qrPayload, undefined);
      assert.equal(heard.receipt?.amountFen, 35_673);
      assert.equal(heard.receipt?.providerReceiptNumber, undefined, 'the utility has not confirmed yet');

      // The utility comes back: the payment is confirmed, and the account number is dropped.
      utilityDown = false;
      await services.billPayments!.settleDue();
      const receipt = (
        await app.inject({ url: `/api/v1/bills/receipts/${heard.receipt!.transactionId}`, headers })
      ).json() as BillReceipt;
      assert.match(receipt.providerReceiptNumber ?? '', /^SW\d+/);
      assert.equal(receipt.period, '2026-11');
      assert.equal(receipt.providerName, '模拟自来水公司');
      assert.equal(water.payments().length, 1, 'the utility wrote it off once');
      const stored = await db.get<{ account_number: string | null }>(
        'SELECT account_number FROM bill_payments WHERE order_id = ?',
        [payment.orderId],
      );
      assert.equal(stored!.account_number, null);
      await services.billPayments!.settleDue();
      assert.equal(water.payments().length, 1, 'never twice');

      // The receipt's QR code opens the public page that says it is real; a wrong code finds nothing.
      const verifyUrl = `/bill-receipts/${receipt.transactionId}?v=${receipt.verifyCode}`;
      const verified = await app.inject({ url: verifyUrl });
      assert.equal(verified.statusCode, 200);
      assert.match(verified.body, /回执真实有效/);
      assert.match(verified.body, /¥356\.73/);
      assert.match(verified.body, new RegExp(receipt.accountMasked.replaceAll('*', '\\*')));
      assert.ok(!verified.body.includes(ARREARS), 'the account number stays masked');
      assert.match(verified.body, /2026-12-04 10:0\d（北京时间）/);
      assert.match(verified.headers['content-security-policy'] as string, /default-src 'none'/);
      const forged = `${receipt.verifyCode.slice(0, -1)}${receipt.verifyCode.endsWith('A') ? 'B' : 'A'}`;
      for (const url of [
        `/bill-receipts/${receipt.transactionId}?v=${forged}`,
        `/bill-receipts/000020261204123456789012?v=${receipt.verifyCode}`,
      ]) {
        const refused = await app.inject({ url });
        assert.equal(refused.statusCode, 404, url);
        assert.match(refused.body, /没有找到这张回执/);
      }

      // Expiry: the code is closed after 5 minutes; cancel closes it at once; a closed account is refused.
      const later = (await pay(ARREARS, 100)).json() as Payment;
      now += 5 * 60_000 + 1000;
      assert.equal(((await status(later.orderId)).json() as Payment).state, 'expired');
      const cancelled = (await pay(ARREARS, 100)).json() as Payment;
      const gaveUp = await app.inject({
        method: 'POST',
        url: `/api/v1/bills/payments/${cancelled.orderId}/cancel`,
        headers,
      });
      assert.equal((gaveUp.json() as Payment).state, 'expired');
      const closed = await pay(CLOSED, 100);
      assert.equal(closed.statusCode, 409);
      assert.equal(closed.json().error.code, 'BILL_ACCOUNT_CLOSED');
      const unknown = await status('LL20261204000000000000');
      assert.equal(unknown.statusCode, 404);

      const trail = JSON.stringify(
        await db.all("SELECT target_id, after_state FROM audit_log WHERE action LIKE 'bill.%'"),
      );
      for (const secret of [ARREARS, '35673', '356.73', '李秀英']) assert.ok(!trail.includes(secret), secret);
    });
  });
}
