/**
 * HTTP client for the admin server's device API. Failures come back as coded errors:
 * SERVER_UNREACHABLE for network trouble and 5xx (worth retrying), the server's own code otherwise.
 * Every reply is checked against its protocol schema before anything uses it: a reply that does
 * not fit is SERVER_REPLY_INVALID naming the field, and nothing of it is applied.
 */
import {
  LinliError,
  PROTOCOL_VERSION,
  PROTOCOL_VERSION_HEADER,
  PUSH_EVENT_CHANGES,
  PushChanges,
  ChangesPage,
  EnrollReply,
  PlayUploadReply,
  UsageUploadReply,
  deviceAuthorization,
  errorFromBody,
  parseWith,
  type CommandResult,
  type DeviceKind,
  type Heartbeat,
  type PlayUpload,
  type UsageUpload,
} from '@linli/protocol';
import type { Static, TSchema } from 'typebox';
import { createEventStreamParser } from './event-stream';
import type { ServerClock } from './server-clock';

export interface ServerClient {
  changes(cursor: number, limit?: number): Promise<ChangesPage>;
  heartbeat(beat: Heartbeat): Promise<void>;
  /** Answers a remote command; the server takes one answer per command. */
  reportCommand(id: string, result: CommandResult): Promise<void>;
  /** Proof of play (signage players); plays the server already has are not stored twice. */
  uploadPlays(upload: PlayUpload): Promise<PlayUploadReply>;
  /** Anonymous usage events (kiosks); events the server already has are counted once. */
  uploadUsage(upload: UsageUpload): Promise<UsageUploadReply>;
  /** Listens on the push channel until `signal` aborts or the connection drops (then it rejects). */
  listen(onChanges: (latestSeq: number) => void, signal: AbortSignal): Promise<void>;
}

export type FetchLike = typeof fetch;
const REQUEST_TIMEOUT_MS = 15_000;

/** Sends a request; only a failure to get any reply throws (SERVER_UNREACHABLE), whatever the status. */
export async function reach(fetchImpl: FetchLike, url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetchImpl(url, {
      ...init,
      headers: { [PROTOCOL_VERSION_HEADER]: String(PROTOCOL_VERSION), ...init.headers },
    });
  } catch (error) {
    throw new LinliError('SERVER_UNREACHABLE', `Cannot reach the admin server: ${(error as Error).message}`);
  }
}

/** The coded error a reply that is not ok stands for. */
export async function replyError(response: Response): Promise<LinliError> {
  const body = await response.json().catch(() => undefined);
  // What a utility or a payment caused is said as it is (the kiosk tells the resident which it was).
  const coded = errorFromBody(body);
  if (coded && /^(BILL|PAYMENT)_/.test(coded.code)) return coded;
  if (response.status >= 500)
    return new LinliError('SERVER_UNREACHABLE', `The admin server answered ${response.status}`);
  return errorFromBody(body) ?? new LinliError('INTERNAL', `Unexpected reply ${response.status} from the admin server`);
}

function parseReply<S extends TSchema>(schema: S, body: unknown): Static<S> {
  return parseWith(schema, body, 'SERVER_REPLY_INVALID');
}

async function request(fetchImpl: FetchLike, url: string, init: RequestInit): Promise<Response> {
  const response = await reach(fetchImpl, url, init);
  if (response.ok) return response;
  throw await replyError(response);
}

export async function enrollDevice(
  fetchImpl: FetchLike,
  serverUrl: string,
  code: string,
  name: string,
  kind: DeviceKind,
): Promise<EnrollReply> {
  const response = await request(fetchImpl, `${serverUrl}/api/v1/devices/enroll`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code, name, kind }),
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  return parseReply(EnrollReply, await response.json().catch(() => undefined));
}

export interface ServerClientDeps {
  fetch: FetchLike;
  serverUrl: string;
  deviceId: string;
  secret: string;
  /**
   * Aborted when the kiosk stops: every request under way ends at once and later ones are not
   * sent, so a stop never waits out REQUEST_TIMEOUT_MS for a server that does not answer.
   */
  stopSignal?: AbortSignal;
  /** Told the time each reply was written, so the device can follow the server's clock. */
  serverClock?: Pick<ServerClock, 'observe'>;
}

/**
 * Calls to the device API with the device's credentials: `call` for any request, `postJson` for a
 * JSON body, `reply` to check a reply's body against its schema. Not-ok replies throw coded errors.
 */
export function deviceApi(deps: ServerClientDeps) {
  const authorization = deviceAuthorization(deps.deviceId, deps.secret);
  const stopSignals = deps.stopSignal ? [deps.stopSignal] : [];
  const observing: FetchLike = async (input, init) => {
    const sentMs = Date.now();
    const response = await deps.fetch(input, init);
    deps.serverClock?.observe(response.headers.get('date'), sentMs, Date.now());
    return response;
  };
  const call = (path: string, init: RequestInit = {}) =>
    request(observing, `${deps.serverUrl}${path}`, {
      ...init,
      signal: AbortSignal.any([init.signal ?? AbortSignal.timeout(REQUEST_TIMEOUT_MS), ...stopSignals]),
      headers: { authorization, ...init.headers },
    });
  const postJson = (path: string, body: unknown) =>
    call(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const reply = async <S extends TSchema>(schema: S, response: Response): Promise<Static<S>> =>
    parseReply(schema, await response.json().catch(() => undefined));
  return { call, postJson, reply };
}

export function createServerClient(deps: ServerClientDeps): ServerClient {
  const { call, postJson } = deviceApi(deps);
  return {
    async changes(cursor, limit) {
      const query = new URLSearchParams({ cursor: String(cursor), ...(limit ? { limit: String(limit) } : {}) });
      const response = await call(`/api/v1/sync/changes?${query}`);
      return parseReply(ChangesPage, await response.json().catch(() => undefined));
    },
    async heartbeat(beat) {
      await postJson('/api/v1/devices/heartbeat', beat);
    },
    async reportCommand(id, result) {
      await postJson(`/api/v1/devices/commands/${encodeURIComponent(id)}/result`, result);
    },
    async uploadPlays(upload) {
      const response = await postJson('/api/v1/devices/plays', upload);
      return parseReply(PlayUploadReply, await response.json().catch(() => undefined));
    },
    async uploadUsage(upload) {
      const response = await postJson('/api/v1/devices/usage', upload);
      return parseReply(UsageUploadReply, await response.json().catch(() => undefined));
    },
    async listen(onChanges, signal) {
      const response = await call('/api/v1/sync/events', { signal });
      const parse = createEventStreamParser((event) => {
        // The push schema from protocol/ checks the event, so a garbled one fails loudly, not as NaN.
        if (event.event === PUSH_EVENT_CHANGES) onChanges(parseWith(PushChanges, JSON.parse(event.data)).latestSeq);
      });
      const decoder = new TextDecoder();
      try {
        for await (const chunk of response.body as AsyncIterable<Uint8Array>)
          parse(decoder.decode(chunk, { stream: true }));
      } catch (error) {
        if (signal.aborted) return;
        throw new LinliError('SERVER_UNREACHABLE', `Push channel dropped: ${(error as Error).message}`);
      }
      if (!signal.aborted) throw new LinliError('SERVER_UNREACHABLE', 'Push channel closed by the server');
    },
  };
}
