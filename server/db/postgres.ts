import postgres from 'postgres';
import type { SqlClient, SqlDatabase } from './sqlDatabase';

type Querier = Pick<postgres.Sql, 'unsafe'>;

function client(sql: Querier): SqlClient {
  return {
    async query<Row>(text: string, params: readonly unknown[] = []) {
      return (await sql.unsafe(text, [...params] as postgres.ParameterOrJSON<never>[])) as unknown as Row[];
    },
    async exec(script: string) {
      await sql.unsafe(script);
    },
  };
}

/** A pool on a real PostgreSQL; several server processes may share one database. */
export async function openPostgres(url: string): Promise<SqlDatabase> {
  const sql = postgres(url, { max: 10, onnotice: () => undefined });
  await sql`select 1`;
  return {
    kind: 'postgres',
    ...client(sql),
    transaction: (work) => sql.begin((tx) => work(client(tx))) as Promise<Awaited<ReturnType<typeof work>>>,
    close: () => sql.end({ timeout: 5 }),
  };
}
