// One escaping module per medium, for every renderer of untrusted text (names and messages from a
// cluster or a file): see each module's header for the functions to call.
export { escapeTerminal, escapeTerminalLines, hasUnsafeChars, UNSAFE_CHARS, visibleEscape } from './terminal';
export { escapeMarkdown, markdownCode } from './markdown';
export { csvField, csvLines } from './csv';
export { escapeHtml } from './html';
