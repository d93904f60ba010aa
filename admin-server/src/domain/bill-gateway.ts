/**
 * The bill gateway: kiosks and clerk desks ask it live for a utility account, and it asks the
 * utility's provider adapter (admin-server/src/bills/) — with a timeout, a retry when the utility
 * could not be reached, a circuit breaker per utility and a short cache whose replies keep the time
 * the utility answered. What it returns is masked; every query is audited with the account number
 * hashed (keyed, so the trail cannot be searched by guessing numbers) and the result code only:
 * no names, addresses or amounts reach the audit trail or the log.
 */
import {
  BillAccount,
  LinliError,
  maskAccountNumber,
  maskAddress,
  maskName,
  parseWith,
  type BillQuery,
  type BoundAccounts,
  type BoundAccountsQuery,
  type ErrorCode,
  type Utility,
} from '@linli/protocol';
import type { BillProvider, ProviderAccount } from '../bills/bill-provider';
import { createCircuitBreaker, type CircuitBreaker } from '../bills/circuit-breaker';
import type { Database } from '../db/database';
import { writeAudit } from './audit';
import { createKeyedHash } from './keyed-hash';
import type { Clock } from './clock';

/** Who asks: a kiosk (`device:<id>`) or a clerk (their user name), at which node, from where. */
export interface BillCaller {
  actor: string;
  orgId: number;
  orgPath: string;
  from: string;
}

/** A provider and the organisation subtrees it serves (none named: everywhere). */
export interface ServedProvider {
  provider: BillProvider;
  orgPaths: string[];
}

export interface BillGatewayOptions {
  /** How long one call to a utility may take. */
  timeoutMs: number;
  /** Calls again after this long (doubled each time) when the utility could not be reached. */
  retryMs: number;
  retries: number;
  /** How long a looked-up account is answered from memory. */
  cacheSec: number;
  /** Failures in a row that open a utility's circuit, and for how long. */
  breakerFailures: number;
  breakerOpenMs: number;
}

export const BILL_GATEWAY_DEFAULTS: BillGatewayOptions = {
  timeoutMs: 8000,
  retryMs: 250,
  retries: 1,
  cacheSec: 60,
  breakerFailures: 5,
  breakerOpenMs: 30_000,
};

export interface BillGateway {
  /** The utilities that can be queried at the caller's node, with who provides each. */
  utilities(caller: BillCaller): { utility: Utility; provider: { id: string; name: string } }[];
  lookup(caller: BillCaller, query: BillQuery): Promise<BillAccount>;
  /** The accounts bound to an ID number (asked only after the resident consented on the screen). */
  boundAccounts(caller: BillCaller, query: BoundAccountsQuery): Promise<BoundAccounts>;
  /** A utility's circuit, for the operators' view. */
  circuit(providerId: string): ReturnType<CircuitBreaker['state']> | undefined;
  /** The utility serving the caller's place; BILL_PROVIDER_UNAVAILABLE when none is connected. */
  providerAt(caller: BillCaller, utility: Utility): BillProvider;
  /** A provider by id (payments name the one they were made with). */
  providerById(id: string): BillProvider | undefined;
  /** One call to a utility through its breaker, with the timeout and the retry after an outage. */
  call<T>(provider: BillProvider, work: (signal: AbortSignal) => Promise<T>): Promise<T>;
  /** The audit trail's keyed hash of a value (an account number). */
  hashed(value: string): Promise<string>;
}

/**
 * What leaves the server of a utility's answer: masked, the last 12 months, with the time the
 * utility answered; checked against the protocol (BILL_PROVIDER_REPLY_INVALID naming the field).
 */
export function shownAccount(provider: BillProvider, account: ProviderAccount, fetchedAt: Date): BillAccount {
  return parseWith(
    BillAccount,
    {
      utility: provider.utility,
      provider: { id: provider.id, name: provider.name },
      accountMasked: maskAccountNumber(account.accountNumber),
      holderMasked: maskName(account.holderName),
      addressMasked: maskAddress(account.address),
      status: account.status,
      amountDueFen: account.amountDueFen,
      ...(account.currentBill ? { currentBill: account.currentBill } : {}),
      history: account.history.slice(-12),
      fetchedAt: fetchedAt.toISOString(),
    },
    'BILL_PROVIDER_REPLY_INVALID',
  );
}

/** The failures that say the utility is down or slow (retried, and counted by the breaker). */
const OUTAGES: ReadonlySet<ErrorCode> = new Set(['BILL_PROVIDER_UNAVAILABLE', 'BILL_PROVIDER_TIMEOUT']);
const ACCOUNT_KEY_SETTING = 'bill-account-key';

export function createBillGateway(deps: {
  db: Database;
  clock: Clock;
  /** The providers as they stand now (connections change while the server runs). */
  providers: () => ServedProvider[];
  options?: Partial<BillGatewayOptions>;
  /** Waits between retries (tests pass one that does not wait). */
  delay?: (ms: number) => Promise<void>;
}): BillGateway {
  const { db, clock } = deps;
  const options = { ...BILL_GATEWAY_DEFAULTS, ...deps.options };
  const delay = deps.delay ?? ((ms) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const breakers = new Map<string, CircuitBreaker>();
  const breakerOf = (providerId: string) => {
    let breaker = breakers.get(providerId);
    if (!breaker) {
      breaker = createCircuitBreaker({ clock, failures: options.breakerFailures, openMs: options.breakerOpenMs });
      breakers.set(providerId, breaker);
    }
    return breaker;
  };
  const cache = new Map<string, { account: BillAccount; storedAt: number }>();
  /** Account numbers on the audit trail are hashed under the deployment's key. */
  const hashed = createKeyedHash(db, ACCOUNT_KEY_SETTING);

  /** The provider for a utility at a node: the one serving the deepest subtree that holds it. */
  const providerFor = (utility: Utility, orgPath: string): BillProvider | undefined => {
    let best: { provider: BillProvider; depth: number } | undefined;
    for (const served of deps.providers()) {
      if (served.provider.utility !== utility) continue;
      const depths =
        served.orgPaths.length === 0 ? [0] : served.orgPaths.filter((p) => orgPath.startsWith(p)).map((p) => p.length);
      for (const depth of depths) if (!best || depth > best.depth) best = { provider: served.provider, depth };
    }
    return best?.provider;
  };
  const mustProvide = (utility: Utility, caller: BillCaller) => {
    const provider = providerFor(utility, caller.orgPath);
    if (!provider)
      throw new LinliError('BILL_PROVIDER_UNAVAILABLE', `No ${utility} utility is connected for this place`);
    return provider;
  };

  /** One call to a utility, through its breaker, with a timeout and retries after outages. */
  const call = async <T>(provider: BillProvider, work: (signal: AbortSignal) => Promise<T>): Promise<T> => {
    const breaker = breakerOf(provider.id);
    for (let attempt = 0; ; attempt++) {
      if (!breaker.allows())
        throw new LinliError(
          'BILL_PROVIDER_UNAVAILABLE',
          `${provider.name} failed repeatedly; calls pause for a while`,
        );
      const timeout = new AbortController();
      const timer = setTimeout(() => timeout.abort(), options.timeoutMs);
      try {
        const result = await Promise.race([
          work(timeout.signal),
          new Promise<never>((_resolve, reject) =>
            timeout.signal.addEventListener('abort', () =>
              reject(
                new LinliError(
                  'BILL_PROVIDER_TIMEOUT',
                  `${provider.name} did not answer within ${options.timeoutMs} ms`,
                ),
              ),
            ),
          ),
        ]);
        breaker.succeeded();
        return result;
      } catch (error) {
        const coded =
          error instanceof LinliError
            ? error
            : new LinliError('BILL_PROVIDER_REPLY_INVALID', `${provider.name}: the adapter failed`, undefined, {
                cause: error,
              });
        if (!OUTAGES.has(coded.code)) {
          breaker.succeeded();
          throw coded;
        }
        breaker.failed();
        // A timeout is not retried: the resident has waited long enough already.
        if (coded.code === 'BILL_PROVIDER_TIMEOUT' || attempt >= options.retries) throw coded;
        await delay(options.retryMs * 2 ** attempt);
      } finally {
        clearTimeout(timer);
        timeout.abort();
      }
    }
  };

  const audit = async (
    caller: BillCaller,
    action: 'bill.query' | 'bill.accounts',
    subject: string,
    after: Record<string, unknown>,
    failure?: LinliError,
  ) =>
    writeAudit(
      db,
      {
        actor: caller.actor,
        action,
        target: { type: 'bill-account', id: await hashed(subject), orgId: caller.orgId, orgPath: caller.orgPath },
        from: caller.from,
        outcome: failure ? 'failed' : 'ok',
        after: { ...after, result: failure?.code ?? 'ok' },
      },
      clock(),
    );

  return {
    utilities(caller) {
      return (['water', 'electricity', 'gas'] as const).flatMap((utility) => {
        const provider = providerFor(utility, caller.orgPath);
        return provider ? [{ utility, provider: { id: provider.id, name: provider.name } }] : [];
      });
    },

    async lookup(caller, query) {
      const provider = mustProvide(query.utility, caller);
      const key = `${provider.id}\u0000${query.accountNumber}`;
      const now = clock().getTime();
      for (const [stale, entry] of cache) if (now - entry.storedAt >= options.cacheSec * 1000) cache.delete(stale);
      const cached = cache.get(key);
      const subject = `${provider.utility}:${query.accountNumber}`;
      if (cached) {
        await audit(caller, 'bill.query', subject, { utility: provider.utility, provider: provider.id, cached: true });
        return cached.account;
      }
      try {
        const account = shownAccount(
          provider,
          await call(provider, (signal) => provider.lookupAccount(query.accountNumber, signal)),
          clock(),
        );
        cache.set(key, { account, storedAt: clock().getTime() });
        await audit(caller, 'bill.query', subject, { utility: provider.utility, provider: provider.id, cached: false });
        return account;
      } catch (error) {
        const coded =
          error instanceof LinliError ? error : new LinliError('INTERNAL', undefined, undefined, { cause: error });
        await audit(caller, 'bill.query', subject, { utility: provider.utility, provider: provider.id }, coded);
        throw coded;
      }
    },

    async boundAccounts(caller, query) {
      const provider = mustProvide(query.utility, caller);
      const subject = `id:${query.idNumber}`;
      try {
        const numbers = await call(provider, (signal) => provider.accountsForIdNumber(query.idNumber, signal));
        const accounts = numbers.slice(0, 20).map((accountNumber) => ({
          accountNumber,
          accountMasked: maskAccountNumber(accountNumber),
        }));
        await audit(caller, 'bill.accounts', subject, {
          utility: provider.utility,
          provider: provider.id,
          accounts: accounts.length,
        });
        return { accounts };
      } catch (error) {
        const coded =
          error instanceof LinliError ? error : new LinliError('INTERNAL', undefined, undefined, { cause: error });
        await audit(caller, 'bill.accounts', subject, { utility: provider.utility, provider: provider.id }, coded);
        throw coded;
      }
    },

    circuit: (providerId) => breakers.get(providerId)?.state(),
    providerAt: (caller, utility) => mustProvide(utility, caller),
    providerById: (id) => deps.providers().find((served) => served.provider.id === id)?.provider,
    call,
    hashed,
  };
}
