/** The admin API as a signed-in user, for end-to-end tests and the screenshot script to set things up without the UI. */
import {
  CSRF_HEADER,
  PROTOCOL_VERSION,
  PROTOCOL_VERSION_HEADER,
  deviceAuthorization,
  type EnrollReply,
  type PlayRecord,
  type PlayUploadReply,
} from '@linli/protocol';

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
        ...(body === undefined
          ? {}
          : { 'content-type': body instanceof Uint8Array ? 'application/octet-stream' : 'application/json' }),
        ...headers,
      },
      // Bytes go as they are (a media upload); anything else as JSON.
      body: body === undefined ? undefined : body instanceof Uint8Array ? new Uint8Array(body) : JSON.stringify(body),
    });
    return { status: reply.status, json: (await reply.json().catch(() => null)) as Record<string, unknown> };
  };
}

/** The organisation nodes by name (the demo install's streets and communities). */
export async function nodesByName(api: AdminApi): Promise<Map<string, { id: number; name: string }>> {
  const nodes = (await api('GET', '/orgs')).json.nodes as { id: number; name: string }[];
  return new Map(nodes.map((node) => [node.name, node]));
}

/** A user whose password needs no change at first sign-in; fails loudly when the server refuses. */
export async function createUser(
  api: AdminApi,
  user: { username: string; displayName: string; role: string; orgId: number; password: string },
): Promise<void> {
  const created = await api('POST', '/users', { ...user, mustChangePassword: false });
  if (created.status !== 201) throw new Error(`creating ${user.username}: ${JSON.stringify(created.json)}`);
}

/** A single-use enrollment code for a device at `orgId`. */
export async function enrollmentCode(api: AdminApi, orgId: number): Promise<string> {
  const reply = await api('POST', '/enrollment-codes', { orgId, validDays: 1, maxUses: 1 });
  if (reply.status !== 201) throw new Error(`enrollment code: ${JSON.stringify(reply.json)}`);
  return reply.json.code as string;
}

/**
 * A signage publication (or, at `plural`, another item a second person approves: a TV channel)
 * drafted and submitted by `editor`, approved by `reviewer`; answers the approval and its id.
 */
export async function publishSignage(editor: AdminApi, reviewer: AdminApi, input: unknown, plural = 'signage') {
  const draft = await editor('POST', `/${plural}`, input);
  if (draft.status !== 201) throw new Error(`${plural} draft: ${JSON.stringify(draft.json)}`);
  const id = draft.json.id as string;
  const submitted = await editor('POST', `/${plural}/${id}/submit`);
  const approve = () =>
    reviewer('POST', `/${plural}/${id}/review`, { approve: true }, { 'if-match': `"${submitted.json.version}"` });
  return { id, submitted, approve };
}

/**
 * A device enrolled with `code` and no kiosk or player process behind it: it calls the device API
 * with its credentials as a host does (a kiosk taking queue tickets, a player uploading plays).
 */
export async function enrolledDevice(
  url: string,
  code: string,
  name: string,
  kind: 'kiosk' | 'player',
): Promise<{ deviceId: string; call: (method: string, route: string, body?: unknown) => Promise<Response> }> {
  const enrolled = await fetch(`${url}/api/v1/devices/enroll`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code, name, kind }),
  });
  if (enrolled.status !== 200) throw new Error(`enrolling ${name}: ${await enrolled.text()}`);
  const { deviceId, secret } = (await enrolled.json()) as EnrollReply;
  const call = (method: string, route: string, body?: unknown) =>
    fetch(`${url}${route}`, {
      method,
      headers: {
        authorization: deviceAuthorization(deviceId, secret),
        [PROTOCOL_VERSION_HEADER]: String(PROTOCOL_VERSION),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  return { deviceId, call };
}

/** A signage player that uploads proof of play as a player host does (POST /api/v1/devices/plays), for reports to read. */
export async function enrolledPlayer(
  url: string,
  code: string,
  name: string,
): Promise<{ deviceId: string; uploadPlays: (plays: PlayRecord[]) => Promise<PlayUploadReply> }> {
  const { deviceId, call } = await enrolledDevice(url, code, name, 'player');
  const uploadPlays = async (plays: PlayRecord[]) => {
    const reply = await call('POST', '/api/v1/devices/plays', { plays });
    if (reply.status !== 200) throw new Error(`plays of ${name}: ${await reply.text()}`);
    return (await reply.json()) as PlayUploadReply;
  };
  return { deviceId, uploadPlays };
}
