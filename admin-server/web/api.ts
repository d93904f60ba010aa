/** The admin UI's calls to the admin API; errors arrive as coded LinliErrors. */
import { LinliError, errorFromBody, type DeviceList, type Guide, type GuideInput, type GuideList, type ImportReply } from '@linli/protocol';

async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`/api/v1/admin${path}`, {
    method,
    credentials: 'same-origin',
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status === 204) return undefined as T;
  const data: unknown = await response.json().catch(() => undefined);
  if (!response.ok) throw errorFromBody(data) ?? new LinliError('INTERNAL', `HTTP ${response.status}`);
  return data as T;
}

export const api = {
  login: (username: string, password: string) => call<{ username: string }>('POST', '/login', { username, password }),
  logout: () => call<void>('POST', '/logout'),
  session: () => call<{ username: string }>('GET', '/session'),
  listGuides: (filter: { q?: string; category?: string; published?: string }) => {
    const query = new URLSearchParams(Object.entries(filter).filter((entry): entry is [string, string] => Boolean(entry[1])));
    return call<GuideList>('GET', `/guides${query.size > 0 ? `?${query}` : ''}`);
  },
  getGuide: (id: string) => call<Guide>('GET', `/guides/${encodeURIComponent(id)}`),
  createGuide: (input: GuideInput) => call<Guide>('POST', '/guides', input),
  updateGuide: (input: GuideInput) => call<Guide>('PUT', `/guides/${encodeURIComponent(input.id)}`, input),
  setPublished: (id: string, published: boolean) => call<Guide>('POST', `/guides/${encodeURIComponent(id)}/publish`, { published }),
  deleteGuide: (id: string) => call<void>('DELETE', `/guides/${encodeURIComponent(id)}`),
  importGuides: (file: unknown) => call<ImportReply>('POST', '/guides/import', file),
  devices: () => call<DeviceList>('GET', '/devices'),
  revokeDevice: (id: string) => call<void>('POST', `/devices/${encodeURIComponent(id)}/revoke`),
};
