/**
 * The one data-access interface both backends implement. SQL is written once with `?`
 * placeholders; the PostgreSQL backend numbers them. Values are strings, numbers or null;
 * JSON is stored as text and booleans as 0/1, so the same SQL reads the same on both.
 */
/** Buffers are binary columns (BLOB, BYTEA): the media store's parts. */
export type SqlValue = string | number | null | Buffer;
export type Row = Record<string, unknown>;

export interface Queryable {
  all<T extends Row = Row>(sql: string, params?: SqlValue[]): Promise<T[]>;
  get<T extends Row = Row>(sql: string, params?: SqlValue[]): Promise<T | undefined>;
  run(sql: string, params?: SqlValue[]): Promise<{ changes: number }>;
}

export interface Database extends Queryable {
  readonly dialect: 'sqlite' | 'postgres';
  /** Runs `work` in one transaction; it commits when `work` resolves and rolls back when it throws. */
  transaction<T>(work: (tx: Transaction) => Promise<T>): Promise<T>;
  /** Runs a script of several statements (migrations). */
  execScript(sql: string): Promise<void>;
  close(): Promise<void>;
}

export interface Transaction extends Queryable {
  /** Serialises writers of the change log so sequence numbers become visible in order. */
  lockChangeLog(): Promise<void>;
}
