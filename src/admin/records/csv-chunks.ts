/**
 * A large CSV split into chunks the import endpoint takes one at a time. Each chunk repeats the
 * header and says where its rows start (`firstLine`), so the server's per-row errors name rows of
 * the whole file. Quoted fields may hold newlines; empty lines are skipped, as the server does.
 */
export interface CsvChunk {
  csv: string;
  firstLine: number;
  rows: number;
}

export interface SplitCsv {
  chunks: CsvChunk[];
  totalRows: number;
}

export const ROWS_PER_CHUNK = 500;

function csvRecords(text: string): string[] {
  const records: string[] = [];
  let start = 0;
  let inQuotes = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === '"') inQuotes = !inQuotes;
    else if (char === '\n' && !inQuotes) {
      records.push(text.slice(start, i).replace(/\r$/, ''));
      start = i + 1;
    }
  }
  if (start < text.length) records.push(text.slice(start).replace(/\r$/, ''));
  return records.filter((record) => record !== '');
}

export function splitCsv(text: string, rowsPerChunk = ROWS_PER_CHUNK): SplitCsv {
  const [header, ...rows] = csvRecords(text.replace(/^\uFEFF/, ''));
  if (header === undefined) return { chunks: [], totalRows: 0 };
  const chunks: CsvChunk[] = [];
  for (let offset = 0; offset < rows.length; offset += rowsPerChunk) {
    const slice = rows.slice(offset, offset + rowsPerChunk);
    chunks.push({ csv: `${header}\n${slice.join('\n')}\n`, firstLine: 2 + offset, rows: slice.length });
  }
  return { chunks, totalRows: rows.length };
}
