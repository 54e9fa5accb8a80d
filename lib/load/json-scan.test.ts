import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../testing/mulberry32.mjs';
import { scanJsonValue, skipJsonWhitespace } from './json-scan';

/** The scanner accepts `text` as exactly one JSON value (with surrounding whitespace). */
function scannerAccepts(text: string): boolean {
  const r = scanJsonValue(text, 0);
  return r.ok && skipJsonWhitespace(text, r.end) === text.length;
}

function v8Accepts(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

describe('scanJsonValue', () => {
  // prettier-ignore
  const cases: { name: string; text: string; want: { end: number } | { pos: number; reason: RegExp } }[] = [
    { name: 'object', text: '{"a": [1, -2.5e3, true, false, null, "x\\n\\u00e9"]} {"next": 1}', want: { end: 50 } },
    { name: 'empty containers', text: '[{}, [], {"a": {}}]', want: { end: 19 } },
    { name: 'nested deeper than any call stack', text: `${'['.repeat(200_000)}${']'.repeat(200_000)}`, want: { end: 400_000 } },
    { name: 'unquoted value', text: '{"a": b}', want: { pos: 6, reason: /^expected a value$/ } },
    { name: 'unquoted key', text: '{a: 1}', want: { pos: 1, reason: /property name/ } },
    { name: 'trailing comma in object', text: '{"a": 1,}', want: { pos: 8, reason: /property name/ } },
    { name: 'missing colon', text: '{"a" 1}', want: { pos: 5, reason: /':'/ } },
    { name: 'missing comma in array', text: '[1 2]', want: { pos: 3, reason: /',' or ']'/ } },
    { name: 'wrong closer', text: '{"a": 1]', want: { pos: 7, reason: /',' or '}'/ } },
    { name: 'bad escape', text: '"a\\x"', want: { pos: 2, reason: /escape/ } },
    { name: 'short unicode escape', text: '"\\u12"', want: { pos: 1, reason: /escape/ } },
    { name: 'raw newline in string', text: '"a\nb"', want: { pos: 2, reason: /control character/ } },
    { name: 'unterminated string', text: '["abc', want: { pos: 1, reason: /^unterminated string$/ } },
    { name: 'truncated', text: '{"a": [1, ', want: { pos: 10, reason: /^unexpected end of input$/ } },
    { name: 'bad literal', text: 'tru', want: { pos: 0, reason: /expected a value/ } },
    { name: 'bare minus', text: '-', want: { pos: 0, reason: /invalid number/ } },
  ];

  it.each(cases)('$name', (c) => {
    const got = scanJsonValue(c.text, 0);
    const shown = `scanJsonValue(${JSON.stringify(c.text.slice(0, 60))}) = ${JSON.stringify(got)}`;
    if ('end' in c.want) {
      expect(got, shown).toEqual({ ok: true, end: c.want.end });
    } else {
      expect(got.ok, shown).toBe(false);
      if (!got.ok) {
        expect(got.pos, shown).toBe(c.want.pos);
        expect(got.reason, shown).toMatch(c.want.reason);
      }
    }
  });

  it('agrees with JSON.parse on valid JSON and single-character mutations of it', () => {
    const random = mulberry32(20251123);
    const alphabet = ' \n{}[]",:\\-+.0123456789eEtrufalsn/ux';
    let checked = 0;
    for (let n = 0; n < 3000; n++) {
      const valid = JSON.stringify(randomValue(random, 3), null, n % 2 === 0 ? 1 : undefined);
      const texts = [valid, mutate(valid, random, alphabet), mutate(valid, random, alphabet)];
      for (const text of texts) {
        expect(scannerAccepts(text), `scanner vs JSON.parse on ${JSON.stringify(text)}`).toBe(v8Accepts(text));
        checked++;
      }
    }
    expect(checked).toBe(9000);
  });
});

/** seeded (mulberry32), so that a failure can be replayed */
type Random = () => number;

function randomValue(random: Random, depth: number): unknown {
  const pick = Math.floor(random() * (depth > 0 ? 8 : 6));
  switch (pick) {
    case 0: return null;
    case 1: return random() < 0.5;
    case 2: return Math.round((random() - 0.5) * 1e6) / (random() < 0.5 ? 1 : 1000);
    case 3: return (random() - 0.5) * 1e-9;
    case 4: return ['', 'a', 'é\n"\\', '\u0001', 'x y'][Math.floor(random() * 5)];
    case 5: return 'kind';
    case 6: return Array.from({ length: Math.floor(random() * 4) }, () => randomValue(random, depth - 1));
    default:
      return Object.fromEntries(Array.from({ length: Math.floor(random() * 4) }, (_, i) => [`k${i}`, randomValue(random, depth - 1)]));
  }
}

function mutate(text: string, random: Random, alphabet: string): string {
  const i = Math.floor(random() * (text.length + 1));
  const c = alphabet[Math.floor(random() * alphabet.length)] ?? ' ';
  const op = Math.floor(random() * 3);
  if (op === 0) return text.slice(0, i) + text.slice(i + 1); // delete
  if (op === 1) return text.slice(0, i) + c + text.slice(i); // insert
  return text.slice(0, i) + c + text.slice(i + 1); // replace
}
