import fs from 'node:fs';
import type { Store } from '../store/database';
import { insertRecords, parseRecordsCsv, type ImportRowError } from '../store/records-csv';

export interface ImportResult { imported: number; errors: ImportRowError[] }

/** Imports a CSV file in batches of 500, one commit each, reporting progress after each batch. */
export async function importRecordsCsv(store: Store, orgId: string, file: string, onProgress: (done: number, total: number) => void = () => {}): Promise<ImportResult> {
  const { valid, errors } = parseRecordsCsv(fs.readFileSync(file, 'utf8'));
  let imported = 0;
  const batchSize = 500;
  for (let start = 0; start < valid.length; start += batchSize) {
    const batch = valid.slice(start, start + batchSize);
    await store.writer.run((trx) => insertRecords(trx, orgId, batch));
    imported += batch.length;
    onProgress(imported, valid.length);
  }
  return { imported, errors };
}
