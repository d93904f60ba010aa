/** PostgreSQL backend (node-postgres pool), for districts that outgrow one machine. */
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

function queriesOn(client: pg.Pool | pg.PoolClient): Queryable {
  return {
    all: async <T>(sql: string, params: SqlValue[] = []) =>
      (await client.query(numberPlaceholders(sql), params)).rows as T[],
    get: async <T>(sql: string, params: SqlValue[] = []) =>
      (await client.query(numberPlaceholders(sql), params)).rows[0] as T | undefined,
    run: async (sql: string, params: SqlValue[] = []) => ({
      changes: (await client.query(numberPlaceholders(sql), params)).rowCount ?? 0,
    }),
  };
}

/** `schema` confines the connection to one schema (tests use a fresh schema each). */
export function openPostgres(url: string, options: { schema?: string } = {}): Database {
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
  });
  return {
    dialect: 'postgres',
    ...queriesOn(pool),
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const tx: Transaction = {
          ...queriesOn(client),
          lockChangeLog: async () =>
            void (await client.query('SELECT pg_advisory_xact_lock($1)', [CHANGE_LOG_LOCK_KEY])),
        };
        const result = await work(tx);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      } finally {
        client.release();
      }
    },
    execScript: async (sql) => void (await pool.query(sql)),
    close: () => pool.end(),
  };
}
