// The figures as an aligned text table on stdout.

export interface Row {
  figure: string;
  value: number | undefined;
  unit: string;
  budget?: string;
  ok?: boolean;
  note?: string;
}

export function printTable(rows: Row[]): void {
  const cells = rows.map((r) => [
    r.figure,
    r.value === undefined || Number.isNaN(r.value) ? 'n/a' : `${r.value.toFixed(r.unit === 'KB' ? 1 : r.value >= 100 ? 0 : r.value >= 10 ? 1 : 2)} ${r.unit}`,
    r.budget ?? '',
    r.ok === undefined ? '' : r.ok ? 'ok' : 'MISS',
    r.note ?? '',
  ]);
  const header = ['figure', 'value', 'budget', '', 'what it covers'];
  const widths = header.map((h, c) => Math.max(h.length, ...cells.map((row) => row[c]!.length)));
  const line = (row: string[]) => row.map((cell, c) => (c === 1 ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!))).join('  ').trimEnd();
  console.log(`\n${line(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}`);
  for (const row of cells) console.log(line(row));
}
