// Pure: the answer lists' filter (words, in any order, anywhere in a row's texts).
/** Case-insensitive: every word of the filter appears in one of the texts. */
export function matchesFilter(filter: string, texts: readonly (string | undefined)[]): boolean {
  const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const hay = texts.filter(Boolean).join(' ').toLowerCase();
  return words.every((w) => hay.includes(w));
}
