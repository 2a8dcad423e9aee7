import { parse } from 'csv-parse/sync';
import type { Kysely } from 'kysely';
import { RECORD_TYPES, type RecordType } from '../../common/api/primitives';
import { createRecord } from './records';
import type { Database } from './schema';

export interface ImportRowError { line: number; message: string }
export interface ParsedRecords { valid: Array<{ type: RecordType; name: string; emails: string[] }>; errors: ImportRowError[] }

const ADDRESS = /^[^\s@<>",;]+@[^\s@<>",;]+$/;

/**
 * CSV with a header row `type,name,emails` (emails separated by `;` or spaces). Each bad row
 * is reported with its line and reason, never dropped silently. `firstLine` numbers the first
 * data row when a client sends a big file in chunks (each with the header).
 */
export function parseRecordsCsv(text: string, firstLine = 2): ParsedRecords {
  const errors: ImportRowError[] = [];
  const valid: ParsedRecords['valid'] = [];
  let rows: Array<Record<string, string>>;
  try {
    rows = parse(text, { columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()), skip_empty_lines: true, trim: true, bom: true, relax_column_count: true });
  } catch (error) {
    return { valid, errors: [{ line: (error as { lines?: number }).lines ?? 1, message: `the CSV cannot be read: ${(error as Error).message}` }] };
  }
  rows.forEach((row, index) => {
    const line = index + firstLine;
    const type = (row.type ?? '').toLowerCase();
    const name = row.name ?? '';
    const emails = (row.emails ?? row.email ?? '').split(/[;\s]+/).filter(Boolean);
    const badAddress = emails.find((e) => !ADDRESS.test(e) || e.length > 320);
    if (!(RECORD_TYPES as readonly string[]).includes(type)) errors.push({ line, message: `type "${row.type ?? ''}" is not one of ${RECORD_TYPES.join(', ')}` });
    else if (!name) errors.push({ line, message: 'name is empty' });
    else if (name.length > 256) errors.push({ line, message: 'name is longer than 256 characters' });
    else if (badAddress !== undefined) errors.push({ line, message: `not an email address: ${badAddress}` });
    else if (emails.length > 20) errors.push({ line, message: 'more than 20 email addresses' });
    else valid.push({ type: type as RecordType, name, emails });
  });
  return { valid, errors };
}

export async function insertRecords(trx: Kysely<Database>, orgId: string, records: ParsedRecords['valid']): Promise<void> {
  for (const record of records) await createRecord(trx, orgId, record);
}
