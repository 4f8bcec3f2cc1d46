import { InvalidValueError } from '../src/errors.js';

const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const lookup = new Int16Array(128).fill(-1);
for (let k = 0; k < alphabet.length; k++) lookup[alphabet.charCodeAt(k)] = k;

/**
 * Encodes bytes as base64 (RFC 4648, with padding), in Node and browsers alike.
 *
 * @example
 * ```ts
 * bytesToBase64(Uint8Array.of(1, 2, 3)); // 'AQID'
 * ```
 */
export function bytesToBase64(bytes: Uint8Array): string {
  const parts: string[] = [];
  let chunk = '';
  for (let k = 0; k < bytes.length; k += 3) {
    const a = bytes[k]!;
    const b = k + 1 < bytes.length ? bytes[k + 1]! : 0;
    const c = k + 2 < bytes.length ? bytes[k + 2]! : 0;
    chunk += alphabet[a >> 2]! + alphabet[((a & 3) << 4) | (b >> 4)]!
      + (k + 1 < bytes.length ? alphabet[((b & 15) << 2) | (c >> 6)]! : '=')
      + (k + 2 < bytes.length ? alphabet[c & 63]! : '=');
    if (chunk.length >= 8192) {
      parts.push(chunk);
      chunk = '';
    }
  }
  parts.push(chunk);
  return parts.join('');
}

/**
 * Decodes base64 (with padding) to bytes.
 *
 * @throws {@link InvalidValueError} naming `parameter` for a string that is not base64.
 * @example
 * ```ts
 * base64ToBytes('AQID'); // Uint8Array [1, 2, 3]
 * ```
 */
export function base64ToBytes(text: string, parameter = 'data'): Uint8Array {
  if (text.length % 4 !== 0) throw new InvalidValueError(parameter, `base64 text of length ${text.length} (not a multiple of 4)`, 'the file is truncated or was edited: save the network again');
  const pad = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const out = new Uint8Array((text.length / 4) * 3 - pad);
  let o = 0;
  const digit = (at: number): number => {
    const ch = text.charCodeAt(at);
    if (ch === 61 && at >= text.length - pad) return 0; // '=' padding
    const x = ch < 128 ? lookup[ch]! : -1;
    if (x < 0) throw new InvalidValueError(parameter, `character ${JSON.stringify(text[at])} at ${at} is not base64`, 'the file is corrupt: save the network again');
    return x;
  };
  for (let k = 0; k < text.length; k += 4) {
    const n = (digit(k) << 18) | (digit(k + 1) << 12) | (digit(k + 2) << 6) | digit(k + 3);
    if (o < out.length) out[o++] = (n >> 16) & 255;
    if (o < out.length) out[o++] = (n >> 8) & 255;
    if (o < out.length) out[o++] = n & 255;
  }
  return out;
}
