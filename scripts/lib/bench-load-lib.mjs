// Pure helpers of `npm run bench:load` (scripts/bench-load.mjs): the request mix built from a
// generated cluster, autocannon result summaries, RSS readings and the printed table. No I/O except
// readRss/nextServerPid (procfs) and freePortOnLoopback, so that a unit test can import them cheaply (scripts/lib/bench-load-lib.test.ts).
import { readFileSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { mulberry32 } from '../../testing/mulberry32.mjs';

const pick = (rand, list) => list[Math.floor(rand() * list.length)];

export const VERBS = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'];
export const RESOURCES = [
  'secrets',
  'pods',
  'pods/exec',
  'pods/log',
  'configmaps',
  'services',
  'serviceaccounts',
  'persistentvolumeclaims',
  'deployments.apps',
  'statefulsets.apps',
  'jobs.batch',
  'roles.rbac.authorization.k8s.io',
  'rolebindings.rbac.authorization.k8s.io',
];
export const PRESETS = [
  'read-secrets',
  'exec-pods',
  'create-pods',
  'create-workloads',
  'escalate-bind-impersonate',
  'read-configmaps',
  'delete-namespaces',
  'proxy-nodes',
  'approve-csr',
  'modify-webhooks',
];

/**
 * What the generated cluster holds that questions can name: namespaces, service accounts and the
 * users and groups that bindings name. `list` is the parsed `kind: List` document.
 */
export function clusterNames(list) {
  const namespaces = [];
  const serviceAccounts = [];
  const users = new Set();
  const groups = new Set();
  const names = new Set();
  for (const item of list.items ?? []) {
    const meta = item.metadata ?? {};
    if (typeof meta.name === 'string') names.add(meta.name);
    if (item.kind === 'Namespace') namespaces.push(meta.name);
    else if (item.kind === 'ServiceAccount') serviceAccounts.push(`${meta.namespace}/${meta.name}`);
    else if (item.kind === 'RoleBinding' || item.kind === 'ClusterRoleBinding') {
      for (const s of item.subjects ?? []) {
        if (s.kind === 'User') users.add(s.name);
        else if (s.kind === 'Group') groups.add(s.name);
      }
    }
  }
  return { namespaces, serviceAccounts, users: [...users].sort(), groups: [...groups].sort(), names: [...names].sort() };
}

const q = (params) => new URLSearchParams(params).toString();

/** One question of a class; every class asks many different questions, so that no cache makes it trivial. */
export const QUERY_CLASSES = {
  /** who can VERB RESOURCE in one namespace */
  'who-can-ns': (r, n) => `/api/who-can?${q({ verb: pick(r, VERBS), resource: pick(r, RESOURCES), ns: pick(r, n.namespaces) })}`,
  /** a preset question in one namespace */
  'preset-ns': (r, n) => `/api/who-can?${q({ preset: pick(r, PRESETS), ns: pick(r, n.namespaces) })}`,
  /** what a subject can do (the web's can-i / what-can) */
  subject: (r, n) => {
    const roll = r();
    const subject =
      roll < 0.6 && n.serviceAccounts.length
        ? `ServiceAccount:${pick(r, n.serviceAccounts)}`
        : roll < 0.8 && n.users.length
          ? `User:${pick(r, n.users)}`
          : `Group:${pick(r, n.groups.length ? n.groups : ['system:authenticated'])}`;
    return `/api/subject?${q({ subject })}`;
  },
  /** the search box: a prefix of some object name */
  search: (r, n) => {
    const name = pick(r, n.names);
    return `/api/search?${q({ q: name.slice(0, 2 + Math.floor(r() * 6)) })}`;
  },
  /** the subject list, filtered */
  subjects: (r, n) => `/api/subjects?${q({ q: pick(r, n.namespaces).slice(0, 3 + Math.floor(r() * 4)) })}`,
  /** namespace drill-down: bindings, access matrix, service accounts, pods */
  namespace: (r, n) => `/api/namespace/${encodeURIComponent(pick(r, n.namespaces))}`,
  /** who can VERB RESOURCE in any namespace (-A): walks every binding of the cluster */
  'who-can-all': (r) => `/api/who-can?${q({ verb: pick(r, VERBS), resource: pick(r, RESOURCES) })}`,
  /** a preset over all namespaces */
  'preset-all': (r) => `/api/who-can?${q({ preset: pick(r, PRESETS) })}`,
  /** the answer graph of an -A question (collapsed server-side) */
  'graph-all': (r) => `/api/graph?${q({ verb: pick(r, ['get', 'list', 'create']), resource: pick(r, ['secrets', 'pods/exec', 'pods', 'configmaps']) })}`,
  /** the findings list (computed once per snapshot, then filtered and serialized) */
  findings: (r) => `/api/findings${r() < 0.5 ? '' : `?${q({ sev: pick(r, ['critical', 'high', 'medium']) })}`}`,
};

/** The realistic mix of phases 1 and 2: mostly namespaced questions, some over every namespace. */
export const MIXED = {
  'who-can-ns': 35,
  'preset-ns': 10,
  subject: 15,
  search: 8,
  subjects: 5,
  namespace: 12,
  'who-can-all': 8,
  'preset-all': 4,
  'graph-all': 2,
  findings: 1,
};
/** Phase 3: cheap questions (one namespace, one subject, search) ... */
export const CHEAP = { 'who-can-ns': 50, 'preset-ns': 15, subject: 20, search: 10, subjects: 5 };
/** ... measured alone, then while other clients hammer these. */
export const EXPENSIVE = { 'who-can-all': 50, 'preset-all': 20, 'graph-all': 15, findings: 15 };

/** `count` URLs drawn from `weights` (class -> weight), deterministic for a seed. Each entry: {cls, path}. */
export function buildMix(names, weights, count, seed) {
  // seeded, so that two runs ask exactly the same questions in the same order
  const rand = mulberry32(seed);
  const entries = Object.entries(weights).filter(([, w]) => w > 0);
  const total = entries.reduce((s, [, w]) => s + w, 0);
  const out = [];
  for (let i = 0; i < count; i++) {
    let x = rand() * total;
    let cls = entries[entries.length - 1][0];
    for (const [c, w] of entries) {
      if ((x -= w) < 0) {
        cls = c;
        break;
      }
    }
    const make = QUERY_CLASSES[cls];
    if (!make) throw new Error(`unknown query class ${cls}`);
    out.push({ cls, path: make(rand, names) });
  }
  return out;
}

/** Number of different URLs in a mix. */
export function distinct(mix) {
  return new Set(mix.map((e) => e.path)).size;
}

/** The numbers we report from an autocannon result. Latencies in ms. */
export function summarize(result) {
  const l = result.latency ?? {};
  const statusCounts = result.statusCodeStats ?? {};
  return {
    requests: result.requests?.total ?? 0,
    rps: round(result.requests?.average ?? 0, 1),
    durationS: round(result.duration ?? 0, 1),
    latencyMs: { p50: l.p50 ?? 0, p90: l.p90 ?? 0, p99: l.p99 ?? 0, max: l.max ?? 0, mean: round(l.average ?? 0, 1) },
    non2xx: result.non2xx ?? 0,
    errors: result.errors ?? 0,
    timeouts: result.timeouts ?? 0,
    statusCodes: Object.fromEntries(Object.entries(statusCounts).map(([code, v]) => [code, v.count])),
  };
}

export function round(x, digits = 0) {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/** RSS growth from run 1 to run 2, in percent of the RSS after run 1. */
export function growthPercent(after1, after2) {
  return after1 > 0 ? round(((after2 - after1) / after1) * 100, 1) : 0;
}

/** VmRSS and VmHWM of a process in MiB, from /proc/PID/status (Linux). */
export function readRss(pid) {
  const text = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (key) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? NaN);
  return { rssMiB: round(kib('VmRSS') / 1024, 1), hwmMiB: round(kib('VmHWM') / 1024, 1) };
}

/**
 * The pid of the actual Next server: `pid` itself or a descendant whose command line starts with
 * "next-server" (next start sets that process title). Falls back to `pid`.
 */
export function nextServerPid(pid) {
  const children = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid).push(Number(entry));
    } catch {
      // the process ended meanwhile
    }
  }
  const queue = [pid];
  while (queue.length) {
    const p = queue.shift();
    try {
      if (readFileSync(`/proc/${p}/cmdline`, 'utf8').startsWith('next-server')) return p;
    } catch {
      // gone
    }
    queue.push(...(children.get(p) ?? []));
  }
  return pid;
}

const pad = (s, n) => String(s).padStart(n);

/** A fixed-width table of phase summaries. */
export function formatTable(rows) {
  const head = `${'phase'.padEnd(34)}${pad('req/s', 9)}${pad('requests', 10)}${pad('p50', 7)}${pad('p90', 7)}${pad('p99', 7)}${pad('max', 8)}${pad('non2xx', 8)}${pad('errors', 8)}${pad('timeouts', 9)}`;
  const lines = rows.map(({ name, s }) =>
    `${name.padEnd(34)}${pad(s.rps, 9)}${pad(s.requests, 10)}${pad(s.latencyMs.p50, 7)}${pad(s.latencyMs.p90, 7)}${pad(s.latencyMs.p99, 7)}${pad(s.latencyMs.max, 8)}${pad(s.non2xx, 8)}${pad(s.errors, 8)}${pad(s.timeouts, 9)}`,
  );
  return [head, '-'.repeat(head.length), ...lines, '(latencies in ms)'].join('\n');
}

/** Goals of the Hardening issue, checked on the summaries. */
export function verdicts({ run1, run2, growth, cheapAlone, cheapUnderLoad }) {
  const out = [];
  const zero = (s) => s.errors === 0 && s.non2xx === 0 && s.timeouts === 0;
  out.push({ goal: 'zero errors (runs 1 and 2)', ok: zero(run1) && zero(run2) });
  out.push({ goal: 'p99 < 200 ms (mixed, run 2)', ok: run2.latencyMs.p99 < 200 });
  out.push({ goal: 'RSS growth run 1 -> run 2 <= 10%', ok: growth <= 10 });
  if (cheapAlone && cheapUnderLoad) out.push({ goal: 'cheap p99 < 100 ms while expensive queries run', ok: cheapUnderLoad.latencyMs.p99 < 100 });
  return out;
}

/** A free TCP port on 127.0.0.1. */
export function freePortOnLoopback() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** Latency percentiles per request class: {cls: {n, p50, p90, p99, max}} (times in ms). */
export function classLatencies(timesByClass) {
  const out = {};
  for (const [cls, times] of Object.entries(timesByClass)) {
    const sorted = [...times].sort((a, b) => a - b);
    const at = (q) => round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0);
    out[cls] = { n: sorted.length, p50: at(0.5), p90: at(0.9), p99: at(0.99), max: round(sorted[sorted.length - 1] ?? 0) };
  }
  return out;
}

/** A table of the classes of one phase, slowest p99 first. */
export function formatClassTable(title, classes) {
  const head = `${title.padEnd(34)}${pad('n', 9)}${pad('p50', 7)}${pad('p90', 7)}${pad('p99', 7)}${pad('max', 8)}`;
  const lines = Object.entries(classes ?? {})
    .sort((a, b) => b[1].p99 - a[1].p99)
    .map(([cls, c]) => `${`  ${cls}`.padEnd(34)}${pad(c.n, 9)}${pad(c.p50, 7)}${pad(c.p90, 7)}${pad(c.p99, 7)}${pad(c.max, 8)}`);
  return [head, ...lines].join('\n');
}
