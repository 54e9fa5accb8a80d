// One finding, said so that the reader knows what to do: what it is and why it matters (the
// catalogue), the remediation, and for each grant the exact binding, role and rule to change, with
// the kubectl command that opens it; its notes in words (finding kinds by title, not by id); the
// pods it reaches. Pure: the Findings page's finding view (/findings/finding?id=) renders it.
import { FINDING_CATALOG, FINDING_IDS, type FindingReference } from '../engine/findings/catalog';
import type { Finding, FindingKind } from '../engine/findings/types';
import { nodeId, type NodeId } from '../engine/graph';
import type { AtlasIndex } from '../engine/query-index';
import type { ObjectRef } from '../engine/types';
import { findingTarget, scopeLabel } from '../format/findings-common';
import { ruleText } from '../format/text';
import { findingHref } from './findings';
import { findingHead } from './finding-view';

export interface GrantToChange {
  binding?: NodeId;
  role: NodeId;
  /** "cluster" or the RoleBinding's namespace */
  scope: string;
  /** the rule as written ("get,list,watch secrets"), and its position in the role (1-based for people) */
  rule?: string;
  ruleNumber?: number;
  /** the checked permissions this rule grants */
  permissions: string[];
  /** Kubernetes' own bootstrap policy: changing it is rarely the fix */
  builtin: boolean;
  /** what to do with this grant, in one sentence */
  change: string;
  /** kubectl commands that open (or remove) the objects to change; names shell-quoted */
  commands: string[];
}

export interface FindingDetail {
  id: string;
  severity: Finding['severity'];
  kindId: string;
  title: string;
  target: string;
  targetId?: NodeId;
  scope: string;
  scopeText: string;
  message: string;
  builtin: boolean;
  why: string;
  remediation: string;
  severityNotes?: string;
  references: readonly FindingReference[];
  grants: GrantToChange[];
  notes: string[];
  pods: { namespace: string; name: string; tokenMounted: boolean; node?: string; owner?: string }[];
  podCount: number;
  /** the explorer drawing its grant paths */
  graphHref: string;
}

const TITLE_BY_ID = new Map<string, string>(Object.entries(FINDING_IDS).map(([kind, id]) => [id, FINDING_CATALOG[kind as FindingKind].title]));
const ID_PATTERN = new RegExp(`(?<![\\w-])(${[...TITLE_BY_ID.keys()].sort((a, b) => b.length - a.length).join('|')})(?![\\w-])`, 'g');

/** A note with the finding kinds it names by id ("read-secrets") named by title ("Read Secrets"). */
export function noteInWords(note: string): string {
  const out = note.replace(ID_PATTERN, (id) => `“${TITLE_BY_ID.get(id)!}”`);
  return out.charAt(0).toUpperCase() + out.slice(1);
}

/** A word for a shell: as is when it is plainly a name, else single-quoted. */
export function shellWord(s: string): string {
  return /^[A-Za-z0-9._:@/=+-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

const KUBECTL_KIND: Record<string, string> = { RoleBinding: 'rolebinding', ClusterRoleBinding: 'clusterrolebinding', Role: 'role', ClusterRole: 'clusterrole' };

function kubectl(verb: string, ref: ObjectRef): string {
  const kind = KUBECTL_KIND[ref.kind] ?? ref.kind.toLowerCase();
  return `kubectl ${verb} ${kind} ${shellWord(ref.name)}${ref.namespace ? ` -n ${shellWord(ref.namespace)}` : ''}`;
}

function subjectsOf(index: AtlasIndex, binding: ObjectRef): number | undefined {
  const id = nodeId(binding);
  return index.bindings.find((b) => b.key === id)?.subjects.length;
}

function grantOfPath(index: AtlasIndex, f: Finding, p: Finding['paths'][number]): GrantToChange {
  const who = f.subject ? findingTarget(f) : 'its subjects';
  const grant: GrantToChange = {
    role: nodeId(p.role),
    scope: p.scope,
    permissions: p.permissions,
    builtin: p.builtin,
    change: '',
    commands: [],
  };
  if (p.binding) grant.binding = nodeId(p.binding);
  if (p.rule) grant.rule = ruleText(p.rule);
  if (p.ruleIndex !== undefined) grant.ruleNumber = p.ruleIndex + 1;
  const rule = grant.ruleNumber !== undefined ? `rule ${grant.ruleNumber} of ${p.role.kind} ${p.role.name}` : `${p.role.kind} ${p.role.name}`;
  if (p.builtin) {
    grant.change = `This grant is Kubernetes' own bootstrap policy: leave it, and make sure ${who} does not hold it by mistake.`;
  } else if (!p.binding) {
    grant.change = `Narrow ${rule}: name the verbs and resources it needs instead of "*".`;
    grant.commands.push(kubectl('edit', p.role));
  } else {
    const only = f.subject !== undefined && subjectsOf(index, p.binding) === 1;
    grant.change = only
      ? `Delete ${p.binding.kind} ${p.binding.name} (it binds only ${who}), or narrow ${rule} (${p.permissions.join(', ')}), or bind a smaller role.`
      : `Remove ${who} from ${p.binding.kind} ${p.binding.name}${p.binding.kind === 'ClusterRoleBinding' ? ' (or bind it with a RoleBinding in the namespaces it needs)' : ''}, or narrow ${rule} (${p.permissions.join(', ')}) for every subject bound to it.`;
    grant.commands.push(kubectl(only ? 'delete' : 'edit', p.binding), kubectl('edit', p.role));
  }
  return grant;
}

export function findingDetail(index: AtlasIndex, f: Finding): FindingDetail {
  const info = FINDING_CATALOG[f.kind];
  const pods = f.pods ?? [];
  const target = f.subject ?? f.object;
  return {
    ...findingHead(f),
    ...(target ? { targetId: nodeId(target) } : {}),
    scopeText: f.scope === 'cluster' ? 'cluster-wide (every namespace)' : `namespace ${scopeLabel(f.scope)}`,
    why: info.why,
    remediation: info.remediation,
    ...(info.severityNotes ? { severityNotes: info.severityNotes } : {}),
    references: info.references,
    grants: f.paths.map((p) => grantOfPath(index, f, p)),
    notes: f.notes.map(noteInWords),
    pods: pods.slice(0, 50).map((p) => ({
      namespace: p.namespace,
      name: p.name,
      tokenMounted: p.automountServiceAccountToken,
      ...(p.nodeName ? { node: p.nodeName } : {}),
      ...(p.owner ? { owner: `${p.owner.kind} ${p.owner.name}` } : {}),
    })),
    podCount: pods.length,
    graphHref: findingHref(f),
  };
}
