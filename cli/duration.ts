import { AtlasError } from '../lib/errors';

/** kubectl-style durations: "0" (no limit), plain seconds ("90"), or units: "1h", "2m30s", "1500ms". */
export function parseDuration(text: string, flag: string): number {
  const s = text.trim();
  if (/^\d+$/.test(s)) return Number(s) * 1000;
  const unit: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1000, ms: 1 };
  const re = /(\d+(?:\.\d+)?)(ms|h|m|s)/gy;
  let total = 0;
  let matched = 0;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    total += Number(m[1]) * (unit[m[2] as string] as number);
    matched = re.lastIndex;
  }
  if (s === '' || matched !== s.length) throw new AtlasError('usage', `${flag}: "${text}" is not a duration (e.g. 30s, 2m, 1m30s, or 0 for none)`);
  return Math.round(total);
}
