/**
 * Tiered (阶梯) prices, the pure part: how much of one bill's usage falls in each step of a price
 * schedule and what it costs. Utilities count the steps over a year (some over a month), so a bill
 * starts where the year's earlier usage left off (`usedBefore`).
 *
 * Nothing is computed in floating point: usage is counted in thousandths of a unit, the price in
 * ten-thousandths of a yuan (utilities quote 4 decimals), and each step's amount is rounded half up
 * to the fen once. A bill's amount is the sum of its steps' amounts, so the steps always add up to
 * the bill, usage and money alike.
 */
import type { PriceTier } from '@linli/protocol';

/** One step of a price schedule: usage from `from` up to `to` (open when absent) at `unitPrice` yuan. */
export interface PriceStep {
  tier: number;
  from: number;
  to?: number;
  /** Yuan per unit as a decimal string, up to 4 decimals ("0.4883"). */
  unitPrice: string;
}

const UNIT_PRICE = /^(\d{1,4})(?:\.(\d{1,4}))?$/;
/** Thousandths of a unit × ten-thousandths of a yuan = 10^-7 yuan; 10^5 of them make a fen. */
const PER_FEN = 100_000n;

/**
 * Every step of the schedule, lowest first, each with the usage of this bill that fell in it and its
 * amount in fen (0 for the steps the bill did not reach), so a screen can explain the whole schedule. `usedBefore` is what was used earlier in the
 * schedule's period (the year, for yearly steps). Usage may have up to 3 decimals.
 *
 * Throws RangeError for a schedule that is not contiguous from 0 with an open last step, a price
 * that is not a decimal with at most 4 places, or negative or finer-than-thousandths usage: those
 * are faults of the caller's configuration, not of a bill.
 */
export function tierAmounts(usage: number, steps: readonly PriceStep[], usedBefore = 0): PriceTier[] {
  checkSchedule(steps);
  const start = thousandths(usedBefore, 'usedBefore');
  const end = start + thousandths(usage, 'usage');
  const tiers: PriceTier[] = [];
  for (const step of steps) {
    const low = thousandths(step.from, 'from');
    const high = step.to === undefined ? Infinity : thousandths(step.to, 'to');
    // Every step is listed, so the screen can explain the whole schedule; untouched ones used 0.
    const inStep = Math.max(0, Math.min(end, high) - Math.max(start, low));
    const amountFen = Number((BigInt(inStep) * priceInTenThousandths(step.unitPrice) + PER_FEN / 2n) / PER_FEN);
    tiers.push({
      tier: step.tier,
      from: step.from,
      ...(step.to === undefined ? {} : { to: step.to }),
      unitPrice: step.unitPrice,
      usage: inStep / 1000,
      amountFen,
    });
  }
  return tiers;
}

function checkSchedule(steps: readonly PriceStep[]): void {
  if (steps.length === 0) throw new RangeError('A price schedule needs at least one step');
  steps.forEach((step, index) => {
    const previous = steps[index - 1];
    const expectedFrom = previous ? previous.to : 0;
    if (step.from !== expectedFrom)
      throw new RangeError(`Price step ${step.tier} starts at ${step.from}, not where the step before ends`);
    if (step.to !== undefined && step.to <= step.from)
      throw new RangeError(`Price step ${step.tier} ends at or before its start`);
    if ((step.to === undefined) !== (index === steps.length - 1))
      throw new RangeError('Only the last price step is open, and it must be');
    priceInTenThousandths(step.unitPrice);
  });
}

function priceInTenThousandths(unitPrice: string): bigint {
  const match = UNIT_PRICE.exec(unitPrice);
  if (!match) throw new RangeError(`Unit price ${JSON.stringify(unitPrice)} is not a decimal with up to 4 places`);
  return BigInt(match[1]!) * 10_000n + BigInt((match[2] ?? '').padEnd(4, '0'));
}

function thousandths(value: number, name: string): number {
  const scaled = Math.round(value * 1000);
  if (!Number.isFinite(value) || value < 0 || Math.abs(scaled - value * 1000) > 1e-6 || !Number.isSafeInteger(scaled))
    throw new RangeError(`${name} must be a non-negative number with at most 3 decimals, not ${value}`);
  return scaled;
}
