/** What the work lists need of a SQL database: statements with `?` parameters, and transactions. */
export interface SqlExecutor {
  run(sql: string, params?: readonly unknown[]): Promise<void>;
  all<R>(sql: string, params?: readonly unknown[]): Promise<R[]>;
}

export interface SqlDatabase extends SqlExecutor {
  /** "sqlite" or "postgres", with the server or library version, for provenance. */
  readonly engine: string;
  /** Runs `body` in one transaction: everything it wrote is committed together, or nothing on a throw. */
  transaction<T>(body: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
