import { describe, expect, it } from 'vitest';
import { exportHref, findingsHref } from './url';

describe('view URLs', () => {
  it('keeps the view keys in a stable order, drops others, and removes null ones', () => {
    expect(findingsHref({ q: 'x', sev: 'high', sel: 'nope' }, { kind: 'bind', q: null })).toBe('/findings?sev=high&kind=bind');
    expect(findingsHref({})).toBe('/findings');
    expect(exportHref({ sev: 'critical,high', all: '1' }, 'sarif')).toBe('/api/findings/export?sev=critical%2Chigh&format=sarif');
  });
});
