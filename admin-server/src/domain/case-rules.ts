/**
 * Everything a case is checked and timed against, as data: the category catalogue (事项分类, a tree
 * of paths like "sanitation/garbage"), the deadline rules and the working-day calendar. Built from
 * the files in admin-server/case-rules/ (read by case-rules-files.ts), each checked by field.
 * Pure.
 */
import {
  CaseCategories,
  LinliError,
  parseWith,
  type CaseCategory,
  type DeadlineRules,
  type ErrorDetail,
  type WorkCalendarYear,
  readWorkCalendarYear,
  workCalendar,
  type WorkCalendar,
} from '@linli/protocol';
import { readDeadlineRules } from './case-deadlines';

export interface CaseRules {
  /** Parents before their children, in the file's order. */
  categories: readonly CaseCategory[];
  category(path: string): CaseCategory | undefined;
  deadlines: DeadlineRules;
  calendar: WorkCalendar;
  /** The calendar's years as the files give them (an administrator's edits override them: work-calendars.ts). */
  calendarFiles: readonly WorkCalendarYear[];
}

/** The catalogue as a file gives it: paths unique, every parent listed before its children. */
export function readCaseCategories(json: unknown): CaseCategories {
  const catalogue = parseWith(CaseCategories, json, 'VALIDATION_FAILED');
  const seen = new Set<string>();
  const problems: ErrorDetail[] = [];
  catalogue.categories.forEach((category, index) => {
    const parent = category.path.split('/').slice(0, -1).join('/');
    if (seen.has(category.path)) problems.push({ path: `/categories/${index}/path`, message: 'listed twice' });
    else if (parent && !seen.has(parent))
      problems.push({ path: `/categories/${index}/path`, message: `its parent ${parent} must come first` });
    seen.add(category.path);
  });
  if (problems.length > 0)
    throw new LinliError('VALIDATION_FAILED', `${problems[0]!.path}: ${problems[0]!.message}`, problems);
  return catalogue;
}

export function caseRules(files: {
  categories: unknown;
  deadlines: unknown;
  calendars: readonly unknown[];
}): CaseRules {
  const { categories } = readCaseCategories(files.categories);
  const years: WorkCalendarYear[] = files.calendars.map(readWorkCalendarYear);
  const byPath = new Map(categories.map((category) => [category.path, category]));
  return {
    categories,
    category: (path) => byPath.get(path),
    deadlines: readDeadlineRules(files.deadlines),
    calendar: workCalendar(years),
    calendarFiles: years,
  };
}
