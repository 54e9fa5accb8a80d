// Turns raw Kubernetes objects (already parsed from YAML/JSON or received from the API) into a
// typed Snapshot plus diagnostics. Pure: no I/O. Lists ("kind: List", "*List") are flattened here.
// A bad object is skipped with a diagnostic naming it; every other object still loads. Only bugs throw.
import type * as z from 'zod/mini';
import {
  API_VERSIONS,
  RBAC_GROUP,
  bindingSchema,
  clusterRoleSchema,
  namespaceSchema,
  objectMetaSchema,
  podSchema,
  policyRuleSchema,
  roleRefSchema,
  roleSchema,
  secretSchema,
  serviceAccountSchema,
  subjectSchema,
  type WireLabelSelector,
} from '../schema/wire';
import { fastBinding, fastClusterRole, fastNamespace, fastPod, fastRole, fastServiceAccount } from '../schema/wire-fast';
import { aggregateClusterRoles } from './aggregate';
import { describe, formatIssue, formatOrigin, isPlainObject, nameHint, objectLabel, short } from './describe';
import type {
  AtlasObject,
  ClusterRole,
  ClusterRoleBinding,
  Diagnostic,
  DiagnosticCode,
  DiagnosticSeverity,
  LabelSelector,
  Namespace,
  ObjectMeta,
  Origin,
  Pod,
  PolicyRule,
  Role,
  RoleBinding,
  RoleRef,
  SecretMeta,
  ServiceAccount,
  Snapshot,
  Subject,
} from './types';

export type PathSegment = string | number;

export interface RawInput {
  /** the parsed document: anything at all (hostile input is expected) */
  value: unknown;
  origin: Origin;
  /** maps a path inside `value` to its position in the source text (YAML), if known */
  locate?: (path: readonly PathSegment[]) => { line: number; col: number } | undefined;
}

export interface BuildOptions {
  source: string;
  loadedAt?: string;
  partial?: boolean;
  /** diagnostics produced before normalization (parse errors from the loader) */
  diagnostics?: Diagnostic[];
  /**
   * The inputs belong to the caller's load alone: let go of each parsed object once it is read
   * (document values and List items are set to undefined), so that the garbage collector can free the
   * parts the snapshot does not keep (pod specs, managedFields...) during the load, not after it.
   */
  consumeInputs?: boolean;
}

export const SUBJECT_KINDS = new Set(['User', 'Group', 'ServiceAccount']);
const KNOWN_KINDS = new Set(Object.keys(API_VERSIONS));
/** Namespaced kinds without metadata.namespace land in "default", as `kubectl apply` without -n does. */
const DEFAULT_NAMESPACE = 'default';

const NO_PATH: readonly PathSegment[] = [];

export const SECRET_TYPE_SERVICE_ACCOUNT_TOKEN = 'kubernetes.io/service-account-token';
export const SERVICE_ACCOUNT_NAME_ANNOTATION = 'kubernetes.io/service-account.name';
export const LEGACY_TOKEN_INVALID_SINCE_LABEL = 'kubernetes.io/legacy-token-invalid-since';

interface Ctx {
  input: RawInput;
  origin: Origin;
  base: readonly PathSegment[];
}

export function buildSnapshot(inputs: Iterable<RawInput>, options: BuildOptions): Snapshot {
  const builder = new SnapshotBuilder(options);
  for (const input of inputs) {
    builder.addDocument(input);
    if (options.consumeInputs) input.value = undefined;
  }
  return builder.finish();
}

class SnapshotBuilder {
  private readonly objects = new Map<string, AtlasObject>();
  private readonly secrets = new Map<string, SecretMeta>();
  private readonly diagnostics: Diagnostic[];
  private readonly skippedKinds: Record<string, number> = Object.create(null) as Record<string, number>;

  constructor(private readonly options: BuildOptions) {
    this.diagnostics = [...(options.diagnostics ?? [])];
  }

  addDocument(input: RawInput): void {
    const value = input.value;
    if (value === null || value === undefined) return; // empty document
    const ctx: Ctx = { input, origin: this.originAt(input, []), base: [] };
    if (!isPlainObject(value)) {
      this.report(ctx, 'error', 'invalid-object', `expected a Kubernetes object (a mapping), got ${describe(value)}`);
      return;
    }
    const kind = value.kind;
    const items = value.items;
    if (typeof kind === 'string' && kind.endsWith('List') && Array.isArray(items)) {
      const itemKind = kind === 'List' ? undefined : kind.slice(0, -'List'.length);
      const apiVersion = typeof value.apiVersion === 'string' ? value.apiVersion : undefined;
      const consume = this.options.consumeInputs === true;
      items.forEach((item: unknown, i: number) => {
        // Without a locate function (JSON) no position is known: skip building paths per item.
        const path = input.locate ? ['items', i] : NO_PATH;
        const origin: Origin = input.locate ? { ...this.originAt(input, path), item: i } : { ...input.origin, item: i };
        const itemCtx: Ctx = { input, origin, base: path };
        if (!isPlainObject(item)) {
          this.report(itemCtx, 'error', 'invalid-object', `items[${i}]: expected an object, got ${describe(item)}`);
          return;
        }
        // Items of typed lists straight from the API server (RoleList, PodList...) carry no kind/apiVersion.
        const withKind =
          itemKind !== undefined && item.kind === undefined ? { ...item, kind: itemKind, apiVersion } : item;
        this.addObject(withKind, itemCtx);
        if (consume) items[i] = undefined;
      });
      return;
    }
    if (value.kind === undefined && value.apiVersion === undefined && value.metadata === undefined) {
      // a JSON or YAML file next to the manifests that is something else (a dataset's stats.json):
      // nothing in it can be an RBAC object, so it is noted, not counted as a broken one
      this.report(ctx, 'info', 'unknown-kind', 'not a Kubernetes object (no kind, apiVersion or metadata); skipped');
      return;
    }
    this.addObject(value, ctx);
  }

  private addObject(obj: Record<string, unknown>, ctx: Ctx): void {
    const kind = obj.kind;
    if (typeof kind !== 'string' || kind.length === 0) {
      this.report(ctx, 'error', 'invalid-object', `object has no kind${nameHint(obj)}`);
      return;
    }
    if (!KNOWN_KINDS.has(kind)) {
      this.skippedKinds[kind] = (this.skippedKinds[kind] ?? 0) + 1;
      return;
    }
    const apiVersion = obj.apiVersion;
    const accepted = API_VERSIONS[kind] ?? [];
    if (apiVersion === undefined) {
      this.report(ctx, 'warning', 'unsupported-api-version', `${kind}${nameHint(obj)} has no apiVersion; read as ${accepted[0]}`);
    } else if (typeof apiVersion !== 'string' || !accepted.includes(apiVersion)) {
      this.report(
        ctx,
        'error',
        'unsupported-api-version',
        `${kind}${nameHint(obj)}: apiVersion ${describe(apiVersion)} is not one of ${accepted.join(', ')}; skipped`,
      );
      return;
    }
    if (kind === 'Secret') {
      this.addSecret(obj, ctx);
      return;
    }
    const parsed = this.parseKind(kind, obj, ctx);
    if (parsed) this.put(parsed, ctx);
  }

  /**
   * A Secret keeps its name, namespace, type, service-account annotation and token-invalidation
   * label, nothing else (the loaders dropped data and stringData already; the schema does not even
   * declare them). A malformed Secret is only a warning: no RBAC answer depends on it.
   */
  private addSecret(obj: Record<string, unknown>, ctx: Ctx): void {
    const result = secretSchema.safeParse(obj);
    if (!result.success) {
      const issue = result.error.issues[0];
      this.report(ctx, 'warning', 'invalid-object', `Secret${nameHint(obj)}: ${formatIssue(issue, obj)}; its metadata is not used`, `Secret/${objectLabel('Secret', obj)}`);
      return;
    }
    const raw = result.data;
    const name = raw.metadata.name;
    const namespace = raw.metadata.namespace || DEFAULT_NAMESPACE;
    const secret: SecretMeta = { kind: 'Secret', metadata: { name, namespace }, origin: ctx.origin };
    if (raw.type) secret.type = raw.type;
    const saName = raw.metadata.annotations?.[SERVICE_ACCOUNT_NAME_ANNOTATION];
    if (typeof saName === 'string' && Object.hasOwn(raw.metadata.annotations!, SERVICE_ACCOUNT_NAME_ANNOTATION)) secret.serviceAccountName = saName;
    const invalidSince = raw.metadata.labels?.[LEGACY_TOKEN_INVALID_SINCE_LABEL];
    if (typeof invalidSince === 'string' && Object.hasOwn(raw.metadata.labels!, LEGACY_TOKEN_INVALID_SINCE_LABEL)) secret.invalidSince = invalidSince;
    const key = `Secret/${namespace}/${name}`;
    this.secrets.delete(key); // the later definition wins, as for every other kind
    this.secrets.set(key, secret);
  }

  private parseKind(kind: string, obj: Record<string, unknown>, ctx: Ctx): AtlasObject | undefined {
    switch (kind) {
      case 'Role':
        return this.parseRole(obj, ctx);
      case 'ClusterRole':
        return this.parseClusterRole(obj, ctx);
      case 'RoleBinding':
      case 'ClusterRoleBinding':
        return this.parseBinding(kind, obj, ctx);
      case 'ServiceAccount':
        return this.parseServiceAccount(obj, ctx);
      case 'Pod':
        return this.parsePod(obj, ctx);
      case 'Namespace':
        return this.parseNamespace(obj, ctx);
      default:
        return undefined;
    }
  }

  private validate<S extends z.ZodMiniType>(
    schema: S,
    obj: Record<string, unknown>,
    ctx: Ctx,
    kind: string,
    fast: (obj: Record<string, unknown>) => z.infer<S> | undefined,
  ): z.infer<S> | undefined {
    // well-formed objects take the fast path; anything else gets zod and its precise error
    const quick = fast(obj);
    if (quick !== undefined) return quick;
    const result = schema.safeParse(obj);
    if (result.success) return result.data;
    const issue = result.error.issues[0];
    const path = issue?.path.filter((p): p is string | number => typeof p !== 'symbol') ?? [];
    const where = { ...ctx, origin: this.originAt(ctx.input, [...ctx.base, ...path], ctx.origin) };
    this.report(where, 'error', 'invalid-object', `${kind}${nameHint(obj)}: ${formatIssue(issue, obj)}; skipped`, `${kind}/${objectLabel(kind, obj)}`);
    return undefined;
  }

  private meta(kind: string, raw: z.infer<typeof objectMetaSchema>, namespaced: boolean, ctx: Ctx): ObjectMeta {
    const meta: ObjectMeta = {
      name: raw.name,
      labels: raw.labels ?? {},
      annotations: raw.annotations ?? {},
    };
    if (raw.uid) meta.uid = raw.uid;
    if (raw.creationTimestamp) meta.creationTimestamp = raw.creationTimestamp;
    if (namespaced) {
      if (raw.namespace) {
        meta.namespace = raw.namespace;
      } else {
        meta.namespace = DEFAULT_NAMESPACE;
        this.report(ctx, 'warning', 'invalid-object', `${kind} "${raw.name}" has no metadata.namespace; assumed "${DEFAULT_NAMESPACE}" as kubectl apply would`, `${kind}/${DEFAULT_NAMESPACE}/${raw.name}`);
      }
    }
    return meta;
  }

  private rules(rawRules: unknown[] | null | undefined, kind: string, name: string, ctx: Ctx): PolicyRule[] {
    const rules: PolicyRule[] = [];
    (rawRules ?? []).forEach((raw, i) => {
      const fast = fastPolicyRule(raw);
      if (fast) {
        rules.push(fast);
        return;
      }
      const result = policyRuleSchema.safeParse(raw);
      if (!result.success) {
        const issue = result.error.issues[0];
        const sub = issue?.path.filter((p): p is string | number => typeof p !== 'symbol') ?? [];
        const path = ['rules', i, ...sub];
        const where = { ...ctx, origin: this.originAt(ctx.input, [...ctx.base, ...path], ctx.origin) };
        const got = isPlainObject(raw) ? formatIssue(issue, raw, `rules[${i}]`) : `rules[${i}]: expected a mapping, got ${describe(raw)}`;
        this.report(where, 'error', 'invalid-object', `${kind} "${name}": ${got}; this rule is ignored`, `${kind}/${name}`);
        return;
      }
      const r = result.data;
      rules.push({
        verbs: r.verbs,
        apiGroups: r.apiGroups ?? [],
        resources: r.resources ?? [],
        resourceNames: r.resourceNames ?? [],
        nonResourceURLs: r.nonResourceURLs ?? [],
      });
    });
    return rules;
  }

  private parseRole(obj: Record<string, unknown>, ctx: Ctx): Role | undefined {
    const raw = this.validate(roleSchema, obj, ctx, 'Role', fastRole);
    if (!raw) return undefined;
    const metadata = this.meta('Role', raw.metadata, true, ctx) as Role['metadata'];
    const rules = this.rules(raw.rules, 'Role', `${metadata.namespace}/${metadata.name}`, ctx);
    return { kind: 'Role', metadata, rules, origin: ctx.origin };
  }

  private parseClusterRole(obj: Record<string, unknown>, ctx: Ctx): ClusterRole | undefined {
    const raw = this.validate(clusterRoleSchema, obj, ctx, 'ClusterRole', fastClusterRole);
    if (!raw) return undefined;
    const metadata = this.meta('ClusterRole', raw.metadata, false, ctx);
    const rules = this.rules(raw.rules, 'ClusterRole', metadata.name, ctx);
    const role: ClusterRole = { kind: 'ClusterRole', metadata, rules, declaredRules: rules, aggregatedFrom: [], origin: ctx.origin };
    if (raw.aggregationRule) {
      role.aggregationRule = { clusterRoleSelectors: (raw.aggregationRule.clusterRoleSelectors ?? []).map(toSelector) };
    }
    return role;
  }

  private parseBinding(
    kind: 'RoleBinding' | 'ClusterRoleBinding',
    obj: Record<string, unknown>,
    ctx: Ctx,
  ): RoleBinding | ClusterRoleBinding | undefined {
    const raw = this.validate(bindingSchema, obj, ctx, kind, fastBinding);
    if (!raw) return undefined;
    const metadata = this.meta(kind, raw.metadata, kind === 'RoleBinding', ctx);
    const label = objectLabel(kind, { metadata });
    if (raw.roleRef === undefined || raw.roleRef === null) {
      this.report(ctx, 'error', 'missing-role-ref', `${kind} "${label}" has no roleRef; skipped (the API server rejects it)`, `${kind}/${label}`);
      return undefined;
    }
    const ref = roleRefSchema.safeParse(raw.roleRef);
    if (!ref.success) {
      const issue = ref.error.issues[0];
      const sub = issue?.path.filter((p): p is string | number => typeof p !== 'symbol') ?? [];
      const where = { ...ctx, origin: this.originAt(ctx.input, [...ctx.base, 'roleRef', ...sub], ctx.origin) };
      const got = isPlainObject(raw.roleRef) ? formatIssue(issue, raw.roleRef, 'roleRef') : `roleRef: expected a mapping, got ${describe(raw.roleRef)}`;
      this.report(where, 'error', 'missing-role-ref', `${kind} "${label}": ${got}; skipped`, `${kind}/${label}`);
      return undefined;
    }
    const roleRef: RoleRef = { kind: ref.data.kind, name: ref.data.name, apiGroup: ref.data.apiGroup ?? RBAC_GROUP };
    if (roleRef.apiGroup !== RBAC_GROUP) {
      this.report(ctx, 'warning', 'bad-role-ref', `${kind} "${label}": roleRef.apiGroup is "${short(roleRef.apiGroup)}", not ${RBAC_GROUP}; the API server would reject it`, `${kind}/${label}`);
    }
    if (kind === 'ClusterRoleBinding' && roleRef.kind === 'Role') {
      this.report(ctx, 'warning', 'bad-role-ref', `ClusterRoleBinding "${label}" references a Role; it grants nothing (only ClusterRoles can be bound cluster-wide)`, `${kind}/${label}`);
    }
    const subjects = this.subjects(raw.subjects, kind, label, metadata.namespace, ctx);
    const base = { metadata, roleRef, subjects, origin: ctx.origin };
    return kind === 'RoleBinding'
      ? { kind, ...base, metadata: metadata as RoleBinding['metadata'] }
      : { kind, ...base };
  }

  private subjects(rawSubjects: unknown[] | null | undefined, kind: string, label: string, bindingNs: string | undefined, ctx: Ctx): Subject[] {
    const subjects: Subject[] = [];
    (rawSubjects ?? []).forEach((raw, i) => {
      const result = fastSubject(raw) ?? subjectSchema.safeParse(raw);
      const where = () => ({ ...ctx, origin: this.originAt(ctx.input, [...ctx.base, 'subjects', i], ctx.origin) });
      if (!result.success) {
        const got = isPlainObject(raw) ? formatIssue(result.error.issues[0], raw, `subjects[${i}]`) : `subjects[${i}]: expected a mapping, got ${describe(raw)}`;
        this.report(where(), 'error', 'invalid-object', `${kind} "${label}": ${got}; this subject is ignored`, `${kind}/${label}`);
        return;
      }
      const s = result.data;
      const subject: Subject = { kind: s.kind, name: s.name };
      if (s.namespace) subject.namespace = s.namespace;
      if (s.apiGroup !== undefined && s.apiGroup !== null) subject.apiGroup = s.apiGroup;
      if (!SUBJECT_KINDS.has(s.kind)) {
        this.report(where(), 'warning', 'bad-subject-kind', `${kind} "${label}": subjects[${i}].kind "${short(s.kind)}" is not User, Group or ServiceAccount; it matches nobody`, `${kind}/${label}`);
      } else if (s.kind === 'ServiceAccount' && !s.namespace && !bindingNs) {
        this.report(where(), 'warning', 'subject-without-namespace', `${kind} "${label}": ServiceAccount subject "${short(s.name)}" has no namespace; in a ClusterRoleBinding it matches nobody`, `${kind}/${label}`);
      }
      subjects.push(subject);
    });
    return subjects;
  }

  private parseServiceAccount(obj: Record<string, unknown>, ctx: Ctx): ServiceAccount | undefined {
    const raw = this.validate(serviceAccountSchema, obj, ctx, 'ServiceAccount', fastServiceAccount);
    if (!raw) return undefined;
    const sa: ServiceAccount = {
      kind: 'ServiceAccount',
      metadata: this.meta('ServiceAccount', raw.metadata, true, ctx) as ServiceAccount['metadata'],
      secretNames: (raw.secrets ?? []).flatMap((s) => (s.name ? [s.name] : [])),
      origin: ctx.origin,
    };
    if (typeof raw.automountServiceAccountToken === 'boolean') sa.automountServiceAccountToken = raw.automountServiceAccountToken;
    return sa;
  }

  private parsePod(obj: Record<string, unknown>, ctx: Ctx): Pod | undefined {
    const raw = this.validate(podSchema, obj, ctx, 'Pod', fastPod);
    if (!raw) return undefined;
    const spec = raw.spec ?? {};
    const pod: Pod = {
      kind: 'Pod',
      metadata: this.meta('Pod', raw.metadata, true, ctx) as Pod['metadata'],
      serviceAccountName: spec.serviceAccountName || spec.serviceAccount || 'default',
      origin: ctx.origin,
    };
    if (typeof spec.automountServiceAccountToken === 'boolean') pod.automountServiceAccountToken = spec.automountServiceAccountToken;
    if (spec.nodeName) pod.nodeName = spec.nodeName;
    if (raw.status?.phase) pod.phase = raw.status.phase;
    const owners = raw.metadata.ownerReferences ?? [];
    const owner = owners.find((o) => o.controller) ?? owners[0];
    if (owner) pod.owner = { kind: owner.kind, name: owner.name, ...(owner.apiVersion ? { apiVersion: owner.apiVersion } : {}) };
    return pod;
  }

  private parseNamespace(obj: Record<string, unknown>, ctx: Ctx): Namespace | undefined {
    const raw = this.validate(namespaceSchema, obj, ctx, 'Namespace', fastNamespace);
    if (!raw) return undefined;
    const ns: Namespace = { kind: 'Namespace', metadata: this.meta('Namespace', raw.metadata, false, ctx), origin: ctx.origin };
    if (raw.status?.phase) ns.phase = raw.status.phase;
    return ns;
  }

  private put(obj: AtlasObject, ctx: Ctx): void {
    const key = objectKey(obj);
    const previous = this.objects.get(key);
    if (previous) {
      this.report(
        ctx,
        'warning',
        'duplicate-object',
        `${key} is defined twice (also at ${formatOrigin(previous.origin)}); the later definition is used`,
        key,
      );
      this.objects.delete(key); // keep insertion order = order of the winning definition
    }
    this.objects.set(key, obj);
  }

  finish(): Snapshot {
    const snapshot: Snapshot = {
      roles: [],
      clusterRoles: [],
      roleBindings: [],
      clusterRoleBindings: [],
      serviceAccounts: [],
      pods: [],
      namespaces: [],
      diagnostics: this.diagnostics,
      meta: {
        source: this.options.source,
        skippedKinds: { ...this.skippedKinds },
        partial: this.options.partial ?? false,
        ...(this.options.loadedAt ? { loadedAt: this.options.loadedAt } : {}),
      },
    };
    for (const obj of this.objects.values()) {
      switch (obj.kind) {
        case 'Role': snapshot.roles.push(obj); break;
        case 'ClusterRole': snapshot.clusterRoles.push(obj); break;
        case 'RoleBinding': snapshot.roleBindings.push(obj); break;
        case 'ClusterRoleBinding': snapshot.clusterRoleBindings.push(obj); break;
        case 'ServiceAccount': snapshot.serviceAccounts.push(obj); break;
        case 'Pod': snapshot.pods.push(obj); break;
        case 'Namespace': snapshot.namespaces.push(obj); break;
      }
    }
    if (this.secrets.size > 0) snapshot.secrets = [...this.secrets.values()];
    for (const d of aggregateClusterRoles(snapshot.clusterRoles)) this.diagnostics.push(d);
    for (const d of missingRoleDiagnostics(snapshot)) this.diagnostics.push(d);
    for (const [kind, count] of Object.entries(this.skippedKinds)) {
      this.diagnostics.push({
        severity: 'info',
        code: 'unknown-kind',
        message: `${count} ${kind} object${count === 1 ? '' : 's'} skipped (not used for RBAC analysis)`,
      });
    }
    return snapshot;
  }

  private originAt(input: RawInput, path: readonly PathSegment[], fallback?: Origin): Origin {
    const pos = safeLocate(input, path);
    const base = fallback ?? input.origin;
    return pos ? { ...base, line: pos.line, col: pos.col } : base;
  }

  private report(ctx: Ctx, severity: DiagnosticSeverity, code: DiagnosticCode, message: string, object?: string): void {
    this.diagnostics.push({ severity, code, message, origin: ctx.origin, ...(object ? { object } : {}) });
  }
}

/** A warning per binding whose role is not in the snapshot (it grants nothing). */
export function missingRoleDiagnostics(snapshot: Snapshot): Diagnostic[] {
  const clusterRoles = new Set(snapshot.clusterRoles.map((r) => r.metadata.name));
  const roles = new Set(snapshot.roles.map((r) => `${r.metadata.namespace}/${r.metadata.name}`));
  const out: Diagnostic[] = [];
  for (const b of [...snapshot.roleBindings, ...snapshot.clusterRoleBindings]) {
    const ns = b.metadata.namespace ?? '';
    const exists = b.roleRef.kind === 'ClusterRole' ? clusterRoles.has(b.roleRef.name) : b.kind === 'RoleBinding' && roles.has(`${ns}/${b.roleRef.name}`);
    if (exists || (b.kind === 'ClusterRoleBinding' && b.roleRef.kind === 'Role')) continue;
    const target = b.roleRef.kind === 'ClusterRole' ? `ClusterRole/${b.roleRef.name}` : `Role/${ns}/${b.roleRef.name}`;
    const key = objectKey(b);
    out.push({
      severity: 'warning',
      code: 'missing-role',
      message: `${key} references ${target}, which is not in the snapshot; it grants nothing`,
      origin: b.origin,
      object: key,
    });
  }
  return out;
}

function toSelector(raw: WireLabelSelector): LabelSelector {
  return {
    matchLabels: raw.matchLabels ?? {},
    matchExpressions: (raw.matchExpressions ?? []).map((e) => ({ key: e.key, operator: e.operator, values: e.values ?? [] })),
  };
}

export function objectKey(obj: { kind: string; metadata: { name: string; namespace?: string } }): string {
  return obj.metadata.namespace !== undefined && obj.kind !== 'ClusterRole' && obj.kind !== 'ClusterRoleBinding' && obj.kind !== 'Namespace'
    ? `${obj.kind}/${obj.metadata.namespace}/${obj.metadata.name}`
    : `${obj.kind}/${obj.metadata.name}`;
}

function safeLocate(input: RawInput, path: readonly PathSegment[]): { line: number; col: number } | undefined {
  if (!input.locate) return undefined;
  try {
    return input.locate(path);
  } catch {
    return undefined;
  }
}

// Fast paths for the two shapes that make up most of a large cluster (rules, binding subjects). They
// accept only well-formed input, exactly what the zod schema accepts, and produce the same result
// without zod's copies; anything else returns undefined and goes through zod, which explains the problem.

function optionalStrings(v: unknown): string[] | undefined | false {
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v)) return false;
  for (let i = 0; i < v.length; i++) if (typeof v[i] !== 'string') return false;
  return v as string[];
}

export function fastPolicyRule(raw: unknown): PolicyRule | undefined {
  if (!isPlainObject(raw)) return undefined;
  const verbs = optionalStrings(raw.verbs);
  const apiGroups = optionalStrings(raw.apiGroups);
  const resources = optionalStrings(raw.resources);
  const resourceNames = optionalStrings(raw.resourceNames);
  const nonResourceURLs = optionalStrings(raw.nonResourceURLs);
  if (!verbs || verbs.length === 0 || apiGroups === false || resources === false || resourceNames === false || nonResourceURLs === false) {
    return undefined;
  }
  return { verbs, apiGroups: apiGroups ?? [], resources: resources ?? [], resourceNames: resourceNames ?? [], nonResourceURLs: nonResourceURLs ?? [] };
}

const optionalString = (v: unknown) => v === undefined || v === null || typeof v === 'string';

export function fastSubject(raw: unknown): { success: true; data: z.infer<typeof subjectSchema> } | undefined {
  if (!isPlainObject(raw) || typeof raw.kind !== 'string' || typeof raw.name !== 'string') return undefined;
  if (!optionalString(raw.namespace) || !optionalString(raw.apiGroup)) return undefined;
  return { success: true, data: raw as z.infer<typeof subjectSchema> };
}
