// Markdown escaping shared by every Markdown rendering (scan reports, paths, diffs).

/** Escapes text for a Markdown table cell or paragraph (no HTML, no links, no emphasis). */
export function md(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').replace(/[\\`*_[\]<>|#!~]/g, (c) => `\\${c}`);
}
