import { describe, expect, it } from 'vitest';
import { unreadableKinds } from './source-view';

describe('partial data', () => {
  it.each([
    { name: 'none', warnings: [], want: [] },
    { name: 'one kind', warnings: ['partial data: may not list pods with context "x" (403 Forbidden: no)'], want: ['pods'] },
    { name: 'several, in order, once each', warnings: ['partial data: may not list serviceaccounts with', 'partial data: may not list pods with', 'may not list pods again'], want: ['serviceaccounts', 'pods'] },
    { name: 'a warning in another shape', warnings: ['something else was missing'], want: [] },
  ])('unreadableKinds: $name', ({ warnings, want }) => expect(unreadableKinds(warnings)).toEqual(want));
});
