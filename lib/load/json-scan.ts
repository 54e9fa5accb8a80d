// A JSON syntax checker that builds no values. It runs only after JSON.parse has failed: it finds
// where each top-level value ends (for JSON Lines / concatenated JSON) and where and why a value is
// malformed, without echoing any of the text in its messages. Iterative, so hostile nesting depth
// cannot overflow the stack.

export type ScanResult = { ok: true; end: number } | { ok: false; pos: number; reason: string };

const OBJECT = 1;
const ARRAY = 2;

class ScanError {
  constructor(
    readonly pos: number,
    readonly reason: string,
  ) {}
}

/** Checks the JSON value that starts at `start` (after optional whitespace). */
export function scanJsonValue(text: string, start: number): ScanResult {
  try {
    return { ok: true, end: new Scanner(text).value(start) };
  } catch (e) {
    if (e instanceof ScanError) return { ok: false, pos: e.pos, reason: e.reason };
    throw e;
  }
}

export function skipJsonWhitespace(text: string, i: number): number {
  let j = i;
  for (;;) {
    const c = text.charCodeAt(j);
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) return j;
    j++;
  }
}

class Scanner {
  private readonly stack: number[] = [];

  constructor(private readonly t: string) {}

  value(start: number): number {
    let i = start;
    for (;;) {
      i = skipJsonWhitespace(this.t, i);
      const c = this.t.charCodeAt(i);
      if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
        const kind = c === 0x7b ? OBJECT : ARRAY;
        const j = skipJsonWhitespace(this.t, i + 1);
        if (this.t.charCodeAt(j) !== c + 2 /* } or ] */) {
          this.stack.push(kind);
          i = kind === OBJECT ? this.key(j) : j;
          continue; // the container's first member is next
        }
        i = j + 1; // an empty container is a complete value
      } else {
        i = this.scalar(i, c);
      }
      const next = this.afterValue(i);
      if ('end' in next) return next.end;
      i = next.member;
    }
  }

  private scalar(i: number, c: number): number {
    if (c === 0x22 /* " */) return this.string(i);
    if (c === 0x2d /* - */ || (c >= 0x30 && c <= 0x39)) return this.number(i);
    if (c === 0x74) return this.literal(i, 'true');
    if (c === 0x66) return this.literal(i, 'false');
    if (c === 0x6e) return this.literal(i, 'null');
    throw this.unexpected(i, 'expected a value');
  }

  /** After a complete value: closes finished containers; gives the end or the next member. */
  private afterValue(i: number): { end: number } | { member: number } {
    let j = i;
    while (this.stack.length > 0) {
      j = skipJsonWhitespace(this.t, j);
      const kind = this.stack[this.stack.length - 1];
      const c = this.t.charCodeAt(j);
      if (c === 0x2c /* , */) {
        const k = skipJsonWhitespace(this.t, j + 1);
        return { member: kind === OBJECT ? this.key(k) : k };
      }
      if ((kind === OBJECT && c === 0x7d) || (kind === ARRAY && c === 0x5d)) {
        this.stack.pop();
        j++;
        continue;
      }
      const want = kind === OBJECT ? "',' or '}' after a property value" : "',' or ']' after an array element";
      throw this.unexpected(j, `expected ${want}`);
    }
    return { end: j };
  }

  /** A property name and its ':'; returns the position of the property value. */
  private key(i: number): number {
    if (this.t.charCodeAt(i) !== 0x22) throw this.unexpected(i, 'expected a double-quoted property name');
    const j = skipJsonWhitespace(this.t, this.string(i));
    if (this.t.charCodeAt(j) !== 0x3a /* : */) throw this.unexpected(j, "expected ':' after a property name");
    return j + 1;
  }

  private string(start: number): number {
    const t = this.t;
    let i = start + 1;
    for (;;) {
      if (i >= t.length) throw new ScanError(start, 'unterminated string');
      const c = t.charCodeAt(i);
      if (c === 0x22) return i + 1;
      if (c < 0x20) throw new ScanError(i, 'control character in a string (escape it)');
      if (c === 0x5c /* \ */) i = this.escape(i);
      else i++;
    }
  }

  private escape(i: number): number {
    const e = this.t.charAt(i + 1);
    if ('"\\/bfnrt'.includes(e) && e !== '') return i + 2;
    if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(this.t.slice(i + 2, i + 6))) return i + 6;
    throw new ScanError(i, 'invalid escape sequence in a string');
  }

  private number(start: number): number {
    const m = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
    m.lastIndex = start;
    if (!m.test(this.t)) throw new ScanError(start, 'invalid number');
    return m.lastIndex;
  }

  private literal(i: number, word: string): number {
    if (this.t.startsWith(word, i)) return i + word.length;
    throw this.unexpected(i, 'expected a value');
  }

  private unexpected(i: number, reason: string): ScanError {
    return new ScanError(i, i >= this.t.length ? 'unexpected end of input' : reason);
  }
}
