import { describe, expect, it } from 'vitest';
import { FINDING_CATALOG, FINDING_IDS, findingKindOf } from './catalog';
import { CHECKS } from './checks';
import { FINDING_KINDS } from './types';

describe('catalogue', () => {
  it('every kind has a kebab-case id, distinct, matching its entry', () => {
    const ids = FINDING_KINDS.map((k) => FINDING_IDS[k]);
    expect(new Set(ids).size).toBe(ids.length);
    for (const k of FINDING_KINDS) {
      expect(FINDING_CATALOG[k].id).toBe(FINDING_IDS[k]);
      expect(FINDING_IDS[k]).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(findingKindOf(FINDING_IDS[k])).toBe(k);
      expect(findingKindOf(k)).toBe(k);
    }
  });
  it('every entry explains itself and links an https reference', () => {
    for (const k of FINDING_KINDS) {
      const info = FINDING_CATALOG[k];
      for (const text of [info.title, info.summary, info.why, info.remediation]) expect(text.length, `${k}`).toBeGreaterThan(10);
      expect(info.references.length, k).toBeGreaterThan(0);
      for (const r of info.references) expect(r.url).toMatch(/^https:\/\//);
    }
  });
  it('the upstream RBAC good practices page is referenced', () => {
    const urls = FINDING_KINDS.flatMap((k) => FINDING_CATALOG[k].references.map((r) => r.url));
    expect(urls.some((u) => u.startsWith('https://kubernetes.io/docs/concepts/security/rbac-good-practices/'))).toBe(true);
  });
  it('the registry has exactly one check per kind; probes only for the permission family', () => {
    expect(Object.keys(CHECKS)).toEqual(FINDING_KINDS);
    for (const k of FINDING_KINDS) expect(CHECKS[k].type === 'permission', k).toBe(FINDING_CATALOG[k].family === 'permission');
  });
  it('object kinds are the hygiene kinds about a binding or a role as written', () => {
    expect(FINDING_KINDS.filter((k) => FINDING_CATALOG[k].target === 'object')).toEqual(['DanglingBinding', 'UnusedRole', 'WildcardRule']);
  });
  it('unknown names are not kinds', () => {
    expect(findingKindOf('read-secret')).toBeUndefined();
  });
});
