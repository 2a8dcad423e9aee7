import { type Expression, type SqlBool, sql } from 'kysely';

/** Case-insensitive "column contains text", with LIKE wildcards in the text taken literally on both engines. */
export function containsText(column: Expression<unknown> | string, text: string): Expression<SqlBool> {
  const pattern = `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const ref = typeof column === 'string' ? sql.ref(column) : column;
  return sql<SqlBool>`lower(${ref}) like ${pattern} escape '\\'`;
}
