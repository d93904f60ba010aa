/**
 * The staff app's outbox: reports kept in the phone's IndexedDB until the admin server has them.
 * Each report carries a clientId (UUIDv7) the server knows it by, so one sent again after a lost
 * answer is the same case. Sent oldest first when the app opens, when the phone comes back online
 * and after each report; a report the server refuses is kept with the server's words, not sent again.
 */
import type { StaffCaseInput } from '@linli/protocol';

export interface OutboxReport {
  clientId: string;
  input: StaffCaseInput;
  /** The photos taken, kept as they are until sent (uploaded first, then named with the report). */
  photos: Blob[];
  queuedAt: string;
  state: 'queued' | 'sent' | 'rejected';
  tracking?: string;
  error?: string;
}

const DB_NAME = 'linli-staff';
const STORE = 'outbox';

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: 'clientId' });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

async function inStore<T>(mode: IDBTransactionMode, work: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await open();
  try {
    return await new Promise<T>((resolve, reject) => {
      const transaction = db.transaction(STORE, mode);
      const request = work(transaction.objectStore(STORE));
      // Resolved once the transaction is committed, so a report called kept is on disk.
      transaction.oncomplete = () => resolve(request.result);
      transaction.onerror = () => reject(transaction.error);
    });
  } finally {
    db.close();
  }
}

export const keepReport = (report: OutboxReport) => inStore('readwrite', (store) => store.put(report));

export const allReports = async () =>
  (await inStore<OutboxReport[]>('readonly', (store) => store.getAll())).sort((a, b) =>
    a.clientId.localeCompare(b.clientId),
  );

/**
 * Sends what is queued: each photo through `upload` (its id; the same photo again is the same id),
 * then the report through `send` (its tracking number). Either throws a coded error the server gave,
 * or a TypeError when the network failed: then it stops, to go on when the network is back.
 */
export async function sendQueued(
  upload: (photo: Blob) => Promise<string>,
  send: (input: StaffCaseInput) => Promise<string>,
): Promise<void> {
  for (const report of await allReports()) {
    if (report.state !== 'queued') continue;
    try {
      const photos = [];
      for (const photo of report.photos) photos.push(await upload(photo));
      const tracking = await send({ ...report.input, clientId: report.clientId, ...(photos.length > 0 && { photos }) });
      // Sent: the photos leave the phone.
      await keepReport({ ...report, photos: [], state: 'sent', tracking });
    } catch (error) {
      if (error instanceof TypeError) return;
      await keepReport({ ...report, photos: [], state: 'rejected', error: (error as Error).message });
    }
  }
}
