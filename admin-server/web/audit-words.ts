/**
 * The audit trail in words: an action (guide.update → 修改办事指南), the object it was done to
 * (its title or name when the entry carries one), and a change as the fields that changed.
 */
import {
  CASE_ACTIONS,
  CASE_CHANNELS,
  CASE_NATURES,
  CASE_SATISFACTIONS,
  CASE_STATES,
  GUIDE_CATEGORY_NAMES,
  ROLES,
  type AuditEntry,
  type Locale,
  type Role,
} from '@linli/protocol';
import type { AdminStrings } from './i18n';

/** Target types as the server writes them; an unknown one is shown as it is. */
export const AUDIT_TARGET_TYPES = [
  'guide',
  'form',
  'notice',
  'media',
  'user',
  'org',
  'device',
  'device-group',
  'device-settings',
  'group-settings',
  'enrollment-code',
  'audit',
  'signage',
  'manual-alert',
  'alert-source',
  'bill-account',
  'bill-payment',
  'bill-provider',
  'consultation',
  'case',
  'work-calendar',
  // grid.import, grid.update: a grid's boundary and addresses (the entry's target is its org node).
  'grid',
  'basemap',
  'queue-hall',
  'release',
] as const;
export type AuditTargetType = (typeof AUDIT_TARGET_TYPES)[number];

/** Verbs shared by several kinds of record (`<type>.<verb>`). */
export const AUDIT_VERBS = [
  'create',
  'update',
  'delete',
  'submit',
  'approve',
  'reject',
  'publish',
  'withdraw',
  'rollback',
  'list',
  'import',
  'export',
  'upload',
  'view',
  'cancel',
  'revoke',
] as const;
export type AuditVerb = (typeof AUDIT_VERBS)[number];

/** Actions said as a whole rather than verb + object. */
export const AUDIT_SPECIAL_ACTIONS = [
  'session.sign-in',
  'user.reset-password',
  'account.change-password',
  'account.totp-on',
  'account.totp-off',
  'device.enroll',
  'device.list',
  'device.revoke',
  'device.list-groups',
  'device.create-group',
  'device.group-members',
  'device.commands',
  'device.screenshot',
  'device.settings-view',
  'device.settings',
  'device.settings-peripherals',
  'device.create-code',
  'device.list-codes',
  'device.revoke-code',
  'notice.approvers',
  'alert.receive',
  'alert-source.feed',
  'device.locate',
  'bill.query',
  'bill.accounts',
  'bill.pay',
  'bill.paid',
  'bill-provider.save',
  'bill-provider.remove',
  'desk.sign-in',
  'desk.consultation',
  'desk.print',
  'case.contact-view',
  'queue.view',
  'queue.rate',
  'queue.stats',
  'release.rollout',
  'device.update-channel',
] as const;
export type AuditSpecialAction = (typeof AUDIT_SPECIAL_ACTIONS)[number];

/** Field names the audit trail shows besides those the error texts already name (title, category…). */
export const AUDIT_FIELDS = [
  'state',
  'version',
  'liveVersion',
  'published',
  'author',
  'editor',
  'reviewer',
  'reviewComment',
  'disabled',
  'lockedUntil',
  'totpEnabled',
  'mustChangePassword',
  'createdAt',
  'lastSignInAt',
  'level',
  'path',
  'revoked',
  'maxUses',
  'uses',
  'expiresAt',
  'idleWarningSec',
  'attractNotices',
  'screenOff',
  'dailyRestart',
  'allowedOrigins',
  'maintenancePin',
  'uploadedBy',
  'uploadedAt',
  'sha256',
  'bytes',
  'width',
  'height',
  'history',
] as const;
export type AuditField = (typeof AUDIT_FIELDS)[number];

const isOneOf = <T extends string>(list: readonly T[], value: string): value is T =>
  (list as readonly string[]).includes(value);

/** The steps a case's trail records (`case.<step>`): its workflow's actions and its registration. */
const CASE_STEPS = ['register', ...CASE_ACTIONS] as const;

export function actionWords(t: AdminStrings, action: string): string {
  const words = t.ui.audit;
  if (isOneOf(AUDIT_SPECIAL_ACTIONS, action)) return words.actions[action];
  // A case's steps are named as on its timeline (诉求 + 受理), one word for each.
  const step = action.startsWith('case.') ? action.slice('case.'.length) : '';
  if (isOneOf(CASE_STEPS, step)) return words.caseStep(t.ui.cases.steps[step]);
  const command = /^device\.command(-result)?\.(.+)$/.exec(action);
  if (command) {
    const kind = command[2]!;
    const name = kind in t.commandKinds ? t.commandKinds[kind as keyof typeof t.commandKinds] : kind;
    return command[1] ? words.commandAnswered(name) : words.commandSent(name);
  }
  const dot = action.indexOf('.');
  const type = action.slice(0, dot);
  const verb = action.slice(dot + 1);
  if (dot > 0 && isOneOf(AUDIT_VERBS, verb) && isOneOf(AUDIT_TARGET_TYPES, type))
    return words.action(words.verbs[verb], words.objects[type]);
  return action;
}

/** The record's name as the entry carries it (a title, a node's or kiosk's name, a person's name). */
function nameIn(state: unknown): string | undefined {
  if (!state || typeof state !== 'object') return undefined;
  const record = state as Record<string, unknown>;
  for (const key of ['title', 'name', 'displayName']) {
    const value = record[key];
    if (typeof value === 'string' && value) return value;
  }
  return undefined;
}

/** What the entry is about: its kind in words, and its name (or, without one, its id). */
export function objectWords(t: AdminStrings, entry: AuditEntry): { kind: string; name: string | undefined } {
  const words = t.ui.audit;
  const kind = isOneOf(AUDIT_TARGET_TYPES, entry.targetType) ? words.objects[entry.targetType] : entry.targetType;
  const name = nameIn(entry.after) ?? nameIn(entry.before);
  if (name) return { kind, name: words.quoted(name) };
  return { kind, name: entry.targetId === '-' ? undefined : entry.targetId };
}

/** One changed field: its name in words and its value before and after, as text ('' when absent). */
export interface FieldChange {
  key: string;
  field: string;
  before: string;
  after: string;
}

/** Fields the entry's own columns already say, or that change with every save. */
const NOT_SHOWN = new Set(['updatedAt', 'at']);

/** A value as text: states, roles and categories in words, lists one item a line. */
export function valueWords(t: AdminStrings, locale: Locale, key: string, value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'boolean') return value ? t.ui.audit.yes : t.ui.audit.no;
  // A deleted item's every version rides along in the trail; here it is how many there were.
  if (key === 'history' && Array.isArray(value)) return t.ui.audit.versions(value.length);
  if (typeof value === 'string') {
    if (key === 'state' && value in t.reviewStates) return t.reviewStates[value as keyof typeof t.reviewStates];
    if (key === 'state' && isOneOf(CASE_STATES, value)) return t.ui.cases.states[value];
    if (key === 'nature' && isOneOf(CASE_NATURES, value)) return t.ui.cases.natures[value];
    if (key === 'channel' && isOneOf(CASE_CHANNELS, value)) return t.ui.cases.channels[value];
    if (key === 'satisfaction' && isOneOf(CASE_SATISFACTIONS, value)) return t.ui.cases.satisfactions[value];
    if (key === 'role' && isOneOf(ROLES, value)) return t.roles[value as Role];
    if (key === 'level' && value in t.levels) return t.levels[value as keyof typeof t.levels];
    if (key === 'category' && value in GUIDE_CATEGORY_NAMES[locale])
      return GUIDE_CATEGORY_NAMES[locale][value as keyof (typeof GUIDE_CATEGORY_NAMES)[Locale]];
    return value;
  }
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value))
    return value
      .map((item) =>
        item !== null && typeof item === 'object'
          ? Object.values(item as Record<string, unknown>)
              .filter((part) => part !== null && part !== '' && typeof part !== 'object')
              .map(String)
              .join(' | ')
          : valueWords(t, locale, '', item),
      )
      .join('\n');
  return Object.entries(value as Record<string, unknown>)
    .filter(([, part]) => part !== null && part !== undefined && part !== '')
    .map(([name, part]) => `${fieldWords(t, `${key}/${name}`, name)}: ${valueWords(t, locale, name, part)}`)
    .join('\n');
}

function fieldWords(t: AdminStrings, path: string, key: string): string {
  if (isOneOf(AUDIT_FIELDS, key)) return t.ui.audit.fields[key];
  return t.errors.fields[path] ?? t.errors.fields[key] ?? key;
}

/** The fields that differ between before and after (a creation: every field; a deletion: every field before). */
export function changedFields(t: AdminStrings, locale: Locale, before: unknown, after: unknown): FieldChange[] {
  const asRecord = (state: unknown): Record<string, unknown> =>
    state !== null && typeof state === 'object' && !Array.isArray(state) ? (state as Record<string, unknown>) : {};
  const old = asRecord(before);
  const next = asRecord(after);
  const keys = [...new Set([...Object.keys(old), ...Object.keys(next)])].filter((key) => !NOT_SHOWN.has(key));
  return keys
    .filter((key) => JSON.stringify(old[key]) !== JSON.stringify(next[key]))
    .map((key) => ({
      key,
      field: fieldWords(t, key, key),
      before: valueWords(t, locale, key, old[key]),
      after: valueWords(t, locale, key, next[key]),
    }));
}
