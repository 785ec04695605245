import { describe, expect, it } from 'vitest';
import { pairingLink, parsePairingLink } from '../../../src/core/pairingLink';

describe('pairing links', () => {
  it('round-trips the server origin and the code', () => {
    const link = pairingLink('http://192.168.1.20:8080/whatever', '7KQ2M-X9D4F');
    expect(link).toBe('http://192.168.1.20:8080/#pair=7KQ2M-X9D4F');
    expect(parsePairingLink(link)).toEqual({ serverUrl: 'http://192.168.1.20:8080', code: '7KQ2M-X9D4F' });
  });

  it('ignores anything that is not a pairing link', () => {
    for (const text of ['100010000014', 'http://shop/#pair=', 'http://shop/#other=ABCDE', 'javascript:alert(1)#pair=ABCDE', 'http://shop/#pair=<script>']) {
      expect(parsePairingLink(text), text).toBeUndefined();
    }
  });
});
