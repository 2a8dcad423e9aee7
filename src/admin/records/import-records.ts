import type { AdminApi } from '../api/admin-api';
import { describeError } from '../api/api-problem';
import { splitCsv } from './csv-chunks';

export interface ImportProgress {
  doneChunks: number;
  totalChunks: number;
  doneRows: number;
  totalRows: number;
}

export interface ImportReport {
  imported: number;
  totalRows: number;
  errors: Array<{ line: number; message: string }>;
}

/** Sends the file chunk by chunk; a chunk the server refuses whole is reported for its rows, and the rest goes on. */
export async function importRecordsCsv(api: AdminApi, text: string, onProgress: (progress: ImportProgress) => void): Promise<ImportReport> {
  const { chunks, totalRows } = splitCsv(text);
  const report: ImportReport = { imported: 0, totalRows, errors: [] };
  let doneRows = 0;
  onProgress({ doneChunks: 0, totalChunks: chunks.length, doneRows, totalRows });
  for (const [index, chunk] of chunks.entries()) {
    try {
      const result = await api.importRecords(chunk.csv, chunk.firstLine);
      report.imported += result.imported;
      report.errors.push(...result.errors);
    } catch (error) {
      report.errors.push({ line: chunk.firstLine, message: `rows ${chunk.firstLine}–${chunk.firstLine + chunk.rows - 1} were not imported: ${describeError(error)}` });
    }
    doneRows += chunk.rows;
    onProgress({ doneChunks: index + 1, totalChunks: chunks.length, doneRows, totalRows });
  }
  return report;
}
