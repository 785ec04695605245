// The pairing QR holds a link to the app with the code in its fragment: scanning it with the
// tablet's camera opens the app on the connect form, and scanning it with a keyboard-wedge
// scanner types the same text, which the till recognises. The fragment never reaches a server log.

const PAIR_FRAGMENT = /^#pair=([0-9A-Za-z-]{4,32})$/;

export function pairingLink(serverUrl: string, code: string): string {
  return `${new URL(serverUrl).origin}/#pair=${encodeURIComponent(code)}`;
}

export function parsePairingLink(text: string): { serverUrl: string; code: string } | undefined {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return undefined;
  }
  const match = PAIR_FRAGMENT.exec(url.hash);
  if (!match || (url.protocol !== 'http:' && url.protocol !== 'https:')) return undefined;
  return { serverUrl: url.origin, code: match[1]! };
}
