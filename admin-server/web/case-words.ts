/**
 * Cases in words (pure): a category by its names in the catalogue, the deadline light with the
 * limit it measures, and instants in Beijing time — the deadlines are Beijing dates, so the
 * browser's own zone plays no part.
 */
import type { CaseCategory, CaseLights, CaseReminder, CaseView, Locale } from '@linli/protocol';
import type { AdminStrings } from './i18n';
import { reportTime } from './proof-of-play';

/** An instant as the Beijing date and minute: 2026-09-30 10:00. */
export function beijingMinute(iso: string): string {
  return reportTime(iso).slice(0, 16);
}

/** A category from the top down in the UI language (市容环卫 / 垃圾清运); a path the catalogue lacks as it is. */
export function categoryWords(categories: readonly CaseCategory[], path: string, locale: Locale): string {
  const steps = path.split('/');
  const names = steps.map(
    (_, i) => categories.find((category) => category.path === steps.slice(0, i + 1).join('/'))?.names[locale],
  );
  return names.every((name) => name !== undefined) ? names.join(' / ') : path;
}

/** How deep a category sits (sanitation 0, sanitation/garbage 1), for an indented picker. */
export function categoryDepth(category: CaseCategory): number {
  return category.path.split('/').length - 1;
}

/** The light in words, never colour alone: 黄灯 · 签收期限 2026-10-08 (the dispatch limit is an instant, the others dates). */
export function lightWords(t: AdminStrings, lights: CaseLights): string {
  const words = t.ui.cases;
  const due = lights.limit === 'dispatch' ? beijingMinute(lights.due) : lights.due;
  return words.lightBadge(words.lights[lights.light], words.limits[lights.limit], due);
}

/** A reminder in words: 已超过签收期限 2026-12-08 (督办), with the case's nature and tracking number. */
export function reminderWords(t: AdminStrings, reminder: CaseReminder): string {
  const words = t.ui.cases;
  const due = reminder.limit === 'dispatch' ? beijingMinute(reminder.due) : reminder.due;
  const limit = words.limits[reminder.limit];
  const what = reminder.light === 'red' ? words.reminders.late(limit, due) : words.reminders.soon(limit, due);
  const role = reminder.role === 'supervise' ? `（${words.reminders.supervising}）` : '';
  return `${what}${role} · ${words.natures[reminder.nature]} · ${reminder.tracking}`;
}

/** The resident as every list shows them: masked (张*三 138****5678), or anonymous. */
export function maskedContact(t: AdminStrings, view: CaseView): string {
  const masked = [view.contactMasked?.name, view.contactMasked?.phone].filter(Boolean).join(' ');
  return masked || t.ui.cases.anonymous;
}
