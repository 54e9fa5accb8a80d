// Sets of requests as unions of "cubes": one bit mask of classes (partition.ts) per rule dimension, a
// request being in the cube when its value in every dimension is. An RBAC rule is one cube; the
// permissions a subject holds at one scope are the union of its rules' cubes. Differences of such
// unions are computed exactly by splitting cubes, then merged back into few cubes for display.

export type Cube = readonly bigint[];

export function isEmptyCube(c: Cube): boolean {
  for (const m of c) if (m === 0n) return true;
  return false;
}

export function intersects(a: Cube, b: Cube): boolean {
  for (let d = 0; d < a.length; d++) if ((a[d]! & b[d]!) === 0n) return false;
  return true;
}

/** a ⊇ b */
export function containsCube(a: Cube, b: Cube): boolean {
  for (let d = 0; d < a.length; d++) if ((b[d]! & ~a[d]!) !== 0n) return false;
  return true;
}

// The order in which subtractCube splits dimensions, most telling first, so that pieces read like
// kubectl's rules: per resource (or URL), then group, names, verbs. Indexes into the cube layouts of
// access.ts: [verbs, apiGroups, resources, resourceNames] and [verbs, nonResourceURLs].
const SPLIT_ORDER: Record<number, readonly number[]> = { 4: [2, 1, 3, 0], 2: [1, 0] };

/** p minus u, as disjoint cubes: per dimension, the part of p outside u, with the dimensions split before it inside u. */
export function subtractCube(p: Cube, u: Cube): Cube[] {
  if (!intersects(p, u)) return [p];
  const out: Cube[] = [];
  const current = [...p];
  for (const d of SPLIT_ORDER[p.length] ?? p.map((_, i) => i)) {
    const outside = current[d]! & ~u[d]!;
    if (outside !== 0n) {
      const piece = [...current];
      piece[d] = outside;
      out.push(piece);
    }
    current[d] = current[d]! & u[d]!;
  }
  return out;
}

/** (∪ positive) minus (∪ negative), exactly, as cubes (possibly overlapping one another). */
export function differenceOf(positive: readonly Cube[], negative: readonly Cube[]): Cube[] {
  const out: Cube[] = [];
  for (const p of positive) {
    if (isEmptyCube(p)) continue;
    let pieces: Cube[] = [p];
    for (const u of negative) {
      if (!intersects(p, u)) continue;
      const next: Cube[] = [];
      for (const piece of pieces) for (const rest of subtractCube(piece, u)) next.push(rest);
      pieces = next;
      if (pieces.length === 0) break;
    }
    for (const piece of pieces) out.push(piece);
  }
  return out;
}

/**
 * The same union in fewer cubes, deterministically: cubes inside another one are dropped, and two
 * cubes that differ in one dimension only become one (their union in that dimension), until nothing
 * changes.
 */
export function compactCubes(cubes: readonly Cube[]): Cube[] {
  let list = [...cubes].filter((c) => !isEmptyCube(c)).sort(compareCubes);
  let changed = true;
  while (changed) {
    changed = false;
    list = dropContained(list);
    for (let i = 0; i < list.length && !changed; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const d = singleDifference(list[i]!, list[j]!);
        if (d < 0) continue;
        const merged = [...list[i]!];
        merged[d] = merged[d]! | list[j]![d]!;
        list[i] = merged;
        list.splice(j, 1);
        changed = true;
        break;
      }
    }
  }
  return list.sort(compareCubes);
}

function dropContained(list: Cube[]): Cube[] {
  return list.filter((c, i) => !list.some((o, j) => j !== i && containsCube(o, c) && (!containsCube(c, o) || j < i)));
}

/** The one dimension in which a and b differ, or -1 (equal, or different in several). */
function singleDifference(a: Cube, b: Cube): number {
  let found = -1;
  for (let d = 0; d < a.length; d++) {
    if (a[d] === b[d]) continue;
    if (found >= 0) return -1;
    found = d;
  }
  return found;
}

function compareCubes(a: Cube, b: Cube): number {
  for (let d = 0; d < a.length; d++) {
    if (a[d] !== b[d]) return a[d]! < b[d]! ? -1 : 1;
  }
  return 0;
}
