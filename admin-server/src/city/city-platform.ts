/**
 * The city's citizen-voice platform (市民心声/12345) as the case forwarding sees it: one interface,
 * and the webhook adapter (protocol/city-platform: the case POSTed as JSON, signed with
 * HMAC-SHA256 under the shared secret; the platform answers its own id). A platform that cannot be
 * reached, times out or answers 5xx is CITY_PLATFORM_UNAVAILABLE (sent again later); one that
 * refuses the case (4xx) is CITY_PLATFORM_REFUSED (not sent again).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import {
  CITY_SIGNATURE_HEADER,
  CITY_SIGNATURE_MAX_AGE_SEC,
  CityForwardReply,
  LinliError,
  parseWith,
  type CityForward,
} from '@linli/protocol';
import { readAtMost } from '../outbound/read-at-most';

export interface CityPlatform {
  readonly name: string;
  /** Sends a case; answers its id at the platform. */
  forward(forward: CityForward): Promise<string>;
  /** A platform that does not post its updates is asked (undefined: it does not know the id). */
  statusOf?(externalId: string): Promise<{ closed: boolean; notes: string } | undefined>;
}

/** `t=<unix seconds>,v1=<hex>`: the signature header of `body` sent at `unixSeconds`. */
export function citySignature(secret: string, body: string, unixSeconds: number): string {
  const mac = createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex');
  return `t=${unixSeconds},v1=${mac}`;
}

/** Whether `header` signs `body` under `secret`, no older (or newer) than the allowed age. */
export function verifyCitySignature(secret: string, header: string | undefined, body: string, nowSeconds: number) {
  const match = /^t=(\d{1,12}),v1=([0-9a-f]{64})$/.exec(header ?? '');
  if (!match || Math.abs(nowSeconds - Number(match[1])) > CITY_SIGNATURE_MAX_AGE_SEC) return false;
  const expected = Buffer.from(citySignature(secret, body, Number(match[1])));
  const given = Buffer.from(header!);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

const REPLY_MAX_BYTES = 16 * 1024;

export function createWebhookPlatform(deps: {
  name: string;
  /** A function when the address is known only once this server listens (the simulated platform). */
  url: string | (() => string);
  secret: string;
  fetch?: typeof fetch;
  clock?: () => Date;
  timeoutMs?: number;
}): CityPlatform {
  const fetchImpl = deps.fetch ?? fetch;
  const clock = deps.clock ?? (() => new Date());
  return {
    name: deps.name,
    async forward(forward) {
      const body = JSON.stringify(forward);
      let response: Response;
      try {
        response = await fetchImpl(typeof deps.url === 'string' ? deps.url : deps.url(), {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            [CITY_SIGNATURE_HEADER]: citySignature(deps.secret, body, Math.floor(clock().getTime() / 1000)),
          },
          body,
          signal: AbortSignal.timeout(deps.timeoutMs ?? 10_000),
        });
      } catch (error) {
        throw new LinliError('CITY_PLATFORM_UNAVAILABLE', `${deps.name}: ${(error as Error).message}`);
      }
      const bytes = await readAtMost(response, REPLY_MAX_BYTES);
      if (response.status >= 500)
        throw new LinliError('CITY_PLATFORM_UNAVAILABLE', `${deps.name} answered ${response.status}`);
      if (!response.ok) throw new LinliError('CITY_PLATFORM_REFUSED', `${deps.name} answered ${response.status}`);
      let json: unknown;
      try {
        json = JSON.parse(Buffer.from(bytes ?? new Uint8Array()).toString('utf8'));
      } catch {
        throw new LinliError('CITY_PLATFORM_UNAVAILABLE', `${deps.name} answered something that is not JSON`);
      }
      return parseWith(CityForwardReply, json, 'CITY_PLATFORM_UNAVAILABLE').externalId;
    },
  };
}

/**
 * A city platform that speaks Open311 GeoReport v2 (the server's own /open311/v2/ is one): a case
 * POSTed form-encoded with the platform's api_key under the service code of its category, and its
 * status asked again by id (`statusOf`) until the platform closes it. Errors as the webhook's.
 */
export function createOpen311Platform(deps: {
  name: string;
  /** …/open311/v2, without the trailing slash. */
  baseUrl: string;
  apiKey: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
}): CityPlatform {
  const fetchImpl = deps.fetch ?? fetch;
  const ask = async (path: string, init: RequestInit = {}) => {
    let response: Response;
    try {
      response = await fetchImpl(`${deps.baseUrl}${path}`, {
        ...init,
        signal: AbortSignal.timeout(deps.timeoutMs ?? 10_000),
      });
    } catch (error) {
      throw new LinliError('CITY_PLATFORM_UNAVAILABLE', `${deps.name}: ${(error as Error).message}`);
    }
    const bytes = await readAtMost(response, REPLY_MAX_BYTES);
    if (response.status >= 500)
      throw new LinliError('CITY_PLATFORM_UNAVAILABLE', `${deps.name} answered ${response.status}`);
    let json: unknown;
    try {
      json = JSON.parse(Buffer.from(bytes ?? new Uint8Array()).toString('utf8'));
    } catch {
      throw new LinliError('CITY_PLATFORM_UNAVAILABLE', `${deps.name} answered something that is not JSON`);
    }
    return { status: response.status, json };
  };
  const first = (json: unknown) => (Array.isArray(json) ? (json[0] as Record<string, unknown> | undefined) : undefined);
  return {
    name: deps.name,
    async forward(forward) {
      const name = forward.contact?.name ?? '';
      const form = new URLSearchParams({
        api_key: deps.apiKey,
        service_code: forward.category.replaceAll('/', '_'),
        description: forward.description,
        'attribute[nature]': forward.nature,
        'attribute[urgency]': forward.urgency,
        ...(forward.location?.text && { address_string: forward.location.text }),
        ...(forward.location?.lat !== undefined && {
          lat: String(forward.location.lat),
          long: String(forward.location.long),
        }),
        // Some platforms want a place whatever: the node it was taken at stands for it.
        ...(!forward.location?.text && forward.location?.lat === undefined && { address_string: forward.takenAt.name }),
        ...(forward.contact?.phone && { phone: forward.contact.phone }),
        // Chinese names: the family name first.
        ...(name && { last_name: name.slice(0, 1), first_name: name.slice(1) }),
      });
      const { status, json } = await ask('/requests.json', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
        body: form.toString(),
      });
      const id = first(json)?.service_request_id;
      if (status >= 400 || typeof id !== 'string')
        throw new LinliError(
          'CITY_PLATFORM_REFUSED',
          `${deps.name} answered ${status}: ${JSON.stringify(json).slice(0, 200)}`,
        );
      return id;
    },
    async statusOf(externalId) {
      const { status, json } = await ask(`/requests/${encodeURIComponent(externalId)}.json`);
      const request = first(json);
      if (status >= 400 || !request) return undefined;
      return { closed: request.status === 'closed', notes: String(request.status_notes ?? '') };
    },
  };
}
