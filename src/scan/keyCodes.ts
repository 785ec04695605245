// Keyboard-wedge scanners send HID key positions for a US layout; the OS then maps them through
// the tablet's layout, so on a Hungarian QWERTZ "0" arrives as "ö" and on French AZERTY "1" as
// "&". KeyboardEvent.code names the physical key, so decoding from it gives the scanned text.

const SHIFTED_SYMBOLS: Record<string, [string, string]> = {
  Minus: ['-', '_'],
  Equal: ['=', '+'],
  Period: ['.', '>'],
  Comma: [',', '<'],
  Slash: ['/', '?'],
  Semicolon: [';', ':'],
  Quote: ["'", '"'],
  BracketLeft: ['[', '{'],
  BracketRight: [']', '}'],
  Backslash: ['\\', '|'],
  Backquote: ['`', '~'],
  Space: [' ', ' '],
  NumpadAdd: ['+', '+'],
  NumpadSubtract: ['-', '-'],
  NumpadMultiply: ['*', '*'],
  NumpadDivide: ['/', '/'],
  NumpadDecimal: ['.', '.'],
};
const SHIFTED_DIGITS = ')!@#$%^&*(';

export function charFromKeyCode(code: string, shiftKey: boolean): string | undefined {
  const digit = /^(?:Digit|Numpad)(\d)$/.exec(code);
  if (digit) {
    const value = Number(digit[1]);
    return shiftKey && code.startsWith('Digit') ? SHIFTED_DIGITS[value] : String(value);
  }
  const letter = /^Key([A-Z])$/.exec(code);
  if (letter) return shiftKey ? letter[1] : letter[1]!.toLowerCase();
  const symbol = SHIFTED_SYMBOLS[code];
  return symbol ? symbol[shiftKey ? 1 : 0] : undefined;
}

export function isEnterCode(code: string): boolean {
  return code === 'Enter' || code === 'NumpadEnter';
}

export function isModifierCode(code: string): boolean {
  return /^(Shift|Control|Alt|Meta)(Left|Right)$/.test(code) || code === 'CapsLock';
}
