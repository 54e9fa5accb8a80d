// Counted words for messages and summaries ("1 finding", "3 findings").

export function plural(n: number, word: string, pluralWord = `${word}s`): string {
  return `${n} ${n === 1 ? word : pluralWord}`;
}
