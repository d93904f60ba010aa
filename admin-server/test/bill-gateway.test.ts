/**
 * The bill gateway's decisions against a scripted utility: masking, the short cache and the time it
 * reports, retries, timeouts, the circuit breaker, which utility serves a place, and an audit trail
 * without personal data. The providers themselves are tested in bill-simulator and bill-http-provider.
 */
import { describe, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import {
  LinliError,
  maskAccountNumber,
  maskAddress,
  maskName,
  maskPhone,
  type ErrorCode,
  type Utility,
} from '@linli/protocol';
import type { BillProvider, ProviderAccount } from '../src/bills/bill-provider';
import { createBillGateway, type BillCaller, type ServedProvider } from '../src/domain/bill-gateway';
import { backends } from './backends';
import { rejection } from './rejection';

const ACCOUNT: ProviderAccount = {
  accountNumber: '1000012345',
  holderName: '张三丰',
  address: '幸福路街道阳光社区3栋2单元501室',
  status: 'arrears',
  amountDueFen: 12_345,
  currentBill: {
    period: '2026-11',
    usage: 18,
    unit: 'm3',
    tiers: [{ tier: 1, from: 0, to: 216, unitPrice: '3.45', usage: 18, amountFen: 6210 }],
    amountFen: 6210,
    dueDate: '2026-12-15',
  },
  history: Array.from({ length: 14 }, (_, n) => ({
    period: `${2025 + Math.floor((n + 9) / 12)}-${String(((n + 9) % 12) + 1).padStart(2, '0')}`,
    usage: 10 + n,
    amountFen: 3450 + n * 345,
  })),
};

const KIOSK: BillCaller = { actor: 'device:kiosk-1', orgId: 9, orgPath: '/1/4/9/', from: '10.0.0.7' };

/** A utility whose answers the test scripts, one per call (the last one repeats). */
function scriptedUtility(utility: Utility = 'water', id = `${utility}-co`) {
  const answers: Array<ErrorCode | 'ok' | 'hang' | ProviderAccount> = ['ok'];
  let calls = 0;
  const provider: BillProvider = {
    id,
    name: `${id} 公司`,
    utility,
    async lookupAccount(accountNumber, signal) {
      const answer = answers[Math.min(calls++, answers.length - 1)]!;
      if (answer === 'hang')
        return new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(new Error('aborted'))));
      if (typeof answer === 'object') return answer;
      if (answer !== 'ok') throw new LinliError(answer);
      return { ...ACCOUNT, accountNumber };
    },
    async accountsForIdNumber() {
      calls++;
      return ['1000012345', '1000067890'];
    },
    async recordPayment() {
      return { receiptNumber: 'R1' };
    },
  };
  return {
    provider,
    script: (...next: typeof answers) => answers.splice(0, answers.length, ...next),
    calls: () => calls,
  };
}

async function gatewayOf(t: TestContext, providers: ServedProvider[], options = {}) {
  const db = await backends[0]!.open(t);
  let now = new Date('2026-12-04T10:00:00+08:00').getTime();
  const waits: number[] = [];
  const gateway = createBillGateway({
    db,
    clock: () => new Date(now),
    providers: () => providers,
    options: { timeoutMs: 50, ...options },
    delay: async (ms) => void waits.push(ms),
  });
  const failure = rejection;
  return { db, gateway, waits, failure, advance: (ms: number) => (now += ms) };
}

describe('bill gateway', () => {
  test('what a kiosk is shown is masked, and the history is the last 12 months', async (t) => {
    const water = scriptedUtility();
    const { gateway } = await gatewayOf(t, [{ provider: water.provider, orgPaths: [] }]);
    const account = await gateway.lookup(KIOSK, { utility: 'water', accountNumber: '1000012345' });
    assert.equal(account.holderMasked, '张*丰');
    assert.equal(account.addressMasked, '幸福路街道阳光社区3栋*单元***室');
    assert.equal(account.accountMasked, '******2345');
    assert.equal(account.amountDueFen, 12_345);
    assert.equal(account.history.length, 12);
    assert.deepEqual(account.history.at(-1), ACCOUNT.history.at(-1));
    assert.equal(account.provider.name, 'water-co 公司');
    assert.equal(account.fetchedAt, '2026-12-04T02:00:00.000Z');
  });

  test('a repeated query within the cache time is answered from memory with the time the utility answered', async (t) => {
    const water = scriptedUtility();
    const { gateway, advance } = await gatewayOf(t, [{ provider: water.provider, orgPaths: [] }], { cacheSec: 60 });
    const query = { utility: 'water', accountNumber: '1000012345' } as const;
    const first = await gateway.lookup(KIOSK, query);
    advance(30_000);
    const again = await gateway.lookup(KIOSK, query);
    assert.equal(water.calls(), 1);
    assert.equal(again.fetchedAt, first.fetchedAt, 'never shown as fetched now');
    advance(30_000);
    const fresh = await gateway.lookup(KIOSK, query);
    assert.equal(water.calls(), 2);
    assert.notEqual(fresh.fetchedAt, first.fetchedAt);
  });

  test('an unreachable utility is asked once more after a wait; a timeout is not', async (t) => {
    const water = scriptedUtility();
    const { gateway, waits, failure } = await gatewayOf(t, [{ provider: water.provider, orgPaths: [] }]);
    water.script('BILL_PROVIDER_UNAVAILABLE', 'ok');
    await gateway.lookup(KIOSK, { utility: 'water', accountNumber: '1000012345' });
    assert.equal(water.calls(), 2);
    assert.deepEqual(waits, [250]);

    water.script('hang');
    const timedOut = await failure(gateway.lookup(KIOSK, { utility: 'water', accountNumber: '1000099999' }));
    assert.equal(timedOut.code, 'BILL_PROVIDER_TIMEOUT');
    assert.equal(water.calls(), 3, 'not asked again');
  });

  test('after 5 outages in a row the utility is not called for 30 s, then one trial call decides', async (t) => {
    const water = scriptedUtility();
    const { gateway, failure, advance } = await gatewayOf(t, [{ provider: water.provider, orgPaths: [] }], {
      retries: 0,
    });
    water.script('BILL_PROVIDER_UNAVAILABLE');
    const ask = (n: number) => gateway.lookup(KIOSK, { utility: 'water', accountNumber: `10000${n}0000` });
    for (let n = 0; n < 5; n++) assert.equal((await failure(ask(n))).code, 'BILL_PROVIDER_UNAVAILABLE');
    assert.equal(gateway.circuit('water-co'), 'open');
    const fast = await failure(ask(5));
    assert.equal(fast.code, 'BILL_PROVIDER_UNAVAILABLE');
    assert.match(fast.message, /pause/);
    assert.equal(water.calls(), 5, 'the open circuit did not call the utility');
    advance(30_000);
    assert.equal(gateway.circuit('water-co'), 'half-open');
    water.script('ok');
    await ask(6);
    assert.equal(gateway.circuit('water-co'), 'closed');
  });

  test('an unknown account is an answer, not an outage: coded, and the circuit stays closed', async (t) => {
    const water = scriptedUtility();
    const { gateway, failure } = await gatewayOf(t, [{ provider: water.provider, orgPaths: [] }], {
      breakerFailures: 1,
    });
    water.script('BILL_ACCOUNT_UNKNOWN');
    const unknown = await failure(gateway.lookup(KIOSK, { utility: 'water', accountNumber: '1999999999' }));
    assert.equal(unknown.code, 'BILL_ACCOUNT_UNKNOWN');
    assert.equal(gateway.circuit('water-co'), 'closed');
  });

  test('a reply that is not a bill is refused with the field named', async (t) => {
    const water = scriptedUtility();
    const { gateway, failure } = await gatewayOf(t, [{ provider: water.provider, orgPaths: [] }]);
    water.script({ ...ACCOUNT, amountDueFen: 12.5 });
    const invalid = await failure(gateway.lookup(KIOSK, { utility: 'water', accountNumber: '1000012345' }));
    assert.equal(invalid.code, 'BILL_PROVIDER_REPLY_INVALID');
    assert.equal(invalid.details?.[0]?.path, '/amountDueFen');
  });

  test('the utility serving the deepest subtree that holds the kiosk answers; none connected is said so', async (t) => {
    const citywide = scriptedUtility('water', 'city-water');
    const local = scriptedUtility('water', 'anhe-water');
    const { gateway, failure } = await gatewayOf(t, [
      { provider: citywide.provider, orgPaths: [] },
      { provider: local.provider, orgPaths: ['/1/4/'] },
    ]);
    assert.equal(
      (await gateway.lookup(KIOSK, { utility: 'water', accountNumber: '1000012345' })).provider.id,
      'anhe-water',
    );
    const elsewhere = { ...KIOSK, orgPath: '/1/5/12/' };
    assert.equal(
      (await gateway.lookup(elsewhere, { utility: 'water', accountNumber: '1000012345' })).provider.id,
      'city-water',
    );
    assert.deepEqual(
      gateway.utilities(KIOSK).map((each) => each.utility),
      ['water'],
    );
    const noGas = await failure(gateway.lookup(KIOSK, { utility: 'gas', accountNumber: '3000012345' }));
    assert.equal(noGas.code, 'BILL_PROVIDER_UNAVAILABLE');
  });

  test('every query is audited by kiosk, utility and result, with no number, name, address or amount', async (t) => {
    const water = scriptedUtility();
    const { gateway, db, failure } = await gatewayOf(t, [{ provider: water.provider, orgPaths: [] }]);
    await gateway.lookup(KIOSK, { utility: 'water', accountNumber: '1000012345' });
    await gateway.boundAccounts(KIOSK, { utility: 'water', idNumber: '11010519491231002X' });
    water.script('BILL_ACCOUNT_UNKNOWN');
    await failure(gateway.lookup(KIOSK, { utility: 'water', accountNumber: '1000067890' }));
    const rows = await db.all<Record<string, unknown>>(
      "SELECT actor, action, target_id, outcome, after_state FROM audit_log WHERE action LIKE 'bill.%' ORDER BY id",
    );
    assert.deepEqual(
      rows.map((row) => [row.actor, row.action, row.outcome, JSON.parse(String(row.after_state)).result]),
      [
        ['device:kiosk-1', 'bill.query', 'ok', 'ok'],
        ['device:kiosk-1', 'bill.accounts', 'ok', 'ok'],
        ['device:kiosk-1', 'bill.query', 'failed', 'BILL_ACCOUNT_UNKNOWN'],
      ],
    );
    const trail = JSON.stringify(rows);
    for (const secret of ['1000012345', '12345', '1000067890', '11010519491231002X', '张三丰', '阳光社区', '123.45'])
      assert.ok(!trail.includes(secret), `the trail holds ${secret}`);
    assert.notEqual(rows[0]!.target_id, rows[2]!.target_id, 'accounts are told apart by their keyed hash');
    // Another server on the same database hashes with the same key.
    const other = createBillGateway({
      db,
      clock: () => new Date(),
      providers: () => [{ provider: water.provider, orgPaths: [] }],
    });
    water.script('ok');
    await other.lookup(KIOSK, { utility: 'water', accountNumber: '1000012345' });
    const again = await db.get<{ target_id: string }>(
      "SELECT target_id FROM audit_log WHERE action = 'bill.query' ORDER BY id DESC LIMIT 1",
    );
    assert.equal(again!.target_id, rows[0]!.target_id);
  });
});

test('personal data is masked so its owner recognises it and nobody can copy it', () => {
  assert.equal(maskName('张三'), '张*');
  assert.equal(maskName('欧阳小明'), '欧**明');
  assert.equal(maskAccountNumber('1000012345'), '******2345');
  assert.equal(maskAccountNumber('123'), '***');
  assert.equal(maskAddress('幸福路街道阳光社区3栋2单元501室'), '幸福路街道阳光社区3栋*单元***室');
  assert.equal(maskAddress('临江花园'), '临江花园');
  assert.equal(maskPhone('138 1234 5678'), '138****5678');
  assert.equal(maskPhone('0571-87654321'), '********4321');
});
