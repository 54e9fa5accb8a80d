// Untrusted text for HTML (the self-contained HTML report; React escapes the web app's text
// itself): the five characters with a meaning in text and attribute values become entities, and
// control and bidi characters are shown as visible escapes (lib/format/escape/terminal.ts), so a
// name cannot reorder the text around it. Safe in element content and in quoted attribute values;
// never put untrusted text in a script, a style, a URL or an unquoted attribute. Pure.
//
// Renderers call escapeHtml(text) for every untrusted string they interpolate.
import { escapeTerminal } from './terminal';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return escapeTerminal(text).replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}
