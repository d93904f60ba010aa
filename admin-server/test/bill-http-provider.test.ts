/**
 * The configurable HTTP/JSON bill provider against 阳光水务 (sunshine-water.ts), connected by the
 * documented example, so the example is proven to work. Also: the path expressions, the value
 * conversions, and configuration errors that name their field.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { LinliError, type ErrorCode, type BillProviderConfig } from '@linli/protocol';
import type { ProviderAccount } from '../src/bills/bill-provider';
import { createHttpProvider } from '../src/bills/http-provider';
import {
  compileBillProviderConfig,
  dateOf,
  fenOf,
  periodOf,
  readBillProviderConfig,
  unitPriceOf,
  usageOf,
} from '../src/bills/http-provider-config';
import { JsonPathError, parseJsonPath, selectJsonPath } from '../src/bills/json-path';
import { shownAccount } from '../src/domain/bill-gateway';
import { rejection } from './rejection';
import {
  ACCOUNTS,
  CLIENT_SECRET,
  ENV,
  EXAMPLE,
  exampleFor,
  FULL_REPLY,
  ID_NUMBER,
  originWhereNobodyListens,
  startSunshine,
  WRONG_TYPES_REPLY,
  type Sunshine,
} from './sunshine-water';

const NOW = Date.parse('2026-12-04T02:00:00Z');
const signal = new AbortController().signal;

const ACCOUNT_FULL: ProviderAccount = {
  accountNumber: ACCOUNTS.full,
  holderName: '张三丰',
  address: '幸福路街道阳光社区3栋2单元501室',
  status: 'arrears',
  amountDueFen: 10982,
  currentBill: {
    period: '2026-11',
    usage: 15.3,
    unit: 'm3',
    tiers: [
      { tier: 1, from: 0, to: 216, unitPrice: '3.45', usage: 3.3, amountFen: 1139 },
      { tier: 2, from: 216, unitPrice: '4.83', usage: 12, amountFen: 5796 },
    ],
    amountFen: 6935,
    dueDate: '2026-12-31',
  },
  history: [
    { period: '2026-08', usage: 18.9, amountFen: 6521 },
    { period: '2026-09', usage: 16.25, amountFen: 5606 },
    { period: '2026-10', usage: 14, amountFen: 4830 },
  ],
};

function sunshine(api: Sunshine, change?: (config: BillProviderConfig) => void) {
  let now = NOW;
  const config = readBillProviderConfig(exampleFor(api, change), ENV);
  const provider = createHttpProvider(config, { clock: () => new Date(now) });
  return { provider, advance: (ms: number) => (now += ms) };
}

async function refusedWith(code: ErrorCode, work: Promise<unknown>): Promise<LinliError> {
  const error = await rejection(work);
  assert.equal(error.code, code, error.message);
  return error;
}

/** Every string and number in a reply, to check that none reaches an error. */
function valuesIn(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (typeof value === 'number') return [String(value)];
  if (Array.isArray(value)) return value.flatMap(valuesIn);
  if (value && typeof value === 'object') return Object.values(value).flatMap(valuesIn);
  return [];
}

function assertNoReplyValues(error: LinliError, reply: unknown) {
  const said = `${error.message} ${JSON.stringify(error.details ?? [])}`;
  for (const value of valuesIn(reply).filter((v) => v.length >= 2 && !['0000'].includes(v)))
    assert.ok(!said.includes(value), `the error shows "${value}" from the reply: ${said}`);
}

describe('HTTP bill provider: 阳光水务', () => {
  test('a lookup maps every field of the foreign reply exactly', async (t) => {
    const api = await startSunshine(t);
    const { provider } = sunshine(api);
    assert.deepEqual([provider.id, provider.name, provider.utility], ['sunshine-water', '阳光水务', 'water']);

    const account = await provider.lookupAccount(ACCOUNTS.full, signal);

    assert.deepEqual(account, ACCOUNT_FULL);
    // What the gateway shows of it passes the protocol's schema.
    const shown = shownAccount(provider, account, new Date(NOW));
    assert.equal(shown.amountDueFen, 10982);
    assert.equal(shown.currentBill?.tiers.length, 2);
    assert.deepEqual(
      api.apiRequests().map(({ method, url, authorization }) => ({ method, url, authorization })),
      [{ method: 'GET', url: `/api/v2/hu/${ACCOUNTS.full}/zhangdan?qudao=linli`, authorization: 'Bearer tok-1' }],
    );
  });

  test('an account without a current bill, tiers or history', async (t) => {
    const api = await startSunshine(t);
    const { provider } = sunshine(api);
    assert.deepEqual(await provider.lookupAccount(ACCOUNTS.noBill, signal), {
      accountNumber: ACCOUNTS.noBill,
      holderName: '王建国',
      address: '幸福路街道阳光社区5栋1单元302室',
      status: 'normal',
      amountDueFen: 0,
      history: [],
    });
  });

  test('"not found" as a code in an HTTP 200 is BILL_ACCOUNT_UNKNOWN', async (t) => {
    const api = await startSunshine(t);
    const { provider } = sunshine(api);
    await refusedWith('BILL_ACCOUNT_UNKNOWN', provider.lookupAccount('9999999999', signal));
  });

  test('the accounts bound to an ID number, and none', async (t) => {
    const api = await startSunshine(t);
    const { provider } = sunshine(api);
    assert.deepEqual(await provider.accountsForIdNumber(ID_NUMBER, signal), [ACCOUNTS.full, ACCOUNTS.noBill]);
    assert.deepEqual(await provider.accountsForIdNumber('440305198506123128', signal), []);
    const [first] = api.apiRequests();
    assert.equal(first?.contentType, 'application/json; charset=utf-8');
    assert.deepEqual(JSON.parse(first!.body), { zhengjianleixing: 1, zhengjianhaoma: ID_NUMBER });
  });

  test('a payment is sent with typed placeholders and answered with the write-off number', async (t) => {
    const api = await startSunshine(t);
    const { provider } = sunshine(api);
    const payment = {
      accountNumber: ACCOUNTS.full,
      amountFen: 10980,
      transactionId: 'SIM20261204100000123456',
      paidAt: '2026-12-04T02:00:00.000Z',
    };

    assert.deepEqual(await provider.recordPayment(payment, signal), { receiptNumber: 'SW20261204000001' });
    assert.deepEqual(await provider.recordPayment(payment, signal), { receiptNumber: 'SW20261204000001' });

    const sent = api.apiRequests()[0]!;
    assert.equal(sent.url, `/api/v2/hu/${ACCOUNTS.full}/jiaofei`);
    // A whole-string placeholder keeps its type: the amount is a JSON number with both decimals.
    assert.equal(
      sent.body,
      '{"jine":109.80,"liushuihao":"SIM20261204100000123456","zhifushijian":"2026-12-04T02:00:00.000Z",' +
        '"beizhu":"邻里自助终端 SIM20261204100000123456"}',
    );
    await refusedWith(
      'BILL_ACCOUNT_UNKNOWN',
      provider.recordPayment({ ...payment, accountNumber: '1000299999' }, signal),
    );
    await refusedWith('VALIDATION_FAILED', provider.recordPayment({ ...payment, amountFen: 10.5 }, signal));
  });

  test('placeholders are URL-encoded: an account number cannot change the path or the query', async (t) => {
    const api = await startSunshine(t);
    const { provider } = sunshine(api);

    await refusedWith('BILL_ACCOUNT_UNKNOWN', provider.lookupAccount('../../../oauth/token?x=1#y', signal));
    await refusedWith('BILL_ACCOUNT_UNKNOWN', provider.lookupAccount('a b/c&d', signal));
    assert.deepEqual(
      api.apiRequests().map((request) => request.url),
      [
        '/api/v2/hu/..%2F..%2F..%2Foauth%2Ftoken%3Fx%3D1%23y/zhangdan?qudao=linli',
        '/api/v2/hu/a%20b%2Fc%26d/zhangdan?qudao=linli',
      ],
    );

    // A value that would be a whole "." or ".." segment (which URLs resolve away) is refused unsent.
    for (const number of ['..', '.', ''])
      await refusedWith('VALIDATION_FAILED', provider.lookupAccount(number, signal));
    assert.equal(api.apiRequests().length, 2);

    const inQuery = compileBillProviderConfig(
      exampleFor(api, (config) => {
        config.operations.lookupAccount.request = {
          method: 'GET',
          path: '/v2/zhangdan',
          query: { huhao: '{accountNumber}', qudao: 'linli' },
        };
      }),
    );
    assert.equal(
      inQuery.lookupAccount.request({ accountNumber: '1&qudao=evil' }).url,
      `${api.origin}/api/v2/zhangdan?huhao=1%26qudao%3Devil&qudao=linli`,
    );
  });

  test('a token is fetched once, shared, reused, and fetched again after a 401 or before it expires', async (t) => {
    const api = await startSunshine(t);
    const { provider, advance } = sunshine(api);

    await Promise.all([provider.lookupAccount(ACCOUNTS.full, signal), provider.lookupAccount(ACCOUNTS.noBill, signal)]);
    await provider.lookupAccount(ACCOUNTS.full, signal);
    assert.equal(api.state.tokensIssued, 1);
    assert.ok(api.apiRequests().every((request) => request.authorization === 'Bearer tok-1'));

    // The utility forgets the token: one 401, a new token, the same request again.
    api.state.validTokens.clear();
    const before = api.apiRequests().length;
    assert.deepEqual(await provider.lookupAccount(ACCOUNTS.full, signal), ACCOUNT_FULL);
    assert.equal(api.state.tokensIssued, 2);
    assert.deepEqual(
      api
        .apiRequests()
        .slice(before)
        .map((request) => request.authorization),
      ['Bearer tok-1', 'Bearer tok-2'],
    );

    // Kept until shortly before expires_in (7200 s), then fetched before it can be refused.
    advance(7200_000 - 61_000);
    await provider.lookupAccount(ACCOUNTS.full, signal);
    assert.equal(api.state.tokensIssued, 2);
    advance(2000);
    await provider.lookupAccount(ACCOUNTS.full, signal);
    assert.equal(api.state.tokensIssued, 3);
    assert.equal(api.apiRequests().at(-1)?.authorization, 'Bearer tok-3');
    assert.equal(api.apiRequests().filter((request) => request.authorization === 'Bearer tok-2').length, 2);
  });

  test('a token refused again after the refresh, and refused client credentials, are BILL_PROVIDER_UNAVAILABLE', async (t) => {
    const api = await startSunshine(t);
    const { provider } = sunshine(api);
    api.state.refuseAllTokens = true;
    await refusedWith('BILL_PROVIDER_UNAVAILABLE', provider.lookupAccount(ACCOUNTS.full, signal));
    assert.equal(api.state.tokensIssued, 2, 'refreshed once, not more');
    assert.equal(api.apiRequests().length, 2);

    const wrongSecret = createHttpProvider(
      readBillProviderConfig(exampleFor(api), { SUNSHINE_WATER_CLIENT_SECRET: 'nope' }),
      {
        clock: () => new Date(NOW),
      },
    );
    const error = await refusedWith('BILL_PROVIDER_UNAVAILABLE', wrongSecret.lookupAccount(ACCOUNTS.full, signal));
    assert.match(error.message, /refused the client credentials/);
    assert.ok(!error.message.includes('nope'));
  });

  test('a token without expires_in is kept until it is refused', async (t) => {
    const api = await startSunshine(t);
    api.state.expiresIn = undefined;
    const { provider, advance } = sunshine(api);
    await provider.lookupAccount(ACCOUNTS.full, signal);
    advance(30 * 24 * 3600_000);
    await provider.lookupAccount(ACCOUNTS.full, signal);
    assert.equal(api.state.tokensIssued, 1);
  });

  test('a utility that does not answer in time is BILL_PROVIDER_TIMEOUT; a caller that gives up gets its own reason', async (t) => {
    const api = await startSunshine(t);
    const { provider } = sunshine(api, (config) => (config.timeoutMs = 200));
    const error = await refusedWith('BILL_PROVIDER_TIMEOUT', provider.lookupAccount(ACCOUNTS.slow, signal));
    assert.match(error.message, /阳光水务 did not answer within 200 ms/);

    const patient = sunshine(api).provider;
    const caller = new AbortController();
    const arrived = once(api.events, 'slow');
    const lookup = patient.lookupAccount(ACCOUNTS.slow, caller.signal);
    await arrived;
    const reason = new Error('the resident left');
    caller.abort(reason);
    await assert.rejects(lookup, (thrown) => thrown === reason);
  });

  test('failures: 5xx and no answer are BILL_PROVIDER_UNAVAILABLE; not JSON and too large are BILL_PROVIDER_REPLY_INVALID', async (t) => {
    const api = await startSunshine(t);
    const { provider } = sunshine(api);
    const failing = await refusedWith('BILL_PROVIDER_UNAVAILABLE', provider.lookupAccount(ACCOUNTS.failing, signal));
    assert.match(failing.message, /HTTP 500/);

    const html = await refusedWith('BILL_PROVIDER_REPLY_INVALID', provider.lookupAccount(ACCOUNTS.html, signal));
    assert.deepEqual(html.details, [{ path: '/operations/lookupAccount/response', message: 'the reply is not JSON' }]);

    const huge = await refusedWith('BILL_PROVIDER_REPLY_INVALID', provider.lookupAccount(ACCOUNTS.huge, signal));
    assert.deepEqual(huge.details, [
      { path: '/operations/lookupAccount/response', message: 'the reply is larger than 1 MiB' },
    ]);

    const nobody = createHttpProvider(
      readBillProviderConfig(
        exampleFor({ origin: await originWhereNobodyListens() }, (config) => (config.auth = { kind: 'none' })),
        {},
      ),
      { clock: () => new Date(NOW) },
    );
    const unreachable = await refusedWith('BILL_PROVIDER_UNAVAILABLE', nobody.lookupAccount(ACCOUNTS.full, signal));
    assert.match(unreachable.message, /cannot be reached \(ECONNREFUSED\)/);
    assert.ok(!unreachable.message.includes(ACCOUNTS.full));
  });

  test('a reply that does not map names the fields, never the values', async (t) => {
    const api = await startSunshine(t);
    const { provider } = sunshine(api);

    const missing = await refusedWith(
      'BILL_PROVIDER_REPLY_INVALID',
      provider.lookupAccount(ACCOUNTS.missingField, signal),
    );
    assert.deepEqual(missing.details, [
      { path: '/operations/lookupAccount/response/address', message: '`$.shuju.dizhi` is missing' },
    ]);
    assert.ok(!missing.message.includes('李秀英'));

    const status = await refusedWith(
      'BILL_PROVIDER_REPLY_INVALID',
      provider.lookupAccount(ACCOUNTS.unmappedStatus, signal),
    );
    assert.deepEqual(status.details, [
      {
        path: '/operations/lookupAccount/response/status',
        message: '`$.shuju.zhuangtai` is not one of the mapped status values (0, 1, 9)',
      },
    ]);

    const wrong = await refusedWith('BILL_PROVIDER_REPLY_INVALID', provider.lookupAccount(ACCOUNTS.wrongTypes, signal));
    assert.deepEqual(wrong.details, [
      { path: '/operations/lookupAccount/response/address', message: '`$.shuju.dizhi` is not text' },
      {
        path: '/operations/lookupAccount/response/amountDue',
        message: '`$.shuju.qianfei` is not an amount in yuan (a number or a numeric string)',
      },
      {
        path: '/operations/lookupAccount/response/history/period',
        message: '`$.shuju.lishi[1].yuefen` is not a billing month (YYYYMM)',
      },
      {
        path: '/operations/lookupAccount/response/history/amount',
        message: '`$.shuju.lishi[1].jine` is not an amount in yuan (a number or a numeric string)',
      },
    ]);
    assertNoReplyValues(wrong, WRONG_TYPES_REPLY);
    assertNoReplyValues(missing, FULL_REPLY);
  });
});

describe('path expressions', () => {
  const reply = { a: { b: [{ c: 1 }, { c: null }, { d: 2 }], 'odd name': 'x', 名称: 'y' }, n: null };

  test('members, positions, quoted names and [*]', () => {
    const one = (text: string, current?: unknown) => {
      const selection = selectJsonPath(
        parseJsonPath(text),
        current === undefined ? { root: reply } : { root: reply, current },
      );
      assert.ok(selection.found, text);
      return selection.values;
    };
    assert.deepEqual(one('$.a.b[0].c'), [1]);
    assert.deepEqual(one('$.a.b[1].c'), [null]);
    assert.deepEqual(one("$.a['odd name']"), ['x']);
    assert.deepEqual(one('$["a"].名称'), ['y']);
    assert.deepEqual(one('$.a.b[*]'), reply.a.b);
    assert.deepEqual(one('@.c', { c: 3 }), [3]);
    assert.deepEqual(one('@', 'itself'), ['itself']);
    assert.deepEqual(one('$.n[*]'), [], 'a null list has no elements');
    const selection = selectJsonPath(parseJsonPath('$.a.b[*]'), { root: reply });
    assert.deepEqual(selection.found && selection.at, ['$.a.b[0]', '$.a.b[1]', '$.a.b[2]']);
  });

  test('what is missing or of the wrong kind is named with its real position', () => {
    const failure = (text: string) => selectJsonPath(parseJsonPath(text), { root: reply });
    assert.deepEqual(failure('$.a.b[*].c'), { found: false, at: '$.a.b[2].c', problem: 'missing' });
    assert.deepEqual(failure('$.a.x'), { found: false, at: '$.a.x', problem: 'missing' });
    assert.deepEqual(failure('$.a.b[7]'), { found: false, at: '$.a.b[7]', problem: 'missing' });
    assert.deepEqual(failure('$.n.x'), { found: false, at: '$.n.x', problem: 'missing' });
    assert.deepEqual(failure('$.a.b.c'), { found: false, at: '$.a.b', problem: 'not an object' });
    assert.deepEqual(failure('$.a[0]'), { found: false, at: '$.a', problem: 'not a list' });
    assert.deepEqual(failure("$.a['odd name'][*]"), { found: false, at: "$.a['odd name']", problem: 'not a list' });
    assert.deepEqual(failure('$.toString'), { found: false, at: '$.toString', problem: 'missing' });
  });

  test('a bad expression is an error that names it and says why', () => {
    for (const [text, why] of [
      ['a.b', /must start with \$/],
      ['$.', /a name must follow/],
      ['$.a[', /not closed/],
      ['$.a[-1]', /expected a position/],
      ['$.a[01]', /expected a position/],
      ["$['a]", /not closed/],
      ['$..a', /a name must follow/],
      ['$.a b', /expected "\." or "\["/],
      ['', /empty/],
    ] as const) {
      assert.throws(
        () => parseJsonPath(text),
        (error) => error instanceof JsonPathError && error.message.includes(`"${text}"`) && why.test(error.message),
        text,
      );
    }
  });
});

describe('value conversions', () => {
  test('money in fen, jiao or yuan, exactly and never rounded', () => {
    assert.deepEqual(fenOf('128.50', 'yuan'), { value: 12850 });
    assert.deepEqual(fenOf(0.29, 'yuan'), { value: 29 }, '0.29 × 100 is 28.999999999999996 in floating point');
    assert.deepEqual(fenOf('1234567.89', 'yuan'), { value: 123456789 });
    assert.deepEqual(fenOf('-86.5', 'yuan'), { value: -8650 });
    assert.deepEqual(fenOf(' 7 ', 'jiao'), { value: 70 });
    assert.deepEqual(fenOf(12850, 'fen'), { value: 12850 });
    assert.deepEqual(fenOf('12.340', 'yuan'), { value: 1234 });
    assert.ok('problem' in fenOf('0.015', 'yuan'));
    assert.ok('problem' in fenOf('12.5', 'fen'));
    assert.ok('problem' in fenOf('1,280.00', 'yuan'));
    assert.ok('problem' in fenOf('', 'yuan'));
    assert.ok('problem' in fenOf(true, 'yuan'));
    assert.ok('problem' in fenOf('1e3', 'yuan'));
    assert.ok('problem' in fenOf(1e300, 'yuan'));
  });

  test('usage converted by its factor without floating-point noise', () => {
    assert.deepEqual(usageOf(15300, 0.001), { value: 15.3 });
    assert.deepEqual(usageOf('123456', 0.001), { value: 123.456 });
    assert.deepEqual(usageOf(3, 0.1), { value: 0.3 }, '3 × 0.1 is 0.30000000000000004 in floating point');
    assert.deepEqual(usageOf('12.5', 1), { value: 12.5 });
    assert.ok('problem' in usageOf(-1, 1));
    assert.ok('problem' in usageOf('many', 1));
  });

  test('unit prices as yuan text with 2 to 4 decimals', () => {
    assert.deepEqual(unitPriceOf('3.4500', 'yuan'), { value: '3.45' });
    assert.deepEqual(unitPriceOf(0.4883, 'yuan'), { value: '0.4883' });
    assert.deepEqual(unitPriceOf(3, 'yuan'), { value: '3.00' });
    assert.deepEqual(unitPriceOf('48.83', 'fen'), { value: '0.4883' });
    assert.ok('problem' in unitPriceOf('0.48831', 'yuan'));
    assert.ok('problem' in unitPriceOf('-1', 'yuan'));
  });

  test('dates and billing months', () => {
    assert.deepEqual(dateOf('20261231', 'YYYYMMDD'), { value: '2026-12-31' });
    assert.deepEqual(dateOf(20261231, 'YYYYMMDD'), { value: '2026-12-31' });
    assert.deepEqual(dateOf('2026/02/28', 'YYYY/MM/DD'), { value: '2026-02-28' });
    assert.deepEqual(dateOf('2026-12-31', 'YYYY-MM-DD'), { value: '2026-12-31' });
    // 2026-12-31 16:00 UTC is the next day in Beijing.
    assert.deepEqual(dateOf(Date.parse('2026-12-31T16:00:00Z'), 'epoch-ms'), { value: '2027-01-01' });
    assert.deepEqual(dateOf(String(Date.parse('2026-12-31T15:59:59Z')), 'epoch-ms'), { value: '2026-12-31' });
    assert.ok('problem' in dateOf('20260230', 'YYYYMMDD'));
    assert.ok('problem' in dateOf('2026-12-31', 'YYYYMMDD'));
    assert.ok('problem' in dateOf(-1, 'epoch-ms'));
    assert.deepEqual(periodOf('202611', 'YYYYMM'), { value: '2026-11' });
    assert.deepEqual(periodOf(202611, 'YYYYMM'), { value: '2026-11' });
    assert.deepEqual(periodOf('2026-11', 'YYYY-MM'), { value: '2026-11' });
    assert.ok('problem' in periodOf('202613', 'YYYYMM'));
    assert.ok('problem' in periodOf(202611, 'YYYY-MM'));
  });
});

describe('configuration errors name the field', () => {
  const api = { origin: 'https://open.sunshine-water.example' };

  /**
   * The details of loading the example with each change made: [JSON pointer, new value], the
   * value undefined to remove the field.
   */
  function detailsOf(changes: [string, unknown][], env: Record<string, string> = ENV) {
    const config: unknown = exampleFor(api);
    for (const [pointer, value] of changes) {
      const keys = pointer.split('/').slice(1);
      const last = keys.pop()!;
      const parent = keys.reduce((node, key) => (node as Record<string, unknown>)[key], config) as Record<
        string,
        unknown
      >;
      if (value === undefined) delete parent[last];
      else parent[last] = value;
    }
    try {
      readBillProviderConfig(config, env);
    } catch (error) {
      assert.ok(error instanceof LinliError && error.code === 'BILL_PROVIDER_CONFIG_INVALID', String(error));
      assert.ok(error.details && error.details.length > 0);
      return error.details;
    }
    assert.fail('the configuration was accepted');
  }

  const has = (details: { path: string; message: string }[], path: string, message: RegExp) =>
    assert.ok(
      details.some((detail) => detail.path === path && message.test(detail.message)),
      `no ${path} ${message}: ${JSON.stringify(details)}`,
    );
  const LOOKUP = '/operations/lookupAccount';

  test('the example loads, its secret read from the environment', () => {
    const config = readBillProviderConfig(exampleFor(api), ENV);
    assert.equal(config.auth.kind === 'oauth2-client-credentials' && config.auth.clientSecret, CLIENT_SECRET);
    assert.ok(JSON.stringify(EXAMPLE).includes('${env:SUNSHINE_WATER_CLIENT_SECRET}'), 'no secret in the file');
  });

  test('path expressions', () => {
    const details = detailsOf([
      [`${LOOKUP}/response/amountDue/path`, 'shuju.qianfei'],
      [`${LOOKUP}/response/holderName`, '@.huzhu'],
      [`${LOOKUP}/response/history/items`, '$.shuju.lishi'],
      [`${LOOKUP}/response/currentBill/period/path`, '@.zhangqi[*]'],
      ['/operations/accountsForIdNumber/response/accounts', '$.shuju[0].huhao'],
    ]);
    has(details, `${LOOKUP}/response/amountDue/path`, /not a valid path expression: it must start with \$/);
    has(details, `${LOOKUP}/response/holderName`, /starts with @, the item being read, but here none is/);
    has(details, `${LOOKUP}/response/history/items`, /must select a list: use \[\*\]/);
    has(details, `${LOOKUP}/response/currentBill/period/path`, /\[\*\] is not allowed here/);
    has(details, '/operations/accountsForIdNumber/response/accounts', /must select a list/);
    assert.equal(details.length, 5, JSON.stringify(details));
  });

  test('environment variables', () => {
    has(detailsOf([], {}), '/auth/clientSecret', /environment variable SUNSHINE_WATER_CLIENT_SECRET, which is not set/);
    has(detailsOf([], { SUNSHINE_WATER_CLIENT_SECRET: '' }), '/auth/clientSecret', /is not set/);
    has(
      detailsOf([['/auth/clientId', '${SUNSHINE_ID}']]),
      '/auth/clientId',
      /is not a reference: write \$\{env:NAME\}/,
    );
    const header = detailsOf([['/auth', { kind: 'header', header: 'X-Api-Key', value: '${env:SUNSHINE_KEY}' }]], {
      SUNSHINE_KEY: 'line\r\nInjected: 1',
    });
    has(header, '/auth/value', /holds characters an HTTP header cannot carry/);
    assert.ok(!JSON.stringify(header).includes('Injected'));
  });

  test('addresses', () => {
    has(detailsOf([['/baseUrl', 'ftp://open.sunshine-water.example/api']]), '/baseUrl', /pattern/);
    has(detailsOf([['/baseUrl', 'https://me:pw@open.sunshine-water.example/']]), '/baseUrl', /user name or password/);
    has(detailsOf([['/baseUrl', 'https://open.sunshine-water.example/api?k=1']]), '/baseUrl', /query/);
    has(detailsOf([['/baseUrl', 'http://']]), '/baseUrl', /not a valid URL/);
    has(detailsOf([['/auth/tokenUrl', 'https://x.example/token#a']]), '/auth/tokenUrl', /fragment/);
  });

  test('placeholders and request templates', () => {
    const details = detailsOf([
      [`${LOOKUP}/request/path`, '/v2/hu/{accountNumber}/{transactionId}'],
      ['/operations/accountsForIdNumber/request/body/extra', '{idnumber}'],
      ['/operations/recordPayment/request/body/liushuihao', 'fixed'],
      ['/operations/recordPayment/request/body/beizhu', 'paid'],
    ]);
    has(
      details,
      `${LOOKUP}/request/path`,
      /uses \{transactionId\}, which lookupAccount does not provide \(it provides \{accountNumber\}\)/,
    );
    has(details, '/operations/accountsForIdNumber/request/body/extra', /\{idnumber\} is not a placeholder/);
    has(details, '/operations/recordPayment/request', /never sends \{transactionId\}/);

    has(
      detailsOf([[`${LOOKUP}/request/body`, { huhao: '{accountNumber}' }]]),
      `${LOOKUP}/request/body`,
      /a GET request carries no body/,
    );
    has(detailsOf([[`${LOOKUP}/request/path`, '/v2/../admin/{accountNumber}']]), `${LOOKUP}/request/path`, /segments/);
    has(detailsOf([[`${LOOKUP}/request/path`, '/v2/hu/{accountNumber']]), `${LOOKUP}/request/path`, /brace/);
    has(
      detailsOf([[`${LOOKUP}/request/path`, '/v2/hu?huhao={accountNumber}']]),
      `${LOOKUP}/request/path`,
      /the query goes in "query"/,
    );
  });

  test('the schema: unknown fields, kinds, statuses and not-found rules', () => {
    has(detailsOf([['/timeout', 5000]]), '/timeout', /is not a field of this file/);
    has(
      detailsOf([['/auth', { kind: 'basic' }]]),
      '/auth/kind',
      /must be one of none, header, oauth2-client-credentials/,
    );
    has(detailsOf([['/auth/tokenUrl', undefined]]), '/auth', /tokenUrl/);
    has(
      detailsOf([[`${LOOKUP}/response/status/map/1`, 'overdue']]),
      `${LOOKUP}/response/status/map/1`,
      /allowed values/,
    );
    has(detailsOf([[`${LOOKUP}/response/amountDue/unit`, 'cents']]), `${LOOKUP}/response/amountDue/unit`, /allowed/);
    has(
      detailsOf([[`${LOOKUP}/notFound`, [{ status: 200 }]]]),
      `${LOOKUP}/notFound/0/status`,
      /every answer "not found"/,
    );
    has(detailsOf([[`${LOOKUP}/notFound`, [{ path: '$.fanhuima' }]]]), `${LOOKUP}/notFound/0`, /go together/);
    has(detailsOf([['/operations/recordPayment', undefined]]), '/operations', /recordPayment/);
  });
});
