/**
 * A utility's HTTP/JSON API as a BillProvider, connected by a configuration file alone (what the
 * file means — requests, "not found", reading replies — is decided in http-provider-config.ts; this
 * is the I/O around it).
 *
 * - Sign-in: none, a fixed header, or OAuth2 client credentials (RFC 6749 §4.4: a form POST of
 *   grant_type=client_credentials with HTTP Basic client authentication). A token is kept until
 *   shortly before its expires_in (until refused when the utility gives none), shared by the calls
 *   made meanwhile, and fetched again once when the API answers 401.
 * - One deadline per call (the configuration's timeoutMs, the token included), combined with the
 *   caller's AbortSignal: the deadline passing is BILL_PROVIDER_TIMEOUT; the caller aborting rejects
 *   with the caller's reason.
 * - No answer, HTTP 5xx, 401/403 (after the retry), 408 and 429 are BILL_PROVIDER_UNAVAILABLE; other
 *   statuses, redirects (never followed), bodies over HTTP_PROVIDER_MAX_REPLY_BYTES, bodies that are
 *   not JSON and replies that do not fit the mapping are BILL_PROVIDER_REPLY_INVALID; the
 *   configuration's notFound rules are BILL_ACCOUNT_UNKNOWN (for accountsForIdNumber: no accounts).
 * - Nothing is logged, and no error carries a value from a reply or a request's address (which
 *   holds account and ID numbers): only codes, statuses and the configuration's field names.
 */
import { LinliError, type BillProviderConfig } from '@linli/protocol';
import type { Clock } from '../domain/clock';
import type { BillProvider } from './bill-provider';
import { compileBillProviderConfig, type BuiltRequest, type CompiledOperation } from './http-provider-config';
import { readAtMost } from '../outbound/read-at-most';

/** The largest reply body read; a longer one is refused. */
export const HTTP_PROVIDER_MAX_REPLY_BYTES = 1024 * 1024;
const USER_AGENT = 'Linli admin server (bill provider)';
/** A token is fetched again this long before it expires (at most a tenth of its life). */
const TOKEN_MARGIN_MS = 60_000;
/** Statuses that say the utility cannot serve now (retried by the gateway). */
const UNAVAILABLE_STATUSES = new Set([401, 403, 408, 429]);

export interface HttpProviderDeps {
  /** The global fetch when absent. */
  fetch?: typeof fetch;
  /** When a token expires is measured by it. */
  clock: Clock;
}

interface Token {
  header: string;
  /** When to fetch a new one (ms since the epoch); undefined: keep it until it is refused. */
  renewAt: number | undefined;
}

/** What one HTTP exchange brought back; `reply` is undefined when the body is not JSON or too large. */
interface Answer {
  status: number;
  reply: unknown;
  tooLarge: boolean;
}

export function createHttpProvider(config: BillProviderConfig, deps: HttpProviderDeps): BillProvider {
  const compiled = compileBillProviderConfig(config);
  const send = deps.fetch ?? fetch;
  const { name, auth } = config;
  let token: Token | undefined;
  let tokenUnderway: Promise<Token> | undefined;

  const fetchToken = async (): Promise<Token> => {
    if (auth.kind !== 'oauth2-client-credentials') throw new Error('no token for this sign-in method');
    const timeout = AbortSignal.timeout(config.timeoutMs);
    const form = new URLSearchParams({
      grant_type: 'client_credentials',
      ...(auth.scope ? { scope: auth.scope } : {}),
    });
    const basic = Buffer.from(`${formEncoded(auth.clientId)}:${formEncoded(auth.clientSecret)}`).toString('base64');
    let answer: Answer;
    try {
      answer = await exchange(
        send,
        auth.tokenUrl,
        {
          method: 'POST',
          headers: {
            accept: 'application/json',
            'user-agent': USER_AGENT,
            authorization: `Basic ${basic}`,
            'content-type': 'application/x-www-form-urlencoded',
          },
          body: form.toString(),
        },
        timeout,
      );
    } catch (error) {
      throw timeout.aborted
        ? new LinliError('BILL_PROVIDER_TIMEOUT', `${name} did not hand out a token within ${config.timeoutMs} ms`)
        : unreachable(name, error);
    }
    const { status, reply } = answer;
    if (status >= 500 || status === 408 || status === 429)
      throw new LinliError('BILL_PROVIDER_UNAVAILABLE', `${name}'s token endpoint answered HTTP ${status}`);
    if (status === 400 || status === 401 || status === 403)
      throw new LinliError(
        'BILL_PROVIDER_UNAVAILABLE',
        `${name} refused the client credentials (HTTP ${status}): check clientId and clientSecret`,
      );
    const tokenInvalid = (message: string) =>
      new LinliError('BILL_PROVIDER_REPLY_INVALID', `${name}'s token endpoint: ${message}`, [
        { path: '/auth/tokenUrl', message },
      ]);
    if (status < 200 || status > 299) throw tokenInvalid(`answered HTTP ${status}`);
    const fields = (typeof reply === 'object' && reply !== null ? reply : {}) as Record<string, unknown>;
    const { access_token: accessToken, token_type: tokenType, expires_in: expiresIn } = fields;
    if (typeof accessToken !== 'string' || !/^[\x21-\x7e]{1,4096}$/.test(accessToken))
      throw tokenInvalid('the reply has no usable access_token');
    if (tokenType !== undefined && (typeof tokenType !== 'string' || tokenType.toLowerCase() !== 'bearer'))
      throw tokenInvalid('the token_type is not Bearer');
    const lifetimeSec =
      typeof expiresIn === 'string' && /^\d{1,9}$/.test(expiresIn) ? Number(expiresIn) : (expiresIn ?? undefined);
    if (lifetimeSec !== undefined && (typeof lifetimeSec !== 'number' || !(lifetimeSec >= 0)))
      throw tokenInvalid('expires_in is not a number of seconds');
    const lifetimeMs = lifetimeSec === undefined ? undefined : lifetimeSec * 1000;
    return {
      header: `Bearer ${accessToken}`,
      renewAt:
        lifetimeMs === undefined
          ? undefined
          : deps.clock().getTime() + lifetimeMs - Math.min(TOKEN_MARGIN_MS, lifetimeMs / 10),
    };
  };

  /** The kept token while it is good, else the one being fetched (one fetch for every call waiting). */
  const currentToken = (signal: AbortSignal): Promise<Token> => {
    const kept = token;
    if (kept && (kept.renewAt === undefined || deps.clock().getTime() < kept.renewAt)) return Promise.resolve(kept);
    tokenUnderway ??= (async () => {
      try {
        return (token = await fetchToken());
      } finally {
        tokenUnderway = undefined;
      }
    })();
    return abortable(tokenUnderway, signal);
  };

  /** The sign-in headers, and the token they carry (to be dropped if refused). */
  const signIn = async (signal: AbortSignal): Promise<{ headers: Record<string, string>; token?: Token }> => {
    if (auth.kind === 'none') return { headers: {} };
    if (auth.kind === 'header') return { headers: { [auth.header]: auth.value } };
    const used = await currentToken(signal);
    return { headers: { authorization: used.header }, token: used };
  };

  /** One operation: its request, signed in, within the deadline; undefined when the utility says "not found". */
  const call = async <In, Out>(
    operation: CompiledOperation<In, Out>,
    input: In,
    signal: AbortSignal,
  ): Promise<{ found: true; value: Out } | { found: false }> => {
    signal.throwIfAborted();
    const request = operation.request(input);
    const timeout = AbortSignal.timeout(config.timeoutMs);
    const both = AbortSignal.any([signal, timeout]);
    let answer: Answer;
    try {
      let signedIn = await signIn(both);
      answer = await exchange(send, request.url, requestInit(request, signedIn.headers), both);
      if (answer.status === 401 && signedIn.token) {
        if (token === signedIn.token) token = undefined;
        signedIn = await signIn(both);
        answer = await exchange(send, request.url, requestInit(request, signedIn.headers), both);
      }
    } catch (error) {
      if (error instanceof LinliError) throw error;
      if (signal.aborted) throw signal.reason;
      if (timeout.aborted)
        throw new LinliError('BILL_PROVIDER_TIMEOUT', `${name} did not answer within ${config.timeoutMs} ms`);
      throw unreachable(name, error);
    }
    const { status, reply, tooLarge } = answer;
    const where = `/operations/${operation.operation}`;
    if (operation.isNotFound(status, reply)) return { found: false };
    if (status >= 500 || UNAVAILABLE_STATUSES.has(status))
      throw new LinliError('BILL_PROVIDER_UNAVAILABLE', `${name} answered ${operation.operation} with HTTP ${status}`);
    if (status < 200 || status > 299) {
      const message =
        status >= 300 && status < 400
          ? `answered HTTP ${status}, a redirect, which is not followed`
          : `answered HTTP ${status}`;
      throw new LinliError('BILL_PROVIDER_REPLY_INVALID', `${name} ${message} to ${operation.operation}`, [
        { path: `${where}/request`, message },
      ]);
    }
    if (tooLarge || reply === undefined) {
      const message = tooLarge
        ? `the reply is larger than ${HTTP_PROVIDER_MAX_REPLY_BYTES / 1024 / 1024} MiB`
        : 'the reply is not JSON';
      throw new LinliError('BILL_PROVIDER_REPLY_INVALID', `${name} answered ${operation.operation}: ${message}`, [
        { path: `${where}/response`, message },
      ]);
    }
    return { found: true, value: operation.read(reply) };
  };

  return {
    id: config.id,
    name,
    utility: config.utility,

    async lookupAccount(accountNumber, signal) {
      const result = await call(compiled.lookupAccount, { accountNumber }, signal);
      if (!result.found) throw new LinliError('BILL_ACCOUNT_UNKNOWN');
      return { accountNumber, ...result.value };
    },

    async accountsForIdNumber(idNumber, signal) {
      const result = await call(compiled.accountsForIdNumber, { idNumber }, signal);
      return result.found ? result.value : [];
    },

    async recordPayment(payment, signal) {
      const result = await call(compiled.recordPayment, payment, signal);
      if (!result.found) throw new LinliError('BILL_ACCOUNT_UNKNOWN');
      return result.value;
    },
  };
}

function requestInit(request: BuiltRequest, signIn: Record<string, string>): RequestInit {
  return {
    method: request.method,
    headers: {
      accept: 'application/json',
      'user-agent': USER_AGENT,
      ...(request.body !== undefined ? { 'content-type': 'application/json; charset=utf-8' } : {}),
      ...signIn,
    },
    ...(request.body !== undefined ? { body: request.body } : {}),
  };
}

/** Sends a request and reads its body, at most HTTP_PROVIDER_MAX_REPLY_BYTES, as JSON if it is JSON. */
async function exchange(send: typeof fetch, url: string, init: RequestInit, signal: AbortSignal): Promise<Answer> {
  const response = await send(url, { ...init, redirect: 'manual', signal });
  const bytes = await readAtMost(response, HTTP_PROVIDER_MAX_REPLY_BYTES);
  if (bytes === undefined) return { status: response.status, reply: undefined, tooLarge: true };
  let reply: unknown;
  try {
    reply = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    reply = undefined;
  }
  return { status: response.status, reply, tooLarge: false };
}

/** Resolves or rejects as `work` does, or rejects with the signal's reason as soon as it aborts. */
function abortable<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/** RFC 6749 Appendix B: client credentials are form-encoded before Basic authentication. */
const formEncoded = (text: string) => new URLSearchParams({ v: text }).toString().slice(2);

/** No answer: the system's error code (ECONNREFUSED…) says why; never the address, which holds account numbers. */
function unreachable(name: string, error: unknown): LinliError {
  const code = (error as { cause?: { code?: unknown } } | null)?.cause?.code;
  const why = typeof code === 'string' && /^[A-Z_]{2,40}$/.test(code) ? code : 'no answer';
  return new LinliError('BILL_PROVIDER_UNAVAILABLE', `${name} cannot be reached (${why})`);
}
