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
