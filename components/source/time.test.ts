import { describe, expect, it } from 'vitest';
import { formatTime } from './time';

describe('formatTime', () => {
  it.each([
    ['2026-11-23T17:20:05.123Z', '2026-11-23 17:20:05 UTC'],
    ['2026-01-02T03:04:05Z', '2026-01-02 03:04:05 UTC'],
    ['not a time', 'not a time'],
  ])('%s', (iso, want) => expect(formatTime(iso)).toBe(want));
});
