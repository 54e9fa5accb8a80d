// Untrusted text for Markdown (CommonMark and GitHub's flavour: PR comments, job summaries, the
// Markdown export). Escaped text can open no block and end none: it has no line break (controls
// are shown as visible escapes, lib/format/escape/terminal.ts), every character with inline
// meaning is backslash-escaped (emphasis, code, links, images, raw HTML such as "<!--", tables'
// "|", strikethrough, math, entities), and a leading list, heading or code marker is neutralised
// for renderers that put the text at the start of a line. Pure.
//
// Renderers call:
// - escapeMarkdown(text): any untrusted text in a paragraph, heading, list item or table cell;
// - markdownCode(text, { inTable }): untrusted text shown as inline code (ids), with a fence longer than any
//   run of backticks inside.
import { escapeTerminal } from './terminal';

/** ASCII punctuation with a meaning somewhere in CommonMark or GFM (any may be backslash-escaped). */
const INLINE_SPECIAL = /[\\`*_[\]<>|#!~&$]/g;

export function escapeMarkdown(text: string): string {
  const escaped = escapeTerminal(text).replace(INLINE_SPECIAL, (c) => `\\${c}`);
  return (
    escaped
      // list items ("- x", "+ x", "1. x", "1) x") and setext underlines ("=", "-") at a line start
      .replace(/^([-+=])/, '\\$1')
      .replace(/^(\d{1,9})([.)])/, '$1\\$2')
      // leading spaces would make an indented code block at a line start: keep them as entities
      .replace(/^ +/, (spaces) => '&#32;'.repeat(spaces.length))
  );
}

/**
 * Inline code: `text`. In a table cell pass `{ inTable: true }`: GFM splits cells on "|" even inside
 * code, so it is escaped there (and only there: outside a table the backslash would show).
 */
export function markdownCode(text: string, options: { inTable?: boolean } = {}): string {
  const shown = escapeTerminal(text);
  const visible = options.inTable ? shown.replace(/\|/g, '\\|') : shown;
  const longest = Math.max(0, ...(visible.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = visible.startsWith('`') || visible.endsWith('`') || visible.startsWith(' ') ? ' ' : '';
  return `${fence}${pad}${visible}${pad}${fence}`;
}
