/** The admin API as a signed-in user, for end-to-end tests and the screenshot script to set things up without the UI. */
import { CSRF_HEADER } from '@linli/protocol';

export type AdminApi = (
  method: string,
  route: string,
  body?: unknown,
  headers?: Record<string, string>,
) => Promise<{ status: number; json: Record<string, unknown> }>;

export async function apiAs(url: string, username: string, password: string): Promise<AdminApi> {
  const login = await fetch(`${url}/api/v1/admin/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  return async (method, route, body, headers = {}) => {
    const reply = await fetch(`${url}/api/v1/admin${route}`, {
      method,
      headers: {
        cookie,
        [CSRF_HEADER]: csrfToken,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: reply.status, json: (await reply.json().catch(() => null)) as Record<string, unknown> };
  };
}
