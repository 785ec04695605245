// Lists travel into SQL as one JSON text parameter (`jsonb_array_elements($n::text::jsonb)`): one
// query for a whole batch, and the same text on PGlite and on PostgreSQL, whose drivers bind
// arrays and jsonb parameters differently (a text parameter both pass through untouched).

export function jsonParam(value: unknown): string {
  return JSON.stringify(value);
}

/** `… WHERE id IN (${UUIDS_IN('$2')})` with `jsonParam(ids)` as $2. */
export function uuidsIn(param: string): string {
  return `SELECT jsonb_array_elements_text(${param}::text::jsonb)::uuid`;
}
