/**
 * The indicator catalogue's rules (pure): ids once, a weight that names a reported indicator, and
 * formulas that read, name only known indicators and never depend on themselves. Each problem
 * names the indicator's place and field, as the editor shows it.
 */
import { readFileSync } from 'node:fs';
import {
  IndicatorCatalogueInput,
  LinliError,
  formulaRefs,
  parseFormula,
  parseWith,
  type ErrorDetail,
  type Indicator,
} from '@linli/protocol';

export const SHIPPED_INDICATORS = new URL('../../stats-rules/indicators.json', import.meta.url);

export function catalogueProblems(indicators: Indicator[]): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  const at = new Map<string, number>();
  indicators.forEach((indicator, index) => {
    const first = at.get(indicator.id);
    if (first !== undefined)
      problems.push({ path: `/indicators/${index}/id`, message: `already used by indicator ${first + 1}` });
    else at.set(indicator.id, index);
  });
  const byId = new Map(indicators.map((indicator) => [indicator.id, indicator]));
  const refs = new Map<string, string[]>();
  indicators.forEach((indicator, index) => {
    if (indicator.weightedBy !== undefined) {
      const weight = byId.get(indicator.weightedBy);
      if (!weight || weight.formula !== undefined || weight.id === indicator.id)
        problems.push({ path: `/indicators/${index}/weightedBy`, message: 'must name another reported indicator' });
    }
    if (indicator.formula === undefined) return;
    const formula = parseFormula(indicator.formula);
    if ('problem' in formula) {
      problems.push({ path: `/indicators/${index}/formula`, message: formula.problem });
      return;
    }
    const names = formulaRefs(formula);
    const unknown = names.filter((id) => !byId.has(id));
    if (unknown.length > 0)
      problems.push({ path: `/indicators/${index}/formula`, message: `names no indicator ${unknown.join(', ')}` });
    refs.set(indicator.id, names);
  });
  // A derived indicator may read others, never itself through them.
  const cyclic = (id: string, seen: string[]): string | undefined => {
    if (seen.includes(id)) return id;
    for (const next of refs.get(id) ?? []) {
      const found = cyclic(next, [...seen, id]);
      if (found) return found;
    }
    return undefined;
  };
  indicators.forEach((indicator, index) => {
    if (refs.has(indicator.id) && cyclic(indicator.id, []) === indicator.id)
      problems.push({ path: `/indicators/${index}/formula`, message: 'depends on itself' });
  });
  return problems;
}

/** The catalogue shipped in admin-server/stats-rules/indicators.json; one with mistakes stops the server. */
export function readShippedIndicators(file: URL = SHIPPED_INDICATORS): Indicator[] {
  try {
    const { indicators } = parseWith(IndicatorCatalogueInput, JSON.parse(readFileSync(file, 'utf8')));
    const problems = catalogueProblems(indicators);
    if (problems.length > 0)
      throw new Error(problems.map((problem) => `${problem.path}: ${problem.message}`).join('; '));
    return indicators;
  } catch (error) {
    throw new LinliError(
      'CONFIG_INVALID',
      `The indicator catalogue ${file.pathname} is not valid: ${(error as Error).message}`,
    );
  }
}
