/**
 * Residents' cases on the kiosk bridge. A case given on the screen is written to the outbox first
 * (so it is never lost), then sent; the screen hears how each of this visit's submissions stands
 * and prints the 受理单 once one is sent. The name from the ID card stays in the host: the screen
 * only says the resident agreed to use it. At the end of the visit the screen forgets its
 * submissions; those still queued are sent all the same. A photo comes with the case it belongs
 * to (stored with it in one transaction, or neither is); the photo step opens and closes the
 * camera gate (case-camera.ts), which the submission and the end of the visit close too.
 */
import {
  LinliError,
  uuidV7,
  type CaseInput,
  type CaseSubmission,
  type IdCardData,
  type KioskBridge,
} from '@linli/protocol';
import type { Receipt } from '@linli/device-drivers/receipt-printer/receipt-layout';
import { beijingMinute } from '../beijing-time';
import type { Timers } from '../lifecycle/timers';
import type { CaseCameraGate } from './case-camera';
import type { CaseClient } from './case-client';
import type { CaseOutbox, KeptLists, OutboxItem } from './case-outbox';
import type { CaseSender } from './case-sender';
import { caseStatusLink, caseTicket } from './case-ticket';

/** How long submitCase waits for the first send before answering "queued". */
const FIRST_SEND_WAIT_MS = 8000;

const submissionOf = (item: OutboxItem): CaseSubmission => ({
  clientId: item.clientId,
  state: item.state,
  nature: item.nature,
  queuedAt: item.queuedAt,
  ...(item.tracking && { tracking: item.tracking }),
  ...(item.replyBy && { replyBy: item.replyBy }),
  ...(item.state === 'sent' && { duplicate: item.duplicate }),
  ...(item.error && { error: item.error }),
});

export function createCaseBridge(deps: {
  outbox: CaseOutbox;
  client: CaseClient;
  sender: CaseSender;
  timers: Timers;
  clock: () => Date;
  currentCard: () => IdCardData | undefined;
  printSlip: (slip: Receipt) => Promise<void>;
  /** Where residents' phones reach the admin server's public pages. */
  publicLinkBase: string;
  camera: CaseCameraGate;
}): {
  bridge: Pick<
    KioskBridge,
    | 'caseCatalogue'
    | 'caseAddresses'
    | 'submitCase'
    | 'caseSubmissions'
    | 'printCaseTicket'
    | 'caseStatus'
    | 'openCaseCamera'
    | 'closeCaseCamera'
  >;
  endVisit(): void;
} {
  const { outbox } = deps;
  let visit: string[] = [];

  /** Asked of the server, and kept; what was kept when the server cannot be reached. */
  const freshOrKept = async <K extends keyof KeptLists>(name: K, ask: () => Promise<KeptLists[K]>) => {
    try {
      const fresh = await ask();
      outbox.keep(name, fresh);
      return fresh;
    } catch (error) {
      const kept = outbox.kept(name);
      if (kept && error instanceof LinliError && error.code === 'SERVER_UNREACHABLE') return kept;
      throw error;
    }
  };

  const ofThisVisit = (clientId: string): OutboxItem => {
    const item = visit.includes(clientId) ? outbox.get(clientId) : undefined;
    if (!item) throw new LinliError('NOT_FOUND', 'No such submission in this visit');
    return item;
  };

  return {
    bridge: {
      caseCatalogue: () => freshOrKept('catalogue', deps.client.catalogue),
      caseAddresses: () => freshOrKept('addresses', deps.client.addresses),
      async submitCase({ nameFromIdCard, photo, ...given }) {
        // The photo step is over, whatever comes of the submission.
        deps.camera.close();
        const card = nameFromIdCard ? deps.currentCard() : undefined;
        if (nameFromIdCard && !card)
          throw new LinliError('VALIDATION_FAILED', 'Read the ID card first', [
            { path: '/nameFromIdCard', message: 'no card read in this visit' },
          ]);
        const known = outbox.kept('catalogue');
        if (known && !known.categories.some((category) => category.path === given.category))
          throw new LinliError('CASE_CATEGORY_UNKNOWN', `No category ${given.category}`, [
            { path: '/category', message: `no category ${given.category}` },
          ]);
        const { contact: typed, ...rest } = given;
        const contact = { ...typed, ...(card && { name: card.name }) };
        const input: CaseInput = {
          ...rest,
          description: given.description.trim(),
          ...(Object.keys(contact).length > 0 && { contact }),
        };
        const clientId = uuidV7(deps.clock().getTime());
        outbox.add({
          clientId,
          input,
          queuedAt: deps.clock().toISOString(),
          ...(photo && { photo: Buffer.from(photo.jpegBase64, 'base64') }),
        });
        visit.push(clientId);
        const waited = new AbortController();
        await Promise.race([
          deps.sender.send(),
          deps.timers.sleep(FIRST_SEND_WAIT_MS, waited.signal).catch(() => undefined),
        ]);
        waited.abort();
        return submissionOf(outbox.get(clientId)!);
      },
      async caseSubmissions() {
        const items = visit.map((clientId) => outbox.get(clientId)).filter((item) => item !== undefined);
        return {
          items: items.reverse().map(submissionOf),
          waitingFromEarlier: outbox.queued().filter((item) => !visit.includes(item.clientId)).length,
        };
      },
      async printCaseTicket({ clientId, locale = 'zh-Hans' }) {
        const item = ofThisVisit(clientId);
        if (item.state !== 'sent' || !item.tracking || !item.code || !item.receivedAt || !item.replyBy)
          throw new LinliError('VALIDATION_FAILED', 'The case is not taken yet', [
            { path: '/clientId', message: 'not sent to the server yet' },
          ]);
        const category = outbox.kept('catalogue')?.categories.find((entry) => entry.path === item.category);
        await deps.printSlip(
          caseTicket(
            {
              tracking: item.tracking,
              nature: item.nature,
              category: category?.names[locale] ?? item.category,
              receivedAt: beijingMinute(new Date(item.receivedAt)),
              replyBy: item.replyBy,
            },
            locale,
            caseStatusLink(deps.publicLinkBase, item.tracking, item.code),
          ),
        );
        return {};
      },
      caseStatus: (query) => deps.client.status(query),
      async openCaseCamera() {
        deps.camera.open();
        return {};
      },
      async closeCaseCamera() {
        deps.camera.close();
        return {};
      },
    },
    endVisit() {
      visit = [];
      deps.camera.close();
    },
  };
}
