/**
 * PostgreSQL backend (node-postgres pool), for districts that outgrow one machine. While the
 * database is away (restarted, failed over) a query is DATABASE_UNAVAILABLE (503, worth trying
 * again), connections it broke are dropped from the pool, and the pool connects afresh when it is back.
 */
import { LinliError } from '@linli/protocol';
import pg from 'pg';
import type { Database, Queryable, SqlValue, Transaction } from './database';

// Bigint counts and sequence numbers come back as numbers; ours stay far below 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

/** `?` placeholders become `$1, $2, …` (our SQL never contains a literal question mark). */
export function numberPlaceholders(sql: string): string {
  let index = 0;
  return sql.replace(/\?/g, () => `$${++index}`);
}

const CHANGE_LOG_LOCK_KEY = 7300;

/** SQLSTATE classes and socket errors that mean the server is not there, not that the query is wrong. */
const GONE_STATES = /^(08|57P0[123])/;
const GONE_ERRNOS = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN']);

/** Whether `error` says the database could not be reached (or went away under the query). */
export function databaseGone(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: string; message?: string };
  return (
    (code !== undefined && (GONE_STATES.test(code) || GONE_ERRNOS.has(code))) ||
    /Connection terminated|Client has encountered a connection error|connection timeout/i.test(message ?? '')
  );
}

/** The database's absence as a coded error; any other error as it is. */
function coded(error: unknown): unknown {
  return databaseGone(error)
    ? new LinliError('DATABASE_UNAVAILABLE', 'The database cannot be reached now', undefined, { cause: error })
    : error;
}

async function query(client: pg.Pool | pg.PoolClient, sql: string, params: SqlValue[]) {
  try {
    return await client.query(numberPlaceholders(sql), params);
  } catch (error) {
    throw coded(error);
  }
}

function queriesOn(client: pg.Pool | pg.PoolClient): Queryable {
  return {
    all: async <T>(sql: string, params: SqlValue[] = []) => (await query(client, sql, params)).rows as T[],
    get: async <T>(sql: string, params: SqlValue[] = []) => (await query(client, sql, params)).rows[0] as T | undefined,
    run: async (sql: string, params: SqlValue[] = []) => ({
      changes: (await query(client, sql, params)).rowCount ?? 0,
    }),
  };
}

/**
 * `schema` confines the connection to one schema (tests use a fresh schema each). `onIdleError` is
 * told when the server drops a connection the pool was keeping (a restart): the pool forgets it.
 */
export function openPostgres(
  url: string,
  options: { schema?: string; onIdleError?: (error: Error) => void } = {},
): Database {
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    connectionTimeoutMillis: 5000,
    ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
  });
  pool.on(
    'error',
    options.onIdleError ?? ((error) => console.error(`PostgreSQL dropped an idle connection: ${error.message}`)),
  );
  return {
    dialect: 'postgres',
    ...queriesOn(pool),
    async transaction(work) {
      const client = await pool.connect().catch((error: unknown) => Promise.reject(coded(error)));
      // A connection the server broke must not go back to the pool for the next transaction.
      let broken = false;
      const markBroken = () => (broken = true);
      client.on('error', markBroken);
      try {
        await query(client, 'BEGIN', []);
        const tx: Transaction = {
          ...queriesOn(client),
          lockChangeLog: async () =>
            void (await client.query('SELECT pg_advisory_xact_lock($1)', [CHANGE_LOG_LOCK_KEY])),
        };
        const result = await work(tx);
        await query(client, 'COMMIT', []);
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => (broken = true));
        throw coded(error);
      } finally {
        client.removeListener('error', markBroken);
        client.release(broken || undefined);
      }
    },
    execScript: async (sql) => void (await pool.query(sql).catch((error: unknown) => Promise.reject(coded(error)))),
    close: () => pool.end(),
  };
}
