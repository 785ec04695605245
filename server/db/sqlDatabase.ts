// One small contract over the two databases we run on: PGlite (embedded, the default) and
// PostgreSQL (DATABASE_URL). Repositories speak plain SQL with $1 parameters through it, so the
// same SQL and the same migrations serve both.

export interface SqlClient {
  query<Row>(text: string, params?: readonly unknown[]): Promise<Row[]>;
  /** Runs a multi-statement script (migrations), without parameters. */
  exec(script: string): Promise<void>;
}

export interface SqlDatabase extends SqlClient {
  readonly kind: 'pglite' | 'postgres';
  /** Runs `work` in one transaction: committed if it resolves, rolled back if it throws. */
  transaction<T>(work: (tx: SqlClient) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
