// What the pages show of a change being tried (lib/service/overlay.ts): the "changes" page (per
// subject, gained and lost rules with the bindings responsible, risky gains first; findings added and
// resolved), and the marks on the explorer's answers (which subjects of an answer gained the request
// with the change, which lost it). Plain JSON for client components.
import type { Finding } from '../engine/findings/types';
import { nodeId, type NodeId } from '../engine/graph';
import type { SubjectKind } from '../engine/types';
import { diffRuleText, rankForReview, refText, scopeText, visible, type RankedRule } from '../format/diff-common';
import { mergeDocument } from './answer-view';
import { questionDocument } from './answers';
import type { OverlayDiffOptions } from './overlay';
import { overlayDiff } from './overlay';
import { resolveQuery, type QueryParams } from './query';
import type { OverlaySummary } from './source-view';
import type { WebSource } from './store';

export interface ChangeRuleItem {
  text: string;
  scope: string;
  /** bindings that grant it (gained, in the changed source) or granted it (lost, in the base) */
  via: string[];
  risks: string[];
}

export interface ChangeSubjectItem {
  id: NodeId;
  kind: SubjectKind;
  label: string;
  gained: ChangeRuleItem[];
  lost: ChangeRuleItem[];
}

export interface ChangeFindingItem {
  id: string;
  severity: Finding['severity'];
  title: string;
  scope: string;
  about: string;
  message: string;
}

export interface ChangeView {
  overlay: OverlaySummary;
  subjects: ChangeSubjectItem[];
  added: ChangeFindingItem[];
  resolved: ChangeFindingItem[];
}

function ruleItem(r: RankedRule): ChangeRuleItem {
  return { text: visible(diffRuleText(r.rule)), scope: visible(scopeText(r.rule.scope)), via: r.via.map((v) => visible(refText(v))), risks: r.risks };
}

export function findingItem(f: Finding): ChangeFindingItem {
  const about = f.subject ? `${f.subject.kind} ${f.subject.namespace ? `${f.subject.namespace}/` : ''}${f.subject.name}` : f.object ? refText(f.object) : '';
  return { id: f.id, severity: f.severity, title: f.title, scope: f.scope === 'cluster' || f.scope === '' ? 'cluster-wide' : f.scope, about: visible(about), message: f.message };
}

/** The change of a source with a change applied, for the changes page; undefined for any other source. */
export function changeView(source: WebSource, options: OverlayDiffOptions): ChangeView | undefined {
  if (!source.overlay || !source.summary.overlay) return undefined;
  const diff = overlayDiff(source, options);
  const subjects = rankForReview(diff).map(({ subject, gained, lost }): ChangeSubjectItem => ({
    id: nodeId(subject),
    kind: subject.kind,
    label: visible(subject.kind === 'ServiceAccount' ? `${subject.namespace}/${subject.name}` : subject.name),
    gained: gained.map(ruleItem),
    lost: lost.map(ruleItem),
  }));
  return { overlay: source.summary.overlay, subjects, added: diff.findings.added.map(findingItem), resolved: diff.findings.resolved.map(findingItem) };
}

export interface LostSubject {
  id: NodeId;
  kind: SubjectKind;
  label: string;
  /** how the base granted it: "RoleBinding/team-a/x → Role/team-a/y" */
  via: string;
}

/** What the change does to one answer: who is allowed only with it (gained), who only without it (lost). */
export interface AnswerChange {
  baseName: string;
  /** subjects of the answer that the base did not allow */
  gained: NodeId[];
  /** bindings of the answer that grant nothing in the base's answer (new or changed by the change) */
  newBindings: NodeId[];
  /** subjects the base allowed and the changed source does not */
  lost: LostSubject[];
}

/**
 * The same question asked of the base: the answer's subjects (and bindings) not in the base's answer
 * are gained, the base's subjects not in the answer are lost. Undefined unless a change is applied.
 */
export function answerChange(source: WebSource, params: QueryParams): AnswerChange | undefined {
  if (!source.overlay) return undefined;
  const question = resolveQuery(params);
  const after = mergeDocument(questionDocument(source.index, question));
  const before = mergeDocument(questionDocument(source.overlay.base.index, question));
  const beforeIds = new Set(before.subjects.map(nodeId));
  const afterIds = new Set(after.subjects.map(nodeId));
  const grantKey = (s: NodeId, g: { binding: { kind: string; name: string; namespace?: string }; scope: string; permission: string }) => `${s}|${nodeId(g.binding)}|${g.scope}|${g.permission}`;
  const beforeGrants = new Set(before.subjects.flatMap((s) => s.grants.map((g) => grantKey(nodeId(s), g))));
  const newBindings = new Set<NodeId>();
  for (const s of after.subjects) for (const g of s.grants) if (!beforeGrants.has(grantKey(nodeId(s), g))) newBindings.add(nodeId(g.binding));
  return {
    baseName: source.overlay.base.summary.name,
    gained: after.subjects.map(nodeId).filter((id) => !beforeIds.has(id)),
    newBindings: [...newBindings],
    lost: before.subjects
      .filter((s) => !afterIds.has(nodeId(s)))
      .map((s) => {
        const g = s.grants[0];
        return {
          id: nodeId(s),
          kind: s.kind,
          label: s.kind === 'ServiceAccount' ? `${s.namespace}/${s.name}` : s.name,
          via: g ? `${refText(g.binding)} → ${refText(g.role)}` : '',
        };
      }),
  };
}

/** The findings a change adds and resolves (the Findings page's hook); undefined unless a change is applied. */
export function changeFindings(source: WebSource, options: OverlayDiffOptions): { added: ChangeFindingItem[]; resolved: ChangeFindingItem[] } | undefined {
  if (!source.overlay) return undefined;
  const diff = overlayDiff(source, options);
  return { added: diff.findings.added.map(findingItem), resolved: diff.findings.resolved.map(findingItem) };
}
