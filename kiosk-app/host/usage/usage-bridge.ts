/**
 * The bridge as residents use it, counted: each call that succeeded and stands for a use (a guide
 * opened, a form printed, a card read, a bill looked up …) adds its anonymous usage events,
 * stamped with an id (UUIDv7, the server's idempotency key) and the host's clock. Only what was
 * used is named (a guide, a form, a utility, a case's nature, a business); never what the resident
 * typed or read, except a search that found nothing, as searchMissText keeps it.
 */
import {
  uuidV7,
  type BridgeMethod,
  type BridgeParams,
  type BridgeResult,
  type KioskBridge,
  type UsageEvent,
} from '@linli/protocol';
import { createVisitUsage, type UsageDraft } from './visit-usage';

type Counted = {
  [M in BridgeMethod]?: (params: BridgeParams<M>, result: BridgeResult<M>) => UsageDraft[];
};

const receipt = (subject: string): UsageDraft[] => [{ kind: 'receipt-print', subject }];

export function countUsage(
  bridge: KioskBridge,
  deps: { clock: () => Date; record: (events: UsageEvent[]) => void },
): KioskBridge {
  const visit = createVisitUsage();
  const counted: Counted = {
    beginVisit: () => visit.visitBegan(),
    endVisit: () => visit.visitEnded(),
    searchGuides: (params, result) => visit.searched(params.query, result.length),
    getGuide: (params) => visit.guideOpened(params.id),
    notePreferences: (params) => {
      visit.preferences(params.locale, params.elderMode);
      return [];
    },
    readIdCard: () => [{ kind: 'id-read' }],
    printForm: (params) => [{ kind: 'form-print', subject: params.formId }],
    printGuideChecklist: () => receipt('guide-checklist'),
    queryBill: (params) => [{ kind: 'bill-check', subject: params.utility }],
    printBill: () => receipt('bill'),
    printBillReceipt: () => receipt('bill-receipt'),
    submitCase: (params) => [{ kind: 'case', subject: params.nature }],
    printCaseTicket: () => receipt('case-ticket'),
    takeQueueTicket: (params) => [{ kind: 'queue-ticket', subject: params.business }],
    checkInQueue: () => [{ kind: 'queue-ticket', subject: 'appointment' }],
    printQueueTicket: () => receipt('queue-ticket'),
  };
  const wrapped: Record<string, unknown> = { ...bridge };
  for (const [method, draftsOf] of Object.entries(counted) as Array<
    [BridgeMethod, (params: unknown, result: unknown) => UsageDraft[]]
  >) {
    const call = bridge[method] as (params: unknown) => Promise<unknown>;
    wrapped[method] = async (params: unknown) => {
      const result = await call(params);
      const drafts = draftsOf(params, result);
      if (drafts.length > 0) {
        const now = deps.clock();
        deps.record(drafts.map((draft) => ({ id: uuidV7(now.getTime()), at: now.toISOString(), ...draft })));
      }
      return result;
    };
  }
  return wrapped as KioskBridge;
}
