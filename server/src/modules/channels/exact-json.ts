/**
 * JSON.parse, except that integers too large for a double (beyond 2^53) come back as their exact digits,
 * as a string: a platform id sent as a JSON number (17-digit Instagram ids, for one) is read as the id it
 * is rather than a rounded one. Everything else parses as JSON.parse parses it.
 */
export function parseJson(text: string): unknown {
  return JSON.parse(quoteUnsafeIntegers(text));
}

const isDigit = (code: number): boolean => code >= 0x30 && code <= 0x39;
/** An integer as JSON writes it: no leading zeros, so quoting never turns invalid JSON into valid JSON. */
const INTEGER = /^-?(0|[1-9][0-9]*)$/;

/** The same JSON text with every integer literal beyond the safe range put in quotes. */
export function quoteUnsafeIntegers(text: string): string {
  // Shorter runs of digits are always safe integers.
  if (!/[0-9]{16}/.test(text)) return text;
  let out = '';
  let copied = 0;
  let i = 0;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (code === 0x22) {
      // A string: skipped whole, escapes included, so digits inside it are left alone.
      i++;
      while (i < text.length && text.charCodeAt(i) !== 0x22) i += text.charCodeAt(i) === 0x5c ? 2 : 1;
      i++;
      continue;
    }
    if (code !== 0x2d && !isDigit(code)) {
      i++;
      continue;
    }
    const start = i;
    i++;
    while (i < text.length && isDigit(text.charCodeAt(i))) i++;
    const end = i;
    const next = text[i];
    if (next === '.' || next === 'e' || next === 'E') {
      // A fraction or an exponent: a double as JSON.parse reads it.
      while (i < text.length && /[0-9eE+.-]/.test(text[i]!)) i++;
      continue;
    }
    const literal = text.slice(start, end);
    if (INTEGER.test(literal) && !Number.isSafeInteger(Number(literal))) {
      out += `${text.slice(copied, start)}"${literal}"`;
      copied = end;
    }
  }
  return copied === 0 ? text : out + text.slice(copied);
}
