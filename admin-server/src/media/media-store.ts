/** The media store a configuration chose (LINLI_MEDIA_STORE), composed once per process. */
import type { Database } from '../db/database';
import { openBlobStore, type BlobStore } from './blob-store';
import { openDatabaseBlobStore } from './database-blob-store';

/** Which store, and the folder on this machine it keeps files in (the store itself, or the database store's copies). */
export interface MediaStoreChoice {
  kind: 'folder' | 'database';
  dir: string;
}

export function openMediaStore(choice: MediaStoreChoice, db: Database): Promise<BlobStore> {
  return choice.kind === 'folder' ? openBlobStore(choice.dir) : openDatabaseBlobStore(db, choice.dir);
}
