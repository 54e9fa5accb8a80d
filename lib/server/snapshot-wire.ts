// How a snapshot crosses from a worker thread to the thread that answers requests without stalling
// it. Posting the snapshot itself (structured clone) is cheap for the worker but makes the receiving
// thread deserialize every object in one go: 1.5 s for the 180,000 objects of a 16 MB upload, during
// which no request is served. Instead the worker writes the snapshot as JSON pieces of at most
// PIECE_ITEMS objects into one SharedArrayBuffer (nothing is copied when it is posted, to the request
// thread or to the answer worker), and the request thread parses the pieces a few at a time, letting
// requests in between (decodeSnapshot). Snapshots are plain JSON data (the `snapshot` command writes
// and reads them as JSON), so the round trip gives the same snapshot. Other large plain-JSON results
// (a findings analysis: 40 MB of JSON at 1,000 namespaces, ~1 s to structured-clone) cross the same
// way (encodePieces, decodePieces).
import type { Snapshot } from '../engine/types';

/** A snapshot as JSON pieces: piece 0 is the snapshot with every list empty, then `[key, items]` pieces. */
export interface SnapshotWire {
  bytes: SharedArrayBuffer;
  /** end offset of each piece in `bytes` */
  ends: number[];
}

/** Objects per piece: ~100-250 KB of JSON, a few ms to parse. */
export const PIECE_ITEMS = 500;

/** Writes a snapshot as JSON pieces into one shared buffer (the worker's side). */
export function encodeSnapshot(snapshot: Snapshot, pieceItems = PIECE_ITEMS): SnapshotWire {
  return encodePieces(snapshot, pieceItems);
}

/** Writes a plain JSON object as pieces (its top-level lists split every `pieceItems` items) into one shared buffer. */
export function encodePieces(data: object, pieceItems = PIECE_ITEMS): SnapshotWire {
  const encoder = new TextEncoder();
  const head: Record<string, unknown> = {};
  const pieces: Uint8Array[] = [];
  for (const [key, value] of Object.entries(data)) head[key] = Array.isArray(value) ? [] : value;
  pieces.push(encoder.encode(JSON.stringify(head)));
  for (const [key, value] of Object.entries(data)) {
    if (!Array.isArray(value)) continue;
    for (let at = 0; at < value.length; at += pieceItems) pieces.push(encoder.encode(JSON.stringify([key, value.slice(at, at + pieceItems)])));
  }
  const total = pieces.reduce((n, p) => n + p.byteLength, 0);
  const bytes = new SharedArrayBuffer(total);
  const view = new Uint8Array(bytes);
  const ends: number[] = [];
  let at = 0;
  for (const p of pieces) {
    view.set(p, at);
    at += p.byteLength;
    ends.push(at);
  }
  return { bytes, ends };
}

function piece(wire: SnapshotWire, i: number): unknown {
  const start = i === 0 ? 0 : wire.ends[i - 1]!;
  return JSON.parse(Buffer.from(wire.bytes, start, wire.ends[i]! - start).toString('utf8'));
}

/** What an item of a piece stands for (decodeSnapshotDelta: a position in the base's list). */
type ItemOf = (key: string, item: unknown) => unknown;

function addPiece(snapshot: Record<string, unknown>, value: unknown, itemOf?: ItemOf): void {
  const [key, items] = value as [string, unknown[]];
  const list = snapshot[key] as unknown[];
  if (itemOf) for (const item of items) list.push(itemOf(key, item));
  else for (const item of items) list.push(item);
}

/** The snapshot of a wire, at once (a worker thread's side: nothing else waits for it there). */
export function decodeSnapshotSync(wire: SnapshotWire): Snapshot {
  const snapshot = piece(wire, 0) as Record<string, unknown>;
  for (let i = 1; i < wire.ends.length; i++) addPiece(snapshot, piece(wire, i));
  return snapshot as unknown as Snapshot;
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * The snapshot of a wire, parsed in slices of about `sliceMs` that give the event loop back in
 * between (setImmediate), so that requests are answered while a large snapshot arrives. Remembers
 * the wire (wireOf), so that the answer worker can be given the same bytes instead of a copy.
 */
export async function decodeSnapshot(wire: SnapshotWire, sliceMs = 8): Promise<Snapshot> {
  const result = await decodePieces<Snapshot>(wire, sliceMs);
  wires().set(result, wire);
  return result;
}

/** The object of encodePieces, parsed in slices of about `sliceMs` with the event loop given back in between. */
export async function decodePieces<T extends object>(wire: SnapshotWire, sliceMs = 8, itemOf?: ItemOf): Promise<T> {
  const data = piece(wire, 0) as Record<string, unknown>;
  let sliceStart = performance.now();
  for (let i = 1; i < wire.ends.length; i++) {
    if (performance.now() - sliceStart >= sliceMs) {
      await nextTurn();
      sliceStart = performance.now();
    }
    addPiece(data, piece(wire, i), itemOf);
  }
  return data as T;
}

/**
 * A snapshot derived from `base` (a change applied on it: most of its objects are the base's own), as
 * pieces in which each object of the base is written as its position in the base's list of the same
 * key. Decoded against the same base (decodeSnapshotDelta), those objects are the base's objects
 * again: shared, not copied, as when the change is applied on the requesting thread, and a few bytes
 * each to send and parse.
 */
export function encodeSnapshotDelta(snapshot: Snapshot, base: Snapshot, pieceItems = PIECE_ITEMS): SnapshotWire {
  const delta: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(snapshot)) {
    const from: unknown = (base as unknown as Record<string, unknown>)[key];
    if (!Array.isArray(value) || !Array.isArray(from)) {
      delta[key] = value;
      continue;
    }
    const at = new Map<unknown, number>(from.map((o: unknown, i) => [o, i]));
    delta[key] = value.map((o: unknown) => at.get(o) ?? o);
  }
  return encodePieces(delta, pieceItems);
}

/** The snapshot of encodeSnapshotDelta, against the base it was encoded against (the same objects in the same order), parsed in slices. */
export function decodeSnapshotDelta(wire: SnapshotWire, base: Snapshot, sliceMs = 8): Promise<Snapshot> {
  const lists = base as unknown as Record<string, unknown[]>;
  return decodePieces<Snapshot>(wire, sliceMs, (key, item) => {
    if (typeof item !== 'number') return item;
    const found = lists[key]?.[item];
    if (found === undefined) throw new Error(`snapshot delta: no ${key}[${item}] in its base`);
    return found;
  });
}

/** Records the wire of a snapshot built here (the answer worker is then given it instead of a copy). */
export function rememberWire(snapshot: Snapshot, wire: SnapshotWire): void {
  wires().set(snapshot, wire);
}

const KEY = Symbol.for('rbac-atlas.snapshot-wires');
const globals = globalThis as typeof globalThis & { [KEY]?: WeakMap<Snapshot, SnapshotWire> };
/** Shared by every route bundle of the process (as the store is). */
const wires = () => (globals[KEY] ??= new WeakMap());

/** The wire a snapshot was decoded from (kept as long as the snapshot is), if any. */
export function wireOf(snapshot: Snapshot): SnapshotWire | undefined {
  return wires().get(snapshot);
}

/** A snapshot to send to a worker: its wire when it has one (shared, not copied), else itself (structured clone). */
export type SnapshotRef = { wire: SnapshotWire } | { snapshot: Snapshot };

export function snapshotRef(snapshot: Snapshot): SnapshotRef {
  const wire = wireOf(snapshot);
  return wire ? { wire } : { snapshot };
}

/** The snapshot of a reference (a worker's side). */
export function snapshotOfRef(ref: SnapshotRef): Snapshot {
  return 'wire' in ref ? decodeSnapshotSync(ref.wire) : ref.snapshot;
}
