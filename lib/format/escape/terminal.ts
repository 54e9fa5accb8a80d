// Untrusted text (names from a cluster or a file, messages that quote them) for a terminal: every
// character that is invisible, moves the cursor, starts an escape sequence or reorders the text
// around it is shown as a visible escape instead: C0 and C1 controls and DEL (ESC, CR, LF, TAB,
// CSI...), bidirectional overrides, embeddings and isolates, zero-width and other format characters,
// line and paragraph separators, Unicode tag characters. A name can then neither forge nor hide a
// row, recolour the screen nor run terminal commands. Pure; shared by every other medium.
//
// Renderers call:
// - escapeTerminal(text): one line of untrusted text (a table cell, a name in a note on stderr);
//   renderTable (lib/format/table.ts) already applies it to every cell.
// - escapeTerminalLines(text): a block of our own lines that embeds untrusted text; keeps "\n".

/** Everything escapeTerminal makes visible (one character class; `u` flag for the tag characters). */
// eslint-disable-next-line no-control-regex, no-misleading-character-class
export const UNSAFE_CHARS = /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u115f\u1160\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\ufff9-\ufffb\u{e0000}-\u{e007f}]/gu;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** The visible form of one unsafe character: \n \r \t, \xHH below U+0100, \uHHHH, \u{HHHHH}. */
export function visibleEscape(c: string): string {
  const named = NAMED[c];
  if (named) return named;
  const code = c.codePointAt(0) ?? 0;
  if (code < 0x100) return `\\x${code.toString(16).padStart(2, '0')}`;
  if (code <= 0xffff) return `\\u${code.toString(16).padStart(4, '0')}`;
  return `\\u{${code.toString(16)}}`;
}

/** One line of untrusted text, safe to print on a terminal. */
export function escapeTerminal(text: string): string {
  return text.replace(UNSAFE_CHARS, visibleEscape);
}

/** Several lines: like escapeTerminal, but line feeds stay line feeds. */
export function escapeTerminalLines(text: string): string {
  return text.split('\n').map(escapeTerminal).join('\n');
}

/** Whether the text holds anything escapeTerminal would change. */
export function hasUnsafeChars(text: string): boolean {
  UNSAFE_CHARS.lastIndex = 0;
  const found = UNSAFE_CHARS.test(text);
  UNSAFE_CHARS.lastIndex = 0;
  return found;
}
