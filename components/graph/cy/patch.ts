// Imperative: applies a new element list to a live Cytoscape instance by id, inside one cy.batch
// (add what is new, update data/classes/parent of what stays, remove what is gone).
import type { Core, ElementDefinition } from 'cytoscape';

export interface PatchResult {
  added: number;
  removed: number;
  moved: number;
}

function sameData(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) if (a[k] !== b[k]) return false;
  return true;
}

export function patchElements(cy: Core, next: readonly ElementDefinition[]): PatchResult {
  const ids = new Set(next.map((e) => e.data.id!));
  const result: PatchResult = { added: 0, removed: 0, moved: 0 };
  cy.batch(() => {
    // new elements first, so that a node can move into a namespace box added in the same patch
    const toAdd = next.filter((def) => cy.getElementById(def.data.id!).empty());
    const added = new Set(toAdd.map((def) => def.data.id!));
    result.added = toAdd.length;
    if (toAdd.length) cy.add(toAdd);
    for (const def of next) {
      if (added.has(def.data.id!)) continue;
      const el = cy.getElementById(def.data.id!);
      if (el.isNode()) {
        const parent = (def.data.parent as string | undefined) ?? null;
        const current = el.parent().nonempty() ? el.parent().first().id() : null;
        if (parent !== current) {
          el.move({ parent });
          result.moved++;
        }
      }
      const { parent: _p, ...data } = def.data;
      const { parent: _q, ...currentData } = el.data() as Record<string, unknown>;
      if (!sameData(currentData, data)) el.data(data);
      const classes = Array.isArray(def.classes) ? def.classes.join(' ') : (def.classes ?? '');
      if (el.classes().join(' ') !== classes.trim()) el.classes(classes);
    }
    // last, so that nodes have left a namespace box before the box goes (removing a parent removes its children)
    const gone = cy.elements().filter((el) => !ids.has(el.id()));
    result.removed = gone.length;
    cy.remove(gone);
  });
  return result;
}
