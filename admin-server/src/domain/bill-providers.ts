/**
 * 计费机构: the utilities connected by a configuration file (bills/http-provider), each serving the
 * subtree of one organisation node, stored in the database and managed by system administrators
 * (bill.providers, within their subtree) in the admin UI or with `npm run admin -- import-bill-providers FILE`. Every file is checked whole
 * before it is stored (BILL_PROVIDER_CONFIG_INVALID naming each bad field); secrets written into a
 * file are never shown back, and a secret sent back as shown keeps the stored one. The gateway asks
 * `served()` on every query: the fixed providers (the simulated utilities) and the connected ones as
 * last loaded — at start, after each change here, and on a timer for the changes of other servers.
 */
import {
  LinliError,
  type BillProviderConfig,
  SECRET_SHOWN,
  type BillProviderInput,
  type BillProviderView,
  type CircuitState,
} from '@linli/protocol';
import type { BillProvider } from '../bills/bill-provider';
import { createHttpProvider } from '../bills/http-provider';
import { readBillProviderConfig } from '../bills/http-provider-config';
import type { Database, Queryable } from '../db/database';
import { findOrg } from '../db/org-store';
import { inScope, type Actor } from './actor';
import type { AuditService } from './audit';
import type { ServedProvider } from './bill-gateway';
import type { Clock } from './clock';

export interface BillProviders {
  /** What the gateway serves: the fixed providers and the connected ones, as last loaded. */
  served(): ServedProvider[];
  /** Reads the connections again (another server may have changed them). */
  reload(): Promise<void>;
  list(actor: Actor): Promise<BillProviderView[]>;
  /** Connects a utility, or replaces the connection with the file's id. */
  save(actor: Actor, input: BillProviderInput): Promise<BillProviderView>;
  remove(actor: Actor, id: string): Promise<void>;
}

type ProviderRow = { id: string; org_id: number; config: string; updated_at: string; updated_by: string };

/** A connection as loaded: its provider, or why it could not be made (an ${env:NAME} gone, say). */
interface Loaded {
  row: ProviderRow;
  orgPath: string;
  orgName: string;
  provider?: BillProvider;
  problem?: string;
}

/** The secrets of a sign-in method: what is never shown back once written into a file. */
const SECRET_FIELDS = ['value', 'clientId', 'clientSecret'] as const;
const isReference = (value: unknown) => typeof value === 'string' && /^\$\{env:[^}]*\}$/.test(value);

/** The file as administrators see it again: every written secret replaced by SECRET_SHOWN. */
function shownConfig(raw: unknown): unknown {
  const config = structuredClone(raw) as { auth?: Record<string, unknown> };
  for (const field of SECRET_FIELDS)
    if (config.auth && typeof config.auth[field] === 'string' && !isReference(config.auth[field]))
      config.auth[field] = SECRET_SHOWN;
  return config;
}

/** The incoming file with each secret sent back as shown replaced by the one stored for its id. */
function withStoredSecrets(incoming: unknown, stored: unknown): unknown {
  // Not a file's object at all: left for the check to name.
  if (typeof incoming !== 'object' || incoming === null || typeof (incoming as { auth?: unknown }).auth !== 'object')
    return incoming;
  const config = structuredClone(incoming) as { auth?: Record<string, unknown> };
  const before = (stored as { auth?: Record<string, unknown> } | undefined)?.auth;
  for (const field of SECRET_FIELDS)
    if (config.auth?.[field] === SECRET_SHOWN && before && before.kind === config.auth.kind && field in before)
      config.auth[field] = before[field];
  return config;
}

const target = (id: string, org?: { id: number; path: string }) => ({
  type: 'bill-provider',
  id,
  orgId: org?.id ?? null,
  orgPath: org?.path ?? null,
});

export function createBillProviders(deps: {
  db: Database;
  clock: Clock;
  audit: AuditService;
  /** Where "${env:NAME}" secrets are read. */
  env: Record<string, string | undefined>;
  /** Providers that are not stored: the simulated utilities, when switched on. */
  fixed: ServedProvider[];
  /** A utility's circuit as the gateway sees it. */
  circuit: (providerId: string) => CircuitState | undefined;
  fetch?: typeof fetch;
  log?: (message: string) => void;
}): BillProviders {
  const { db, clock, audit } = deps;
  const log = deps.log ?? (() => undefined);
  let loaded: Loaded[] = [];
  let served: ServedProvider[] = deps.fixed;

  const build = (row: ProviderRow): Pick<Loaded, 'provider' | 'problem'> => {
    try {
      const config = readBillProviderConfig(JSON.parse(row.config), deps.env);
      return { provider: createHttpProvider(config, { clock, ...(deps.fetch && { fetch: deps.fetch }) }) };
    } catch (error) {
      const coded = error instanceof LinliError ? error : new LinliError('INTERNAL', String(error));
      const first = coded.details?.[0];
      return { problem: first ? `${first.path}: ${first.message}` : coded.message };
    }
  };

  const load = async (queryable: Queryable) => {
    const rows = await queryable.all<ProviderRow>('SELECT * FROM bill_providers ORDER BY id');
    const next: Loaded[] = [];
    for (const row of rows) {
      const org = await findOrg(queryable, Number(row.org_id));
      if (!org) continue;
      // A file unchanged since the last reading keeps its provider (and the token it holds).
      const before = loaded.find((entry) => entry.row.id === row.id && entry.row.config === row.config);
      const made = before ? { provider: before.provider, problem: before.problem } : build(row);
      if (made.problem && !before) log(`utility ${row.id} is not connected: ${made.problem}`);
      next.push({ row, orgPath: org.path, orgName: org.name, ...made });
    }
    loaded = next;
    served = [
      ...deps.fixed,
      ...next.flatMap((entry) => (entry.provider ? [{ provider: entry.provider, orgPaths: [entry.orgPath] }] : [])),
    ];
  };

  const view = (entry: Loaded): BillProviderView => {
    const raw = JSON.parse(entry.row.config) as Partial<BillProviderConfig>;
    return {
      id: entry.row.id,
      name: raw.name ?? entry.row.id,
      utility: raw.utility ?? 'water',
      orgId: Number(entry.row.org_id),
      orgName: entry.orgName,
      baseUrl: raw.baseUrl ?? '',
      authKind: raw.auth?.kind ?? 'none',
      config: shownConfig(raw),
      circuit: (entry.provider && deps.circuit(entry.row.id)) ?? 'closed',
      updatedAt: entry.row.updated_at,
      updatedBy: entry.row.updated_by,
      ...(entry.problem ? { problem: entry.problem } : {}),
    };
  };

  return {
    served: () => served,
    reload: () => load(db),

    async list(actor) {
      await audit.authorize(actor, 'bill.providers', 'bill-provider.list', {
        ...target('*', { id: actor.orgId, path: actor.orgPath }),
        orgPath: actor.orgPath,
      });
      await load(db);
      return loaded.filter((entry) => inScope(actor, entry.orgPath)).map(view);
    },

    async save(actor, input) {
      const id = typeof (input.config as { id?: unknown })?.id === 'string' ? (input.config as { id: string }).id : '?';
      const org = await findOrg(db, input.orgId);
      if (!org)
        throw new LinliError('VALIDATION_FAILED', `No organisation node ${input.orgId}`, [
          { path: '/orgId', message: 'no such node' },
        ]);
      await audit.authorize(actor, 'bill.providers', 'bill-provider.save', { ...target(id, org), orgPath: org.path });
      await db.transaction(async (tx) => {
        const before = await tx.get<ProviderRow>('SELECT * FROM bill_providers WHERE id = ?', [id]);
        const raw = withStoredSecrets(input.config, before && JSON.parse(before.config));
        // Checked whole, secrets resolved, before anything is stored (the stored file keeps references).
        const config = readBillProviderConfig(raw, deps.env);
        if (deps.fixed.some((served) => served.provider.id === config.id))
          throw new LinliError('VALIDATION_FAILED', `The id ${config.id} is taken by a built-in utility`, [
            { path: '/id', message: `${config.id} is the id of a built-in (simulated) utility` },
          ]);
        for (const other of await tx.all<ProviderRow>('SELECT * FROM bill_providers WHERE org_id = ? AND id <> ?', [
          org.id,
          config.id,
        ])) {
          const otherConfig = JSON.parse(other.config) as { utility?: string; name?: string };
          if (otherConfig.utility === config.utility)
            throw new LinliError('VALIDATION_FAILED', `${otherConfig.name} already serves ${config.utility} there`, [
              {
                path: '/orgId',
                message: `${otherConfig.name ?? other.id} (${other.id}) already serves ${config.utility} at ${org.name}`,
              },
            ]);
        }
        const now = clock().toISOString();
        const stored = JSON.stringify(raw);
        if (before)
          await tx.run(
            'UPDATE bill_providers SET org_id = ?, config = ?, updated_at = ?, updated_by = ? WHERE id = ?',
            [org.id, stored, now, actor.username, config.id],
          );
        else
          await tx.run(
            'INSERT INTO bill_providers (id, org_id, config, updated_at, updated_by) VALUES (?, ?, ?, ?, ?)',
            [config.id, org.id, stored, now, actor.username],
          );
        const described = (providerConfig: Partial<BillProviderConfig>, orgId: number) => ({
          name: providerConfig.name,
          utility: providerConfig.utility,
          baseUrl: providerConfig.baseUrl,
          authKind: providerConfig.auth?.kind,
          orgId,
        });
        await audit.record(
          tx,
          actor,
          before ? 'bill-provider.update' : 'bill-provider.create',
          target(config.id, org),
          {
            ...(before ? { before: described(JSON.parse(before.config), Number(before.org_id)) } : {}),
            after: described(config, org.id),
          },
        );
      });
      await load(db);
      return view(loaded.find((entry) => entry.row.id === id)!);
    },

    async remove(actor, id) {
      // Authorised before the transaction: a refusal is written to the trail on its own.
      const found = await db.get<ProviderRow>('SELECT * FROM bill_providers WHERE id = ?', [id]);
      const org = found && (await findOrg(db, Number(found.org_id)));
      if (!found || !org) throw new LinliError('NOT_FOUND', `No connected utility ${id}`);
      await audit.authorizeChange(actor, 'bill.providers', 'bill-provider.remove', {
        ...target(id, org),
        orgPath: org.path,
      });
      await db.transaction(async (tx) => {
        const before = await tx.get<ProviderRow>('SELECT * FROM bill_providers WHERE id = ?', [id]);
        if (!before) throw new LinliError('NOT_FOUND', `No connected utility ${id}`);
        await tx.run('DELETE FROM bill_providers WHERE id = ?', [id]);
        const config = JSON.parse(before.config) as Partial<BillProviderConfig>;
        await audit.record(tx, actor, 'bill-provider.remove', target(id, org), {
          before: { name: config.name, utility: config.utility, baseUrl: config.baseUrl, orgId: Number(before.org_id) },
        });
      });
      await load(db);
    },
  };
}
