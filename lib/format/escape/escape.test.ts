// The escaping modules, one table per medium: what each does to hostile text, and that ordinary
// names pass unchanged.
import { describe, expect, it } from 'vitest';
import { csvField, csvLines } from './csv';
import { escapeHtml } from './html';
import { escapeMarkdown, markdownCode } from './markdown';
import { escapeTerminal, escapeTerminalLines, hasUnsafeChars, UNSAFE_CHARS } from './terminal';

const ORDINARY = ['system:serviceaccount:kube-system:default', 'jane@example.com', 'team-a', 'edit', 'ClusterRole/cluster-admin', 'pods/exec', 'ü-名前'];

describe('escapeTerminal', () => {
  it.each([
    { name: 'ESC (a colour, a screen clear)', text: 'a\u001b[31mred\u001b[2J', want: 'a\\x1b[31mred\\x1b[2J' },
    { name: 'CR: overwrite the line', text: 'evil\rgood', want: 'evil\\rgood' },
    { name: 'LF: forge a row', text: 'x\nUser   admin', want: 'x\\nUser   admin' },
    { name: 'TAB', text: 'a\tb', want: 'a\\tb' },
    { name: 'NUL, BEL, backspace, DEL', text: '\u0000\u0007\u0008\u007f', want: '\\x00\\x07\\x08\\x7f' },
    { name: 'C1 CSI (8-bit escape)', text: 'a\u009b31mb', want: 'a\\x9b31mb' },
    { name: 'bidi override (reorders the rest)', text: 'admin\u202eeulav', want: 'admin\\u202eeulav' },
    { name: 'bidi isolates', text: '\u2066x\u2069', want: '\\u2066x\\u2069' },
    { name: 'zero-width space and joiner', text: 'ad\u200bmin\u200d', want: 'ad\\u200bmin\\u200d' },
    { name: 'line and paragraph separators', text: 'a\u2028b\u2029c', want: 'a\\u2028b\\u2029c' },
    { name: 'byte order mark', text: '\ufeffx', want: '\\ufeffx' },
    { name: 'tag characters (invisible ASCII)', text: 'x\u{e0041}', want: 'x\\u{e0041}' },
    { name: 'soft hyphen', text: 'ad\u00admin', want: 'ad\\xadmin' },
  ])('$name', ({ text, want }) => {
    expect(escapeTerminal(text)).toBe(want);
    expect(hasUnsafeChars(escapeTerminal(text))).toBe(false);
  });

  it.each(ORDINARY)('leaves %j alone', (name) => {
    expect(escapeTerminal(name)).toBe(name);
    expect(hasUnsafeChars(name)).toBe(false);
  });

  it('escapeTerminalLines keeps line feeds, escapes the rest', () => {
    expect(escapeTerminalLines('yes\n  via x\u001b[2J\r\n')).toBe('yes\n  via x\\x1b[2J\\r\n');
  });

  it('the character class is global and stateless between calls', () => {
    expect(UNSAFE_CHARS.flags).toContain('g');
    expect([hasUnsafeChars('\u001b'), hasUnsafeChars('\u001b'), hasUnsafeChars('a')]).toEqual([true, true, false]);
  });
});

describe('escapeMarkdown', () => {
  it.each([
    { name: 'a newline cannot start a block', text: 'x\n# heading\n<!--', want: 'x\\\\n\\# heading\\\\n\\<\\!--' },
    { name: 'an HTML comment that would hide the rest', text: '<!-- hidden', want: '\\<\\!-- hidden' },
    { name: 'raw HTML', text: '<img src=x onerror=alert(1)>', want: '\\<img src=x onerror=alert(1)\\>' },
    { name: 'a link and an image', text: '[click](https://evil.example) ![i](x)', want: '\\[click\\](https://evil.example) \\!\\[i\\](x)' },
    { name: 'emphasis, code, strikethrough, math', text: '*a* _b_ `c` ~~d~~ $e$', want: '\\*a\\* \\_b\\_ \\`c\\` \\~\\~d\\~\\~ \\$e\\$' },
    { name: 'a table cell separator', text: 'a|b', want: 'a\\|b' },
    { name: 'an entity', text: '&lt;', want: '\\&lt;' },
    { name: 'a backslash', text: 'a\\b', want: 'a\\\\b' },
    { name: 'a list item at a line start', text: '- item', want: '\\- item' },
    { name: 'a numbered list item', text: '1. item', want: '1\\. item' },
    { name: 'a setext underline', text: '===', want: '\\===' },
    { name: 'an indented code block', text: '    code', want: '&#32;&#32;&#32;&#32;code' },
    { name: 'a heading', text: '# h', want: '\\# h' },
    { name: 'a quote', text: '> q', want: '\\> q' },
    { name: 'a code fence', text: '```', want: '\\`\\`\\`' },
    { name: 'a terminal escape', text: 'a\u001b[2Jb', want: 'a\\\\x1b\\[2Jb' },
  ])('$name', ({ text, want }) => {
    expect(escapeMarkdown(text)).toBe(want);
    expect(escapeMarkdown(text)).not.toMatch(/[\r\n]/);
  });

  it.each(ORDINARY.filter((n) => !n.includes('-') || n.indexOf('-') > 0))('leaves %j alone', (name) => {
    expect(escapeMarkdown(name)).toBe(name);
  });

  it.each([
    ['abc', '`abc`'],
    ['a`b', '``a`b``'],
    ['`start', '`` `start ``'],
    ['a|b', '`a|b`'],
    ['x\ny', '`x\\ny`'],
  ])('markdownCode(%j) = %j', (text, want) => {
    expect(markdownCode(text)).toBe(want);
  });

  it('escapes "|" in a table cell only (GFM splits cells on it even inside code)', () => {
    expect(markdownCode('a|b', { inTable: true })).toBe('`a\\|b`');
    expect(markdownCode('a|b')).toBe('`a|b`');
  });
});

describe('csvField', () => {
  it.each([
    { text: '=HYPERLINK("http://evil.example","x")', want: `"'=HYPERLINK(""http://evil.example"",""x"")"` },
    { text: '+1', want: "'+1" },
    { text: '-1+2', want: "'-1+2" },
    { text: '@SUM(A1)', want: "'@SUM(A1)" },
    { text: '\t=1', want: "'\\t=1" },
    { text: '  =1', want: "'  =1" },
    { text: '\uff1d1+1', want: "'\uff1d1+1" },
    { text: 'a,b', want: '"a,b"' },
    { text: 'a"b', want: '"a""b"' },
    { text: 'a\nb', want: 'a\\nb' },
    { text: 'a\u001b[31mb', want: 'a\\x1b[31mb' },
    { text: 'plain', want: 'plain' },
    { text: 'team-a', want: 'team-a' },
  ])('$text', ({ text, want }) => {
    expect(csvField(text)).toBe(want);
  });

  it('formats numbers, booleans and missing values; CRLF line ends', () => {
    expect(csvLines(['a', 'b', 'c'], [[1, true, undefined]])).toBe('a,b,c\r\n1,true,\r\n');
  });
});

describe('escapeHtml', () => {
  it.each([
    { text: '<script>alert(1)</script>', want: '&lt;script&gt;alert(1)&lt;/script&gt;' },
    { text: `"'&`, want: '&quot;&#39;&amp;' },
    { text: 'a\u202eb', want: 'a\\u202eb' },
    { text: 'jane@example.com', want: 'jane@example.com' },
  ])('$text', ({ text, want }) => {
    expect(escapeHtml(text)).toBe(want);
  });
});
