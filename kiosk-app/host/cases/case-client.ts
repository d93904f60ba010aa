/**
 * The kiosk's side of residents' cases on the admin server: the categories, a case's photo (the
 * JPEG as the body; named by its SHA-256, so sending it again is harmless), a case sent under its
 * clientId (a repeat returns the first case), and a resident's status lookup. A server that cannot
 * be reached is SERVER_UNREACHABLE; what the server refused comes back with its code.
 */
import {
  CaseAddresses,
  CaseCatalogue,
  CasePublicStatus,
  CaseReceipt,
  type CaseInput,
  type CaseStatusQuery,
} from '@linli/protocol';
import Type from 'typebox';
import { deviceApi, type ServerClientDeps } from '../sync/server-client';

const PhotoId = Type.Object({ id: Type.String({ pattern: '^[0-9a-f]{64}$' }) });

export interface CaseClient {
  catalogue(): Promise<CaseCatalogue>;
  addresses(): Promise<CaseAddresses>;
  /** Uploads a case's photo before the case that names it: its id. */
  uploadPhoto(jpeg: Uint8Array): Promise<string>;
  submit(input: CaseInput): Promise<CaseReceipt>;
  status(query: CaseStatusQuery): Promise<CasePublicStatus>;
}

export function createCaseClient(deps: ServerClientDeps): CaseClient {
  const api = deviceApi(deps);
  return {
    catalogue: async () => api.reply(CaseCatalogue, await api.call('/api/v1/cases/catalogue')),
    addresses: async () => api.reply(CaseAddresses, await api.call('/api/v1/cases/addresses')),
    async uploadPhoto(jpeg) {
      const response = await api.call('/api/v1/case-photos', {
        method: 'POST',
        headers: { 'content-type': 'image/jpeg' },
        body: new Uint8Array(jpeg),
      });
      return (await api.reply(PhotoId, response)).id;
    },
    submit: async (input) => api.reply(CaseReceipt, await api.postJson('/api/v1/cases', input)),
    status: async (query) => api.reply(CasePublicStatus, await api.postJson('/api/v1/cases/status', query)),
  };
}
