/**
 * The desk's side of the clerk desk API: the device's credentials on every call and, once a clerk
 * has signed in, their session in DESK_SESSION_HEADER (the token never leaves the host).
 */
import {
  Consultation,
  DeskSignedIn,
  DeskToday,
  DESK_SESSION_HEADER,
  type ConsultationInput,
  type DeskSignIn,
} from '@linli/protocol';
import { deviceApi, type ServerClientDeps } from '../sync/server-client';

export interface DeskClient {
  signIn(request: DeskSignIn): Promise<DeskSignedIn>;
  signOut(token: string): Promise<void>;
  record(token: string, input: ConsultationInput): Promise<Consultation>;
  printed(token: string, formId: string): Promise<void>;
  today(token: string): Promise<DeskToday>;
}

export function createDeskClient(deps: ServerClientDeps): DeskClient {
  const api = deviceApi(deps);
  const json = (token: string, body: unknown) => ({
    method: 'POST',
    headers: { 'content-type': 'application/json', [DESK_SESSION_HEADER]: token },
    body: JSON.stringify(body),
  });
  return {
    signIn: async (request) => api.reply(DeskSignedIn, await api.postJson('/api/v1/desk/sign-in', request)),
    async signOut(token) {
      await api.call('/api/v1/desk/sign-out', { method: 'POST', headers: { [DESK_SESSION_HEADER]: token } });
    },
    record: async (token, input) =>
      api.reply(Consultation, await api.call('/api/v1/desk/consultations', json(token, input))),
    async printed(token, formId) {
      await api.call('/api/v1/desk/prints', json(token, { formId }));
    },
    today: async (token) =>
      api.reply(DeskToday, await api.call('/api/v1/desk/today', { headers: { [DESK_SESSION_HEADER]: token } })),
  };
}
