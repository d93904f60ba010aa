/**
 * A simulated water, electricity or gas utility for demos, tests and training: no network, the same
 * answers every time. Its demo accounts (SIMULATOR_ACCOUNTS) cover every case a kiosk must handle —
 * a bill not yet due, paid up, arrears, credit, a closed account, an unknown number, a slow utility
 * and one that is down — and a few demo ID numbers (SIMULATOR_ID_NUMBERS) are bound to them.
 *
 * Bills follow the real shape: yearly tiered prices at realistic rates, usage that follows the
 * seasons, 12 months of history ending with the current bill (last month's, issued this month, due
 * at the end of this month; Beijing time). Usage is seeded by the account number and the month, so
 * a month's bill never changes; which months are shown follows the injected clock. Payments the
 * simulator is told of lower what the account owes for the life of this provider instance (memory
 * only, per instance).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { LinliError, USAGE_UNITS, type BillAccountStatus, type MonthlyUsage, type Utility } from '@linli/protocol';
import type { Clock } from '../domain/clock';
import { beijingDate, onBeijingClock } from './beijing-time';
import type { BillProvider, ProviderAccount, ProviderPayment } from './bill-provider';
import { tierAmounts, type PriceStep } from './tiered-price';

export type SimulatorAccountKind =
  'normal' | 'paid-up' | 'arrears' | 'credit' | 'closed' | 'unknown' | 'slow' | 'failing';

export interface SimulatorAccount {
  kind: SimulatorAccountKind;
  /** The number at each simulated utility: the same suffix after 1 (water), 2 (electricity), 3 (gas). */
  numbers: Record<Utility, string>;
  /** What the account does, for the README and whoever demonstrates a kiosk. */
  description: string;
}

export interface SimulatorIdBinding {
  idNumber: string;
  /** The two accounts bound to this ID number at each simulated utility. */
  kinds: readonly [SimulatorAccountKind, SimulatorAccountKind];
  description: string;
}

/** A payment the simulated utility wrote off. */
export interface SimulatorPayment extends ProviderPayment {
  receiptNumber: string;
  recordedAt: string;
}

export interface SimulatorProvider extends BillProvider {
  /** The payments written off by this instance, oldest first. */
  payments(): SimulatorPayment[];
}

export interface SimulatorProviderOptions {
  utility: Utility;
  clock: Clock;
  /** Waits `ms`, rejecting as soon as `signal` aborts (tests pass one that waits for them). */
  delay?: (ms: number, signal: AbortSignal) => Promise<void>;
}

/** How long the slow accounts take to answer. */
export const SIMULATOR_SLOW_MS = 5000;

const PREFIX: Record<Utility, string> = { water: '1', electricity: '2', gas: '3' };
const numbersFor = (suffix: string): Record<Utility, string> => ({
  water: `${PREFIX.water}${suffix}`,
  electricity: `${PREFIX.electricity}${suffix}`,
  gas: `${PREFIX.gas}${suffix}`,
});

export const SIMULATOR_ACCOUNTS: readonly SimulatorAccount[] = [
  {
    kind: 'normal',
    numbers: numbersFor('000010001'),
    description: 'Normal: last month’s bill, due at the end of this month, is what is owed (张三丰, 3 people)',
  },
  {
    kind: 'paid-up',
    numbers: numbersFor('000010002'),
    description: 'Paid up: the current bill is shown, nothing is owed (王建国, 2 people)',
  },
  {
    kind: 'arrears',
    numbers: numbersFor('000010003'),
    description:
      'Arrears: the last 3 bills unpaid, 2 of them past due; heavy use that reaches the second price step late in the year (李秀英, 5 people)',
  },
  {
    kind: 'credit',
    numbers: numbersFor('000010004'),
    description: 'Credit: prepaid, the amount due is -86.50 yuan (刘桂兰, 4 people)',
  },
  {
    kind: 'closed',
    numbers: numbersFor('000010005'),
    description:
      'Closed: answered with status closed, no bill and no history (the gateway decides what to show); payments refused with BILL_ACCOUNT_CLOSED',
  },
  {
    kind: 'slow',
    numbers: numbersFor('000010006'),
    description: 'Slow: lookups and payments answer after 5 s, otherwise like normal (陈志强, 3 people)',
  },
  {
    kind: 'failing',
    numbers: numbersFor('000010007'),
    description: 'Failing: lookups and payments fail with BILL_PROVIDER_UNAVAILABLE',
  },
  {
    kind: 'unknown',
    numbers: numbersFor('000010009'),
    description: 'Unknown: BILL_ACCOUNT_UNKNOWN, as for every number not in this table and another utility’s numbers',
  },
];

/** Demo ID numbers (valid GB 11643 check characters) and the accounts bound to them at each utility. */
export const SIMULATOR_ID_NUMBERS: readonly SimulatorIdBinding[] = [
  {
    idNumber: '11010519491231002X',
    kinds: ['normal', 'arrears'],
    description: 'The ID card reader simulator’s resident card (张小三): normal and arrears',
  },
  {
    idNumber: '810000198001010014',
    kinds: ['paid-up', 'credit'],
    description: 'The ID card reader simulator’s Hong Kong residence permit (陈大文): paid up and credit',
  },
  {
    idNumber: '440305198506123128',
    kinds: ['closed', 'slow'],
    description: 'Closed and slow',
  },
];

interface Household {
  holderName: string;
  address: string;
  /** People living there: usage grows with them. */
  persons: number;
}

const HOUSEHOLDS: Record<Exclude<SimulatorAccountKind, 'unknown' | 'failing'>, Household> = {
  normal: { holderName: '张三丰', address: '幸福路街道阳光社区3栋2单元501室', persons: 3 },
  'paid-up': { holderName: '王建国', address: '幸福路街道阳光社区5栋1单元302室', persons: 2 },
  arrears: { holderName: '李秀英', address: '和平街道翠园社区12栋3单元1101室', persons: 5 },
  credit: { holderName: '刘桂兰', address: '和平街道翠园社区8栋2单元602室', persons: 4 },
  closed: { holderName: '赵丽华', address: '幸福路街道阳光社区1栋1单元101室', persons: 1 },
  slow: { holderName: '陈志强', address: '新华街道柳岸社区6栋4单元203室', persons: 3 },
};

const PROVIDERS: Record<Utility, { id: string; name: string; receiptPrefix: string }> = {
  water: { id: 'sim-water', name: '模拟自来水公司', receiptPrefix: 'SW' },
  electricity: { id: 'sim-electricity', name: '模拟供电公司', receiptPrefix: 'SE' },
  gas: { id: 'sim-gas', name: '模拟燃气公司', receiptPrefix: 'SG' },
};

/** Residential prices with yearly steps, at rates Chinese cities charge. */
export const SIMULATOR_PRICES: Record<Utility, readonly PriceStep[]> = {
  water: [
    { tier: 1, from: 0, to: 216, unitPrice: '3.45' },
    { tier: 2, from: 216, to: 300, unitPrice: '4.83' },
    { tier: 3, from: 300, unitPrice: '5.83' },
  ],
  electricity: [
    { tier: 1, from: 0, to: 2760, unitPrice: '0.4883' },
    { tier: 2, from: 2760, to: 4800, unitPrice: '0.5383' },
    { tier: 3, from: 4800, unitPrice: '0.7883' },
  ],
  gas: [
    { tier: 1, from: 0, to: 350, unitPrice: '2.61' },
    { tier: 2, from: 350, to: 500, unitPrice: '3.13' },
    { tier: 3, from: 500, unitPrice: '3.91' },
  ],
};

/** A one-person household's monthly usage, and how each month (January first) compares with the average. */
const USAGE: Record<Utility, { base: number; season: readonly number[] }> = {
  // Water: more in the hot months (showers, laundry).
  water: { base: 6, season: [0.9, 0.85, 0.9, 0.95, 1.0, 1.1, 1.25, 1.25, 1.1, 0.95, 0.9, 0.85] },
  // Electricity: air conditioning in summer, some heating in winter.
  electricity: { base: 75, season: [1.15, 1.05, 0.85, 0.75, 0.8, 1.0, 1.45, 1.5, 1.05, 0.8, 0.85, 1.05] },
  // Gas: cooking all year, heating and hot water in winter.
  gas: { base: 9, season: [1.9, 1.7, 1.3, 0.9, 0.65, 0.5, 0.45, 0.45, 0.55, 0.8, 1.2, 1.6] },
};

/** What the credit account has prepaid beyond its bills. */
const CREDIT_FEN = 8650;
/** The arrears account has not paid its last this many bills. */
const UNPAID_BILLS = 3;
const HISTORY_MONTHS = 12;
export function createSimulatorProvider(options: SimulatorProviderOptions): SimulatorProvider {
  const { utility, clock } = options;
  const delay = options.delay ?? ((ms: number, signal: AbortSignal) => sleep(ms, undefined, { signal }));
  const { id, name, receiptPrefix } = PROVIDERS[utility];
  const paidFen = new Map<string, number>();
  const byTransaction = new Map<string, SimulatorPayment>();
  const recorded: SimulatorPayment[] = [];

  /** The known account behind a number at this utility, after the wait or failure its kind asks for. */
  const reach = async (accountNumber: string, signal: AbortSignal) => {
    signal.throwIfAborted();
    const kind = kindOf(utility, accountNumber);
    if (kind === undefined || kind === 'unknown') throw new LinliError('BILL_ACCOUNT_UNKNOWN');
    if (kind === 'failing')
      throw new LinliError('BILL_PROVIDER_UNAVAILABLE', `${name} cannot be reached (simulated outage)`);
    if (kind === 'slow') await delay(SIMULATOR_SLOW_MS, signal);
    return kind;
  };

  return {
    id,
    name,
    utility,

    async lookupAccount(accountNumber, signal) {
      const kind = await reach(accountNumber, signal);
      return simulatedAccount(utility, accountNumber, kind, clock(), paidFen.get(accountNumber) ?? 0);
    },

    async accountsForIdNumber(idNumber, signal) {
      signal.throwIfAborted();
      const binding = SIMULATOR_ID_NUMBERS.find((entry) => entry.idNumber === idNumber);
      return (binding?.kinds ?? []).map(
        (kind) => SIMULATOR_ACCOUNTS.find((row) => row.kind === kind)!.numbers[utility],
      );
    },

    async recordPayment(payment, signal) {
      const earlier = byTransaction.get(payment.transactionId);
      if (earlier) return { receiptNumber: earlier.receiptNumber };
      if (!Number.isSafeInteger(payment.amountFen) || payment.amountFen <= 0)
        throw new LinliError('VALIDATION_FAILED', undefined, [
          { path: '/amountFen', message: 'must be a whole number of fen above 0' },
        ]);
      const kind = await reach(payment.accountNumber, signal);
      if (kind === 'closed') throw new LinliError('BILL_ACCOUNT_CLOSED');
      // The same transaction may have arrived again while this one waited.
      const meanwhile = byTransaction.get(payment.transactionId);
      if (meanwhile) return { receiptNumber: meanwhile.receiptNumber };
      const now = clock();
      const entry: SimulatorPayment = {
        ...payment,
        receiptNumber: `${receiptPrefix}${beijingDate(now).replaceAll('-', '')}${String(recorded.length + 1).padStart(6, '0')}`,
        recordedAt: now.toISOString(),
      };
      paidFen.set(payment.accountNumber, (paidFen.get(payment.accountNumber) ?? 0) + payment.amountFen);
      byTransaction.set(payment.transactionId, entry);
      recorded.push(entry);
      return { receiptNumber: entry.receiptNumber };
    },

    payments: () => recorded.map((entry) => ({ ...entry })),
  };
}

/** The kind of a demo account number at a utility; undefined for numbers not in the table. */
function kindOf(utility: Utility, accountNumber: string): SimulatorAccountKind | undefined {
  return SIMULATOR_ACCOUNTS.find((row) => row.numbers[utility] === accountNumber)?.kind;
}

/** The account as the utility would answer at `now`, after `paidFen` of payments. Pure. */
function simulatedAccount(
  utility: Utility,
  accountNumber: string,
  kind: Exclude<SimulatorAccountKind, 'unknown' | 'failing'>,
  now: Date,
  paidFen = 0,
): ProviderAccount {
  const household = HOUSEHOLDS[kind];
  const base = { accountNumber, holderName: household.holderName, address: household.address };
  if (kind === 'closed') return { ...base, status: 'closed', amountDueFen: 0, history: [] };

  const current = beijingMonth(now) - 1;
  const bills = Array.from({ length: HISTORY_MONTHS }, (_, n) =>
    monthBill(utility, accountNumber, household.persons, current - HISTORY_MONTHS + 1 + n),
  );
  const history: MonthlyUsage[] = bills.map(({ period, usage, amountFen }) => ({ period, usage, amountFen }));
  const bill = bills.at(-1)!;
  const owed = {
    normal: bill.amountFen,
    slow: bill.amountFen,
    'paid-up': 0,
    arrears: history.slice(-UNPAID_BILLS).reduce((sum, month) => sum + month.amountFen, 0),
    credit: -CREDIT_FEN,
  }[kind];
  const amountDueFen = owed - paidFen;
  const status: BillAccountStatus = kind === 'arrears' && amountDueFen > 0 ? 'arrears' : 'normal';
  return {
    ...base,
    status,
    amountDueFen,
    currentBill: {
      period: bill.period,
      usage: bill.usage,
      unit: USAGE_UNITS[utility],
      tiers: bill.tiers,
      amountFen: bill.amountFen,
      dueDate: lastDayOf(current + 1),
    },
    history,
  };
}

/** One month's bill: its usage, priced on the year's steps after the year's earlier months. */
function monthBill(utility: Utility, accountNumber: string, persons: number, month: number) {
  const january = month - (month % 12);
  let usedBefore = 0;
  for (let earlier = january; earlier < month; earlier++)
    usedBefore += monthUsage(utility, accountNumber, persons, earlier);
  const usage = monthUsage(utility, accountNumber, persons, month);
  const tiers = tierAmounts(usage, SIMULATOR_PRICES[utility], usedBefore);
  return { period: periodOf(month), usage, tiers, amountFen: tiers.reduce((sum, tier) => sum + tier.amountFen, 0) };
}

/** Whole units, seeded by the account and the month: the household's size, the season and ±10 %. */
function monthUsage(utility: Utility, accountNumber: string, persons: number, month: number): number {
  const { base, season } = USAGE[utility];
  const noise = 0.9 + 0.2 * seededFraction(`${accountNumber}:${periodOf(month)}`);
  return Math.max(1, Math.round(base * (1 + 0.8 * (persons - 1)) * season[month % 12]! * noise));
}

/** A number in [0, 1) fixed by `seed` (FNV-1a, then one round of mulberry32). */
function seededFraction(seed: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) hash = Math.imul(hash ^ seed.charCodeAt(i), 0x01000193);
  let t = (hash + 0x6d2b79f5) | 0;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
}

/** Months are counted as year × 12 + (month − 1), in Beijing time. */
function beijingMonth(instant: Date): number {
  const local = onBeijingClock(instant);
  return local.getUTCFullYear() * 12 + local.getUTCMonth();
}

function periodOf(month: number): string {
  return `${Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, '0')}`;
}

function lastDayOf(month: number): string {
  const day = new Date(Date.UTC(Math.floor(month / 12), (month % 12) + 1, 0)).getUTCDate();
  return `${periodOf(month)}-${String(day).padStart(2, '0')}`;
}
