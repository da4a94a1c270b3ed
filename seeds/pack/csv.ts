/**
 * Reads the pack's own small CSV files: a header row, comma-separated, no quoting
 * (the files are written to need none). Anything else is a broken pack, so fail loudly.
 */
export function parseCsv(text: string, file: string): Record<string, string>[] {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  const [header, ...rows] = lines;
  if (header === undefined) throw new Error(`${file}: empty CSV`);
  const columns = header.split(',');
  return rows.map((line, i) => {
    if (line.includes('"')) throw new Error(`${file}:${i + 2}: quoted fields are not supported`);
    const cells = line.split(',');
    if (cells.length !== columns.length) {
      throw new Error(`${file}:${i + 2}: ${cells.length} fields, header has ${columns.length}`);
    }
    return Object.fromEntries(columns.map((c, j) => [c, cells[j]]));
  });
}
