/**
 * The simulated utilities and the simulated payment channel: tiered prices computed in integers,
 * every demo account kind, the history's months, the slow account's abortable wait, payments written
 * off once per transaction, and a payment order's life from pending to paid, expired or failed.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  BillAccount,
  UTILITIES,
  validationErrors,
  type ErrorCode,
  type PriceTier,
  type Utility,
} from '@linli/protocol';
import type { ProviderAccount } from '../src/bills/bill-provider';
import type { PaidNotice } from '../src/bills/payment-channel';
import { createPaymentSimulator } from '../src/bills/payment-simulator';
import {
  SIMULATOR_ACCOUNTS,
  SIMULATOR_ID_NUMBERS,
  SIMULATOR_PRICES,
  SIMULATOR_SLOW_MS,
  createSimulatorProvider,
  type SimulatorAccountKind,
} from '../src/bills/simulator-provider';
import { tierAmounts, type PriceStep } from '../src/bills/tiered-price';
import { shownAccount } from '../src/domain/bill-gateway';
import { rejection } from './rejection';

const WATER = SIMULATOR_PRICES.water;
const signal = new AbortController().signal;
/** 2026-12-04 10:00 in Beijing: the current bill is November's. */
const DECEMBER = new Date('2026-12-04T10:00:00+08:00');

const numberOf = (kind: SimulatorAccountKind, utility: Utility = 'water') =>
  SIMULATOR_ACCOUNTS.find((row) => row.kind === kind)!.numbers[utility];

const failure = rejection;

async function refusedWith(code: ErrorCode, work: Promise<unknown>) {
  assert.equal((await failure(work)).code, code);
}

/** A step's amount computed another way: usage (whole units) × price in ten-thousandths, half up. */
function expectedFen(tier: PriceTier): number {
  const [yuan, decimals = ''] = tier.unitPrice.split('.');
  const tenThousandths = Number(yuan) * 10_000 + Number(decimals.padEnd(4, '0'));
  assert.ok(Number.isInteger(tier.usage), 'whole units');
  return Math.floor((tier.usage * tenThousandths + 50) / 100);
}

/** GB 11643's ISO 7064 MOD 11-2 check, written out again here to check the demo ID numbers. */
function hasValidCheckCharacter(idNumber: string): boolean {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = weights.reduce((total, weight, i) => total + weight * Number(idNumber[i]), 0);
  return /^\d{17}[\dX]$/.test(idNumber) && '10X98765432'[sum % 11] === idNumber[17];
}

function simulator(utility: Utility = 'water', at = DECEMBER) {
  let now = at.getTime();
  const waits: { ms: number; release: () => void }[] = [];
  const provider = createSimulatorProvider({
    utility,
    clock: () => new Date(now),
    delay: (ms, abort) =>
      new Promise<void>((resolve, reject) => {
        waits.push({ ms, release: resolve });
        abort.addEventListener('abort', () => reject(abort.reason), { once: true });
      }),
  });
  return { provider, waits, setNow: (date: Date) => (now = date.getTime()) };
}

describe('tiered prices', () => {
  test('a bill inside one step costs usage × price', () => {
    const [first, ...rest] = tierAmounts(15, WATER);
    assert.deepEqual(first, { tier: 1, from: 0, to: 216, unitPrice: '3.45', usage: 15, amountFen: 5175 });
    assert.deepEqual(
      rest.map(({ usage, amountFen }) => ({ usage, amountFen })),
      [
        { usage: 0, amountFen: 0 },
        { usage: 0, amountFen: 0 },
      ],
      'the steps not reached are listed, unused',
    );
  });

  test('a bill starts where the year left off and is split where the steps meet', () => {
    const tiers = tierAmounts(100, WATER, 210);
    assert.deepEqual(
      tiers.map(({ tier, usage, amountFen }) => ({ tier, usage, amountFen })),
      [
        { tier: 1, usage: 6, amountFen: 2070 },
        { tier: 2, usage: 84, amountFen: 40_572 },
        { tier: 3, usage: 10, amountFen: 5830 },
      ],
    );
    assert.equal(tiers[2]!.to, undefined);
    assert.equal(
      tiers.reduce((sum, tier) => sum + tier.usage, 0),
      100,
    );
    assert.deepEqual(
      tierAmounts(40, WATER, 260).map((tier) => tier.usage),
      [0, 40, 0],
    );
  });

  test('each step is rounded half up to the fen once, from the decimal price, not per unit', () => {
    const single: PriceStep[] = [{ tier: 1, from: 0, unitPrice: '0.4885' }];
    // 10 × 0.4885 = 4.885 yuan exactly; in floating point it is 488.49999… fen.
    assert.equal(tierAmounts(10, single)[0]!.amountFen, 489);
    // 149 kWh × 0.4883 = 72.7567 yuan: 7276 fen (49 fen a unit would make 7301).
    assert.equal(tierAmounts(149, SIMULATOR_PRICES.electricity)[0]!.amountFen, 7276);
    assert.equal(
      tierAmounts(
        3,
        single.map((step) => ({ ...step, unitPrice: '2' })),
      )[0]!.amountFen,
      600,
    );
  });

  test('usage with decimals is counted in thousandths', () => {
    const [tier] = tierAmounts(12.345, WATER);
    assert.equal(tier!.usage, 12.345);
    assert.equal(tier!.amountFen, 4259); // 42.59025 yuan
  });

  test('a bill without usage lists every step unused', () => {
    assert.deepEqual(
      tierAmounts(0, WATER, 500).map(({ usage, amountFen }) => usage + amountFen),
      [0, 0, 0],
    );
  });

  test('schedules with gaps, an open middle step or a closed last step, and odd prices or usage are refused', () => {
    const gap: PriceStep[] = [
      { tier: 1, from: 0, to: 10, unitPrice: '1' },
      { tier: 2, from: 11, unitPrice: '2' },
    ];
    const openMiddle: PriceStep[] = [
      { tier: 1, from: 0, unitPrice: '1' },
      { tier: 2, from: 10, unitPrice: '2' },
    ];
    const closedLast: PriceStep[] = [{ tier: 1, from: 0, to: 10, unitPrice: '1' }];
    for (const steps of [[], gap, openMiddle, closedLast, [{ tier: 1, from: 0, unitPrice: '3.45678' }]])
      assert.throws(() => tierAmounts(1, steps), RangeError);
    for (const [usage, before] of [
      [-1, 0],
      [1.2345, 0],
      [Number.NaN, 0],
      [1, -5],
    ] as const)
      assert.throws(() => tierAmounts(usage, WATER, before), RangeError, `${usage} after ${before}`);
  });
});

describe('simulated utilities', () => {
  test('each utility has its id and name, and demo numbers start with its digit', () => {
    const expected = {
      water: ['sim-water', '模拟自来水公司', '1'],
      electricity: ['sim-electricity', '模拟供电公司', '2'],
      gas: ['sim-gas', '模拟燃气公司', '3'],
    } as const;
    for (const utility of UTILITIES) {
      const { provider } = simulator(utility);
      assert.deepEqual([provider.id, provider.name], expected[utility].slice(0, 2));
      assert.equal(provider.utility, utility);
      for (const row of SIMULATOR_ACCOUNTS) {
        assert.match(row.numbers[utility], /^[0-9A-Za-z]{6,20}$/);
        assert.equal(row.numbers[utility][0], expected[utility][2]);
        assert.equal(row.numbers[utility].slice(1), row.numbers.water.slice(1), 'the same suffix everywhere');
      }
    }
    assert.equal(new Set(SIMULATOR_ACCOUNTS.map((row) => row.kind)).size, SIMULATOR_ACCOUNTS.length);
  });

  test('every answer is a valid bill account once the gateway masks it', async () => {
    for (const utility of UTILITIES) {
      const { provider } = simulator(utility);
      for (const kind of ['normal', 'paid-up', 'arrears', 'credit', 'closed'] as const) {
        const account = await provider.lookupAccount(numberOf(kind, utility), signal);
        const shown = shownAccount(provider, account, DECEMBER);
        assert.deepEqual(validationErrors(BillAccount, shown), [], `${utility} ${kind}`);
        assert.equal(shown.history.length, account.history.length);
      }
    }
  });

  test('normal: last month’s bill, due at the end of this month, is what is owed', async () => {
    const { provider } = simulator();
    const account = await provider.lookupAccount(numberOf('normal'), signal);
    assert.equal(account.accountNumber, numberOf('normal'));
    assert.equal(account.holderName, '张三丰');
    assert.equal(account.address, '幸福路街道阳光社区3栋2单元501室');
    assert.equal(account.status, 'normal');
    assert.equal(account.currentBill?.period, '2026-11');
    assert.equal(account.currentBill?.dueDate, '2026-12-31');
    assert.equal(account.currentBill?.unit, 'm3');
    assert.ok(account.amountDueFen > 0);
    assert.equal(account.amountDueFen, account.currentBill?.amountFen);
    const electricity = await simulator('electricity').provider.lookupAccount(
      numberOf('normal', 'electricity'),
      signal,
    );
    assert.equal(electricity.currentBill?.unit, 'kWh');
  });

  test('paid up: the bill is shown and nothing is owed', async () => {
    const account = await simulator('gas').provider.lookupAccount(numberOf('paid-up', 'gas'), signal);
    assert.equal(account.status, 'normal');
    assert.equal(account.amountDueFen, 0);
    assert.ok(account.currentBill && account.currentBill.amountFen > 0);
  });

  test('arrears: the last three bills are owed, two of them past their due dates', async () => {
    for (const utility of UTILITIES) {
      const account = await simulator(utility).provider.lookupAccount(numberOf('arrears', utility), signal);
      assert.equal(account.status, 'arrears');
      const lastThree = account.history.slice(-3).reduce((sum, month) => sum + month.amountFen, 0);
      assert.equal(account.amountDueFen, lastThree);
      assert.ok(account.amountDueFen > account.currentBill!.amountFen);
    }
  });

  test('credit: the amount due is negative', async () => {
    const account = await simulator('electricity').provider.lookupAccount(numberOf('credit', 'electricity'), signal);
    assert.equal(account.status, 'normal');
    assert.equal(account.amountDueFen, -8650);
  });

  test('closed: answered with status closed, no bill and no history', async () => {
    const account = await simulator().provider.lookupAccount(numberOf('closed'), signal);
    assert.equal(account.status, 'closed');
    assert.equal(account.amountDueFen, 0);
    assert.equal(account.currentBill, undefined);
    assert.deepEqual(account.history, []);
  });

  test('unknown: the table’s unknown number, any other number and another utility’s number', async () => {
    const { provider } = simulator();
    for (const accountNumber of [numberOf('unknown'), '1234567890', numberOf('normal', 'electricity')])
      await refusedWith('BILL_ACCOUNT_UNKNOWN', provider.lookupAccount(accountNumber, signal));
  });

  test('failing: the utility cannot be reached, for queries and payments', async () => {
    const { provider } = simulator('gas');
    await refusedWith('BILL_PROVIDER_UNAVAILABLE', provider.lookupAccount(numberOf('failing', 'gas'), signal));
    const payment = { accountNumber: numberOf('failing', 'gas'), amountFen: 100, transactionId: 'T1', paidAt: '' };
    await refusedWith('BILL_PROVIDER_UNAVAILABLE', provider.recordPayment(payment, signal));
  });

  test('the tiers add up to the bill, usage and money, and each is priced right', async () => {
    for (const utility of UTILITIES) {
      const { provider } = simulator(utility);
      for (const kind of ['normal', 'paid-up', 'arrears', 'credit'] as const) {
        const bill = (await provider.lookupAccount(numberOf(kind, utility), signal)).currentBill!;
        assert.ok(bill.tiers.length > 0);
        assert.equal(
          bill.tiers.reduce((sum, tier) => sum + tier.usage, 0),
          bill.usage,
        );
        assert.equal(
          bill.tiers.reduce((sum, tier) => sum + tier.amountFen, 0),
          bill.amountFen,
        );
        for (const tier of bill.tiers) assert.equal(tier.amountFen, expectedFen(tier), `${utility} ${kind}`);
      }
    }
    // The heavy users' year reaches the second step by November.
    const arrears = await simulator('water').provider.lookupAccount(numberOf('arrears'), signal);
    assert.ok(arrears.currentBill!.tiers.every((tier) => tier.tier >= 2 || tier.usage === 0));
    assert.ok(arrears.currentBill!.tiers.some((tier) => tier.tier >= 2 && tier.usage > 0));
  });

  test('history: 12 months, oldest first, ending with the current bill, dated by the clock in Beijing time', async () => {
    const { provider, setNow } = simulator('electricity');
    const number = numberOf('normal', 'electricity');
    const december = await provider.lookupAccount(number, signal);
    assert.deepEqual(
      december.history.map((month) => month.period),
      [
        '2025-12',
        '2026-01',
        '2026-02',
        '2026-03',
        '2026-04',
        '2026-05',
        '2026-06',
        '2026-07',
        '2026-08',
        '2026-09',
        '2026-10',
        '2026-11',
      ],
    );
    const last = december.history.at(-1)!;
    assert.deepEqual(last, {
      period: '2026-11',
      usage: december.currentBill!.usage,
      amountFen: december.currentBill!.amountFen,
    });
    // 16:30 UTC on 31 December is already 1 January in Beijing: December's bill is the current one.
    setNow(new Date('2026-12-31T16:30:00Z'));
    const january = await provider.lookupAccount(number, signal);
    assert.equal(january.currentBill!.period, '2026-12');
    assert.equal(january.currentBill!.dueDate, '2027-01-31');
    assert.equal(january.history.length, 12);
    // A month's bill does not change as time goes on.
    assert.deepEqual(january.history.slice(0, 11), december.history.slice(1));
  });

  test('the same account and month give the same usage in another instance; usage follows the seasons', async () => {
    const first = await simulator('gas').provider.lookupAccount(numberOf('normal', 'gas'), signal);
    const again = await simulator('gas').provider.lookupAccount(numberOf('normal', 'gas'), signal);
    assert.deepEqual(again, first);
    const usageIn = (account: ProviderAccount, month: string) =>
      account.history.find((entry) => entry.period === `2026-${month}`)!.usage;
    assert.ok(usageIn(first, '01') > 2 * usageIn(first, '07'), 'gas heats in winter');
    const power = await simulator('electricity').provider.lookupAccount(numberOf('normal', 'electricity'), signal);
    assert.ok(usageIn(power, '08') > usageIn(power, '04'), 'air conditioning in summer');
    const other = await simulator('gas').provider.lookupAccount(numberOf('paid-up', 'gas'), signal);
    assert.notDeepEqual(
      other.history.map((month) => month.usage),
      first.history.map((month) => month.usage),
    );
  });

  test('demo ID numbers are valid and bound to two accounts at each utility; others to none', async () => {
    for (const utility of UTILITIES) {
      const { provider } = simulator(utility);
      for (const binding of SIMULATOR_ID_NUMBERS) {
        assert.ok(hasValidCheckCharacter(binding.idNumber), binding.idNumber);
        assert.deepEqual(
          await provider.accountsForIdNumber(binding.idNumber, signal),
          binding.kinds.map((kind) => numberOf(kind, utility)),
        );
      }
      assert.deepEqual(await provider.accountsForIdNumber('110105194912310038', signal), []);
    }
    assert.ok(!hasValidCheckCharacter('110105194912310029'), 'the check itself can fail');
  });
});

describe('the slow account', () => {
  test('answers after the simulator’s 5 s wait, and only then', async () => {
    const { provider, waits } = simulator();
    let answered = false;
    const lookup = provider.lookupAccount(numberOf('slow'), signal).then((account) => {
      answered = true;
      return account;
    });
    assert.deepEqual(
      waits.map((wait) => wait.ms),
      [SIMULATOR_SLOW_MS],
    );
    assert.equal(SIMULATOR_SLOW_MS, 5000);
    assert.equal(answered, false);
    waits[0]!.release();
    const account = await lookup;
    assert.equal(account.status, 'normal');
    assert.equal(account.holderName, '陈志强');
  });

  test('gives up when the caller aborts, with the injected wait', async () => {
    const { provider, waits } = simulator();
    const controller = new AbortController();
    const lookup = provider.lookupAccount(numberOf('slow'), controller.signal);
    assert.equal(waits.length, 1);
    controller.abort();
    await assert.rejects(lookup, { name: 'AbortError' });
  });

  test('gives up when the caller aborts, with the default wait (no 5 s pass)', async () => {
    const provider = createSimulatorProvider({ utility: 'water', clock: () => DECEMBER });
    const controller = new AbortController();
    const lookup = provider.lookupAccount(numberOf('slow'), controller.signal);
    controller.abort();
    await assert.rejects(lookup, { name: 'AbortError' });
  });

  test('an already aborted call does not start', async () => {
    const { provider, waits } = simulator();
    await assert.rejects(provider.lookupAccount(numberOf('slow'), AbortSignal.abort()), { name: 'AbortError' });
    assert.equal(waits.length, 0);
  });
});

describe('payments written off at the utility', () => {
  const paying = (accountNumber: string, amountFen: number, transactionId: string) => ({
    accountNumber,
    amountFen,
    transactionId,
    paidAt: '2026-12-04T02:05:00.000Z',
  });

  test('one payment per transaction id: the same receipt number again, and the amount taken once', async () => {
    const { provider } = simulator();
    const number = numberOf('normal');
    const before = (await provider.lookupAccount(number, signal)).amountDueFen;
    const first = await provider.recordPayment(paying(number, 1000, 'SIM00000000000000000001'), signal);
    assert.deepEqual(first, { receiptNumber: 'SW20261204000001' });
    assert.deepEqual(await provider.recordPayment(paying(number, 1000, 'SIM00000000000000000001'), signal), first);
    assert.equal((await provider.lookupAccount(number, signal)).amountDueFen, before - 1000);
    const second = await provider.recordPayment(paying(number, 500, 'SIM00000000000000000002'), signal);
    assert.deepEqual(second, { receiptNumber: 'SW20261204000002' });
    assert.equal((await provider.lookupAccount(number, signal)).amountDueFen, before - 1500);
    assert.deepEqual(
      provider.payments().map((payment) => [payment.transactionId, payment.receiptNumber, payment.recordedAt]),
      [
        ['SIM00000000000000000001', 'SW20261204000001', DECEMBER.toISOString()],
        ['SIM00000000000000000002', 'SW20261204000002', DECEMBER.toISOString()],
      ],
    );
  });

  test('paying the arrears in full makes the account normal; part of them leaves it in arrears', async () => {
    const { provider } = simulator('electricity');
    const number = numberOf('arrears', 'electricity');
    const owed = (await provider.lookupAccount(number, signal)).amountDueFen;
    assert.match((await provider.recordPayment(paying(number, 100, 'A1'), signal)).receiptNumber, /^SE20261204/);
    assert.equal((await provider.lookupAccount(number, signal)).status, 'arrears');
    await provider.recordPayment(paying(number, owed - 100, 'A2'), signal);
    const after = await provider.lookupAccount(number, signal);
    assert.deepEqual([after.status, after.amountDueFen], ['normal', 0]);
  });

  test('what is paid stays with the provider instance', async () => {
    const number = numberOf('normal', 'gas');
    const { provider } = simulator('gas');
    const before = (await provider.lookupAccount(number, signal)).amountDueFen;
    assert.match((await provider.recordPayment(paying(number, 300, 'G1'), signal)).receiptNumber, /^SG/);
    assert.equal((await simulator('gas').provider.lookupAccount(number, signal)).amountDueFen, before);
  });

  test('closed and unknown accounts and amounts below a fen are refused, and nothing is recorded', async () => {
    const { provider } = simulator();
    await refusedWith('BILL_ACCOUNT_CLOSED', provider.recordPayment(paying(numberOf('closed'), 100, 'C1'), signal));
    await refusedWith('BILL_ACCOUNT_UNKNOWN', provider.recordPayment(paying('1999999999', 100, 'U1'), signal));
    await refusedWith('VALIDATION_FAILED', provider.recordPayment(paying(numberOf('normal'), 0, 'Z1'), signal));
    await refusedWith('VALIDATION_FAILED', provider.recordPayment(paying(numberOf('normal'), 1.5, 'Z2'), signal));
    assert.deepEqual(provider.payments(), []);
  });

  test('the same transaction arriving twice while the slow utility waits is still one payment', async () => {
    const { provider, waits } = simulator();
    const number = numberOf('slow');
    const before = (await lookupReleased(provider.lookupAccount(number, signal), waits)).amountDueFen;
    const first = provider.recordPayment(paying(number, 700, 'S1'), signal);
    const again = provider.recordPayment(paying(number, 700, 'S1'), signal);
    assert.equal(waits.length, 2);
    for (const wait of waits.splice(0)) wait.release();
    assert.deepEqual(await again, await first);
    assert.equal(provider.payments().length, 1);
    const after = await lookupReleased(provider.lookupAccount(number, signal), waits);
    assert.equal(after.amountDueFen, before - 700);
  });
});

/** A slow lookup, let through its wait. */
async function lookupReleased<T>(lookup: Promise<T>, waits: { release: () => void }[]): Promise<T> {
  for (const wait of waits.splice(0)) wait.release();
  return lookup;
}

describe('payment simulator', () => {
  const ORDER = {
    orderId: 'BILL_20261204_0001',
    amountFen: 12_345,
    description: '模拟自来水公司 水费 ******0001',
    expiresAt: '2026-12-04T02:05:00.000Z',
  };

  function channel() {
    let now = DECEMBER.getTime();
    const payments = createPaymentSimulator({ clock: () => new Date(now), baseUrl: 'https://linli.example.cn/' });
    const heard: PaidNotice[] = [];
    const unsubscribe = payments.onPaid((notice) => heard.push(notice));
    return { payments, heard, unsubscribe, advance: (ms: number) => (now += ms) };
  }

  const codeOf = async (work: () => unknown): Promise<ErrorCode> => (await rejection(work)).code;

  test('an order’s code is this server’s pay page; the order is pending until paid', async () => {
    const { payments } = channel();
    assert.deepEqual(await payments.createOrder(ORDER, signal), {
      qrPayload: 'https://linli.example.cn/pay-sim/BILL_20261204_0001',
    });
    assert.deepEqual(await payments.queryOrder(ORDER.orderId, signal), { state: 'pending' });
    assert.deepEqual(payments.order(ORDER.orderId), { ...ORDER, state: 'pending' });
  });

  test('pending → paid once: listeners hear of it once, paying again changes nothing, closing does not undo it', async () => {
    const { payments, heard, advance } = channel();
    await payments.createOrder(ORDER, signal);
    advance(30_000);
    const paid = payments.pay(ORDER.orderId);
    assert.equal(paid.state, 'paid');
    assert.match(paid.transactionId!, /^000020261204\d{12}$/);
    assert.equal(paid.paidAt, '2026-12-04T02:00:30.000Z');
    assert.deepEqual(heard, [
      { orderId: ORDER.orderId, transactionId: paid.transactionId, paidAt: paid.paidAt, amountFen: 12_345 },
    ]);
    assert.deepEqual(payments.pay(ORDER.orderId), paid);
    assert.deepEqual(await payments.queryOrder(ORDER.orderId, signal), paid);
    assert.deepEqual(await payments.closeOrder(ORDER.orderId, signal), paid);
    advance(3_600_000);
    assert.deepEqual(await payments.queryOrder(ORDER.orderId, signal), paid, 'a paid order never expires');
    assert.equal(heard.length, 1);
  });

  test('transaction ids are unique', async () => {
    const { payments } = channel();
    const ids = new Set<string>();
    for (let n = 0; n < 50; n++) {
      const orderId = `BILL_${String(n).padStart(4, '0')}`;
      await payments.createOrder({ ...ORDER, orderId }, signal);
      ids.add(payments.pay(orderId).transactionId!);
    }
    assert.equal(ids.size, 50);
  });

  test('expired by the clock: queries say so, paying and failing are PAYMENT_EXPIRED, nobody hears of it', async () => {
    const { payments, heard, advance } = channel();
    await payments.createOrder(ORDER, signal);
    advance(5 * 60_000 - 1);
    assert.equal((await payments.queryOrder(ORDER.orderId, signal)).state, 'pending');
    advance(1);
    assert.deepEqual(await payments.queryOrder(ORDER.orderId, signal), { state: 'expired' });
    assert.equal(await codeOf(() => payments.pay(ORDER.orderId)), 'PAYMENT_EXPIRED');
    assert.equal(await codeOf(() => payments.fail(ORDER.orderId, '余额不足')), 'PAYMENT_EXPIRED');
    assert.equal(payments.order(ORDER.orderId).state, 'expired');
    assert.deepEqual(heard, []);
  });

  test('closed before paying: expired at once, and the code can no longer be paid', async () => {
    const { payments, heard } = channel();
    await payments.createOrder(ORDER, signal);
    assert.deepEqual(await payments.closeOrder(ORDER.orderId, signal), { state: 'expired' });
    assert.equal(await codeOf(() => payments.pay(ORDER.orderId)), 'PAYMENT_EXPIRED');
    assert.deepEqual(heard, []);
  });

  test('failed: the reason is kept, the first one wins, and it cannot be paid afterwards', async () => {
    const { payments, heard } = channel();
    await payments.createOrder(ORDER, signal);
    assert.deepEqual(payments.fail(ORDER.orderId, '余额不足'), { state: 'failed', failure: '余额不足' });
    assert.deepEqual(payments.fail(ORDER.orderId, '银行卡已冻结'), { state: 'failed', failure: '余额不足' });
    assert.equal(await codeOf(() => payments.pay(ORDER.orderId)), 'PAYMENT_FAILED');
    assert.deepEqual(await payments.queryOrder(ORDER.orderId, signal), { state: 'failed', failure: '余额不足' });
    assert.deepEqual(heard, []);
  });

  test('a paid order cannot fail afterwards', async () => {
    const { payments } = channel();
    await payments.createOrder(ORDER, signal);
    const paid = payments.pay(ORDER.orderId);
    assert.deepEqual(payments.fail(ORDER.orderId, '余额不足'), paid);
  });

  test('an unsubscribed listener hears nothing; one that throws does not keep the others from hearing', async () => {
    const { payments, heard, unsubscribe } = channel();
    unsubscribe();
    const others: string[] = [];
    payments.onPaid(() => {
      throw new Error('broken listener');
    });
    payments.onPaid((notice) => others.push(notice.orderId));
    await payments.createOrder(ORDER, signal);
    assert.throws(() => payments.pay(ORDER.orderId), /broken listener/);
    assert.deepEqual(heard, []);
    assert.deepEqual(others, [ORDER.orderId]);
    assert.equal((await payments.queryOrder(ORDER.orderId, signal)).state, 'paid');
  });

  test('the same order again gets the same code; other terms under a used id, bad orders and unknown ids are refused', async () => {
    const { payments } = channel();
    const { qrPayload } = await payments.createOrder(ORDER, signal);
    assert.deepEqual(await payments.createOrder({ ...ORDER }, signal), { qrPayload });
    await refusedWith('ALREADY_EXISTS', payments.createOrder({ ...ORDER, amountFen: 1 }, signal));
    const bad = await failure(
      payments.createOrder(
        { orderId: 'a-b', amountFen: 0, description: '', expiresAt: '2026-12-04T01:59:59.000Z' },
        signal,
      ),
    );
    assert.equal(bad.code, 'VALIDATION_FAILED');
    assert.deepEqual(
      bad.details?.map((detail) => detail.path),
      ['/orderId', '/amountFen', '/description', '/expiresAt'],
    );
    await refusedWith('NOT_FOUND', payments.queryOrder('BILL_NONE_01', signal));
    await refusedWith('NOT_FOUND', payments.closeOrder('BILL_NONE_01', signal));
    assert.equal(await codeOf(() => payments.pay('BILL_NONE_01')), 'NOT_FOUND');
    assert.equal(await codeOf(() => payments.fail('BILL_NONE_01', 'x')), 'NOT_FOUND');
    assert.equal(await codeOf(() => payments.order('BILL_NONE_01')), 'NOT_FOUND');
  });
});
