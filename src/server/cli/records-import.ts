import fs from 'node:fs';
import { parse } from 'csv-parse/sync';
import { RECORD_TYPES, type RecordType } from '../../common/api/primitives';
import type { Store } from '../store/database';
import { createRecord } from '../store/records';

export interface ImportRowError { line: number; message: string }
export interface ImportResult { imported: number; errors: ImportRowError[] }

const ADDRESS = /^[^\s@<>",;]+@[^\s@<>",;]+$/;

/**
 * CSV with a header row: `type,name,emails` (emails separated by `;` or spaces). Good rows
 * are imported in batches; each bad row is reported with its line and reason, never dropped silently.
 */
export async function importRecordsCsv(store: Store, orgId: string, file: string, onProgress: (done: number, total: number) => void = () => {}): Promise<ImportResult> {
  const text = fs.readFileSync(file, 'utf8');
  const rows = parse(text, { columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()), skip_empty_lines: true, trim: true, bom: true, relax_column_count: true }) as Array<Record<string, string>>;
  const errors: ImportRowError[] = [];
  const valid: Array<{ type: RecordType; name: string; emails: string[] }> = [];
  rows.forEach((row, index) => {
    const line = index + 2;
    const type = (row.type ?? '').toLowerCase();
    const name = row.name ?? '';
    const emails = (row.emails ?? row.email ?? '').split(/[;\s]+/).filter(Boolean);
    if (!(RECORD_TYPES as readonly string[]).includes(type)) errors.push({ line, message: `type "${row.type ?? ''}" is not one of ${RECORD_TYPES.join(', ')}` });
    else if (!name) errors.push({ line, message: 'name is empty' });
    else if (name.length > 256) errors.push({ line, message: 'name is longer than 256 characters' });
    else if (emails.some((e) => !ADDRESS.test(e))) errors.push({ line, message: `not an email address: ${emails.find((e) => !ADDRESS.test(e))}` });
    else valid.push({ type: type as RecordType, name, emails });
  });
  let imported = 0;
  const batchSize = 500;
  for (let start = 0; start < valid.length; start += batchSize) {
    const batch = valid.slice(start, start + batchSize);
    await store.writer.run(async (trx) => {
      for (const record of batch) await createRecord(trx, orgId, record);
    });
    imported += batch.length;
    onProgress(imported, valid.length);
  }
  return { imported, errors };
}
