import { describe, expect, it } from 'vitest';
import { scanExitCode, shiftSeverity, maxSeverity, atLeast, severityRank } from './severity';
import { SEVERITIES, type Severity } from './types';

const f = (...s: Severity[]) => s.map((severity) => ({ severity }));

describe('scanExitCode', () => {
  it.each<[string, Severity[], Severity | undefined, number]>([
    ['no --fail-on: never fails', ['critical'], undefined, 0],
    ['no findings', [], 'low', 0],
    ['a finding at the threshold', ['high'], 'high', 2],
    ['a finding above the threshold', ['critical', 'low'], 'high', 2],
    ['only findings below the threshold', ['medium', 'low'], 'high', 0],
    ['--fail-on low fails on anything', ['low'], 'low', 2],
    ['--fail-on critical ignores high', ['high', 'high'], 'critical', 0],
  ])('%s', (_name, severities, failOn, want) => {
    expect(scanExitCode(f(...severities), failOn), `findings ${severities.join(',')} --fail-on ${failOn}`).toBe(want);
  });
});

describe('severityRank', () => {
  it('is the position in SEVERITIES, -1 for anything else', () => {
    for (const [i, s] of SEVERITIES.entries()) expect(severityRank(s), s).toBe(i);
    expect(severityRank('toString' as Severity)).toBe(-1);
    expect(severityRank('' as Severity)).toBe(-1);
  });
});

describe('severity arithmetic', () => {
  it.each<[Severity, number, Severity]>([
    ['low', -1, 'low'],
    ['medium', -1, 'low'],
    ['high', 1, 'critical'],
    ['critical', 1, 'critical'],
    ['medium', 0, 'medium'],
  ])('shift(%s, %i) = %s', (s, n, want) => expect(shiftSeverity(s, n)).toBe(want));
  it('max and atLeast', () => {
    expect(maxSeverity('low', 'high')).toBe('high');
    expect(atLeast('medium', 'medium')).toBe(true);
    expect(atLeast('low', 'medium')).toBe(false);
  });
});
