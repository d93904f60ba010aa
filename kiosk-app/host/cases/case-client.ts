/**
 * The kiosk's side of residents' cases on the admin server: the categories, a case sent under its
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
import { deviceApi, type ServerClientDeps } from '../sync/server-client';

export interface CaseClient {
  catalogue(): Promise<CaseCatalogue>;
  addresses(): Promise<CaseAddresses>;
  submit(input: CaseInput): Promise<CaseReceipt>;
  status(query: CaseStatusQuery): Promise<CasePublicStatus>;
}

export function createCaseClient(deps: ServerClientDeps): CaseClient {
  const api = deviceApi(deps);
  return {
    catalogue: async () => api.reply(CaseCatalogue, await api.call('/api/v1/cases/catalogue')),
    addresses: async () => api.reply(CaseAddresses, await api.call('/api/v1/cases/addresses')),
    submit: async (input) => api.reply(CaseReceipt, await api.postJson('/api/v1/cases', input)),
    status: async (query) => api.reply(CasePublicStatus, await api.postJson('/api/v1/cases/status', query)),
  };
}
