/**
 * Reads the case rules shipped in admin-server/case-rules/: the category catalogue
 * (case-categories.json), the deadline rules (deadline-rules.json) and one working-day calendar
 * per year (cn-YYYY.json). A file with mistakes stops the server, naming the file and the field.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { LinliError } from '@linli/protocol';
import { caseRules, type CaseRules } from './domain/case-rules';

export const SHIPPED_CASE_RULES = new URL('../case-rules/', import.meta.url);

export function readCaseRulesFiles(dir: URL = SHIPPED_CASE_RULES): CaseRules {
  const read = (name: string): unknown => JSON.parse(readFileSync(new URL(name, dir), 'utf8'));
  try {
    return caseRules({
      categories: read('case-categories.json'),
      deadlines: read('deadline-rules.json'),
      calendars: readdirSync(dir)
        .filter((name) => /^cn-\d{4}\.json$/.test(name))
        .map(read),
    });
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new LinliError('CONFIG_INVALID', `The case rules in ${dir.pathname} are not valid: ${detail}`, undefined, {
      cause: error,
    });
  }
}
