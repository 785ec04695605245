import qrcode from 'qrcode-generator';

// A QR code drawn with half-block characters, two modules per line, for the owner's terminal:
// the tablet's camera scans it straight off the screen.

export function terminalQr(text: string): string[] {
  const qr = qrcode(0, 'M');
  qr.addData(text);
  qr.make();
  const size = qr.getModuleCount();
  const margin = 2;
  const dark = (row: number, col: number) => row >= 0 && col >= 0 && row < size && col < size && qr.isDark(row, col);
  const lines: string[] = [];
  // Light modules are printed as blocks (terminals are usually dark), dark modules as spaces.
  for (let row = -margin; row < size + margin; row += 2) {
    let line = '';
    for (let col = -margin; col < size + margin; col++) {
      const top = !dark(row, col);
      const bottom = !dark(row + 1, col);
      line += top && bottom ? '█' : top ? '▀' : bottom ? '▄' : ' ';
    }
    lines.push(line);
  }
  return lines;
}
