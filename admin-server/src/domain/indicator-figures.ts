/**
 * A subtree's figures for a period from the approved reports of its nodes (pure). Each reported
 * indicator is first taken over time within each reporting node — the months of a quarter summed
 * (`sum`), the last one known (`latest`), or averaged (`average`) — then over the nodes: summed, or
 * averaged (weighted by another indicator of the same node when the catalogue says so and every
 * node has it; a plain mean otherwise). Derived
 * indicators are computed last from the subtree's own figures, so a rate of the district is the
 * rate of its sums, not an average of its communities' rates.
 */
import {
  evaluateFormula,
  parseFormula,
  periodicityOf,
  periodsWithin,
  type Formula,
  type Indicator,
  type OrgLevel,
} from '@linli/protocol';

export interface ApprovedReport {
  orgId: number;
  path: string;
  period: string;
  values: Record<string, number | null>;
}

export type FigureValues = Record<string, number | null>;

const known = (value: number | null | undefined): value is number => typeof value === 'number';
const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;

function overTime(indicator: Indicator, byPeriod: Map<string, FigureValues>, periods: string[]): number | null {
  const values = periods.map((period) => byPeriod.get(period)?.[indicator.id]).filter(known);
  if (values.length === 0) return null;
  if (indicator.aggregation === 'sum') return values.reduce((sum, value) => sum + value, 0);
  if (indicator.aggregation === 'average') return mean(values);
  const last = [...periods].reverse().find((period) => known(byPeriod.get(period)?.[indicator.id]));
  return byPeriod.get(last!)![indicator.id]!;
}

const round = (value: number, decimals: number) => Math.round(value * 10 ** decimals) / 10 ** decimals;

/** Formulas read once per catalogue. */
export function formulasOf(indicators: Indicator[]): Map<string, Formula> {
  const formulas = new Map<string, Formula>();
  for (const indicator of indicators) {
    if (indicator.formula === undefined) continue;
    const formula = parseFormula(indicator.formula);
    if (!('problem' in formula)) formulas.set(indicator.id, formula);
  }
  return formulas;
}

/** The figures of the reports at or below `path` for `period`. */
export function subtreeFigures(
  indicators: Indicator[],
  formulas: Map<string, Formula>,
  reports: ApprovedReport[],
  path: string,
  period: string,
): FigureValues {
  const byNode = new Map<number, Map<string, FigureValues>>();
  for (const report of reports) {
    if (!report.path.startsWith(path)) continue;
    const periods = byNode.get(report.orgId) ?? new Map<string, FigureValues>();
    periods.set(report.period, report.values);
    byNode.set(report.orgId, periods);
  }
  const byId = new Map(indicators.map((indicator) => [indicator.id, indicator]));
  const values: FigureValues = {};
  const reported = (indicator: Indicator): number | null => {
    const periods = periodsWithin(period, indicator.periodicity);
    if (periods.length === 0) return null;
    const perNode = [...byNode.values()].map((byPeriod) => ({
      value: overTime(indicator, byPeriod, periods),
      weight: indicator.weightedBy ? overTime(byId.get(indicator.weightedBy)!, byPeriod, periods) : 1,
    }));
    const present = perNode.filter((node) => known(node.value));
    if (present.length === 0) return null;
    if (indicator.aggregation !== 'average') return present.reduce((sum, node) => sum + node.value!, 0);
    // Weighted only when every node's weight is known: leaving a node out would hide its figure.
    if (!present.every((node) => known(node.weight) && node.weight > 0))
      return mean(present.map((node) => node.value!));
    const total = present.reduce((sum, node) => sum + node.weight!, 0);
    return present.reduce((sum, node) => sum + node.value! * node.weight!, 0) / total;
  };
  const computing = new Set<string>();
  const valueOf = (id: string): number | null => {
    if (id in values) return values[id]!;
    const indicator = byId.get(id);
    if (!indicator || computing.has(id)) return null;
    computing.add(id);
    const formula = formulas.get(id);
    const raw =
      indicator.formula !== undefined ? (formula ? evaluateFormula(formula, valueOf) : null) : reported(indicator);
    computing.delete(id);
    values[id] = raw === null ? null : round(raw, indicator.decimals);
    return values[id]!;
  };
  for (const indicator of indicators) valueOf(indicator.id);
  return values;
}

/** The levels that report anything for a period of this kind (the indicators' own or a finer periodicity). */
export function reportingLevels(indicators: Indicator[], period: string): Set<OrgLevel> {
  return new Set(
    indicators
      .filter((indicator) => indicator.formula === undefined && periodsWithin(period, indicator.periodicity).length > 0)
      .map((indicator) => indicator.reportedBy),
  );
}

/** What a node of `level` reports for exactly `period`: reported indicators of its level and the period's kind. */
export function reportedIndicators(indicators: Indicator[], level: OrgLevel, period: string): Indicator[] {
  const periodicity = periodicityOf(period);
  return indicators.filter(
    (indicator) =>
      indicator.formula === undefined && indicator.reportedBy === level && indicator.periodicity === periodicity,
  );
}
