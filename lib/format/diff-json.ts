// The JSON document of `rbac-atlas diff -o json` (DESIGN.md): the subjects whose permissions changed,
// each with gained and lost rules, and the findings added and resolved, each finding in the shape of
// `scan -o json`. Provenance is not part of it (Markdown and table show it).
import type { DiffResult, SubjectDelta } from '../engine/diff/types';
import { findingJson } from './findings-json';

export interface DiffDocument {
  subjects: SubjectDelta[];
  findings: { added: ReturnType<typeof findingJson>[]; resolved: ReturnType<typeof findingJson>[] };
}

export function diffJson(result: DiffResult): DiffDocument {
  return {
    subjects: result.subjects,
    findings: { added: result.findings.added.map(findingJson), resolved: result.findings.resolved.map(findingJson) },
  };
}
