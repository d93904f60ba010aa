/**
 * The life of a CAP alert as decisions, pure and with the time passed in (CAP-v1.2 §3.2.1 and
 * signage.md §7.2):
 *
 * - shown: `status` Actual, or Test / Exercise flagged `test` (only screens marked for tests show
 *   those); `msgType` Alert or Update; `scope` Public — screens in a service hall are public, so
 *   Restricted and Private messages are kept for administrators and never sent; at least one info
 *   block. System (heartbeats), Draft, Ack and Error are stored and never shown.
 * - active from receipt until the earliest `expires` of its info blocks, or until an Update
 *   (superseded: the update is shown in its place, never both) or a Cancel (cancelled) names it in
 *   `references`. A reference ends only an alert received through the same alert source and of
 *   the same status, so a Test cancel never clears an Actual alert and one source cannot end
 *   another's. An Update whose referenced alert never arrived is simply shown as new. A GB/T
 *   35965.1 reference by identifier alone names that sender's message of that identifier.
 * - the same message again (sender, identifier and sent instant) is the one already stored.
 */
import type { AlertState, DeviceAlert, DeviceAlertInfo } from '@linli/protocol';
import type { CapAlert, CapInfo, CapReference } from './cap-alert';

/** The identity of a CAP message: sender, identifier and the sent instant (UTC). */
export function capKey(message: Pick<CapReference, 'sender' | 'identifier' | 'sentAt'>): string {
  return `${message.sender},${message.identifier},${message.sentAt}`;
}

/** `sender,identifier,sent`, or `sender,identifier` for a reference by identifier alone. */
export function referenceText(reference: CapReference): string {
  const named = `${reference.sender},${reference.identifier}`;
  return reference.sent === '' ? named : `${named},${reference.sent}`;
}

/** Whether the message is ever shown on a screen (what `status`, `msgType` and `scope` allow). */
export function isDisplayable(alert: Pick<CapAlert, 'status' | 'msgType' | 'scope' | 'info'>): boolean {
  return (
    (alert.status === 'Actual' || alert.status === 'Test' || alert.status === 'Exercise') &&
    (alert.msgType === 'Alert' || alert.msgType === 'Update') &&
    alert.scope === 'Public' &&
    alert.info.length > 0
  );
}

/** The earliest `expires` of its info blocks (UTC ISO), or null when none says. */
export function earliestExpiry(alert: Pick<CapAlert, 'info'>): string | null {
  const instants = alert.info.flatMap((info) => (info.expiresAt ? [info.expiresAt] : [])).sort();
  return instants[0] ?? null;
}

/** How an Update or Cancel ends the alerts it references. */
export function endReasonOf(msgType: CapAlert['msgType']): 'superseded' | 'cancelled' | undefined {
  if (msgType === 'Update') return 'superseded';
  if (msgType === 'Cancel') return 'cancelled';
  return undefined;
}

export interface AlertStanding {
  displayable: boolean;
  expiresAt: string | null;
  endReason: 'superseded' | 'cancelled' | 'expired' | null;
}

export function alertState(alert: AlertStanding, now: Date): AlertState {
  if (!alert.displayable) return 'withheld';
  if (alert.endReason) return alert.endReason;
  return alert.expiresAt !== null && alert.expiresAt <= now.toISOString() ? 'expired' : 'active';
}

/** zh-CN first, then other Chinese, then English, then the rest; stable within each. */
export function languageRank(language: string): number {
  const tag = language.toLowerCase();
  if (tag === 'zh-cn' || tag === 'zh-hans-cn' || tag === 'zh-hans') return 0;
  if (tag === 'zh' || tag.startsWith('zh-')) return 1;
  if (tag === 'en' || tag.startsWith('en-')) return 2;
  return 3;
}

export function byLanguagePreference<T extends { language: string }>(infos: T[]): T[] {
  return infos
    .map((info, index) => ({ info, index }))
    .sort((a, b) => languageRank(a.info.language) - languageRank(b.info.language) || a.index - b.index)
    .map(({ info }) => info);
}

function deviceInfo(info: CapInfo): DeviceAlertInfo {
  return {
    language: info.language,
    category: info.category,
    event: info.event,
    urgency: info.urgency,
    severity: info.severity,
    certainty: info.certainty,
    responseType: info.responseType,
    senderName: info.senderName,
    headline: info.headline,
    description: info.description,
    instruction: info.instruction,
    web: info.web,
    contact: info.contact,
    effective: info.effective,
    onset: info.onset,
    expires: info.expires,
    areaDesc: info.areas.map((area) => area.areaDesc),
  };
}

/** What devices receive for a displayable alert; null for what is never shown. */
export function deviceAlertOf(id: string, alert: CapAlert): DeviceAlert | null {
  if (!isDisplayable(alert)) return null;
  const info = byLanguagePreference(alert.info);
  const first = info[0]!;
  const expires = earliestExpiry(alert);
  return {
    id,
    status: alert.status as DeviceAlert['status'],
    test: alert.status !== 'Actual',
    msgType: alert.msgType as DeviceAlert['msgType'],
    sender: alert.sender,
    senderName: first.senderName ?? alert.sender,
    sent: alert.sent,
    effective: first.effective ?? alert.sent,
    // The earliest expires, written as its block wrote it.
    expires: info.find((block) => block.expiresAt === expires)?.expires ?? null,
    event: first.event,
    headline: first.headline ?? first.event,
    description: first.description,
    instruction: first.instruction,
    severity: first.severity,
    urgency: first.urgency,
    certainty: first.certainty,
    language: first.language,
    info: info.map(deviceInfo),
  };
}
