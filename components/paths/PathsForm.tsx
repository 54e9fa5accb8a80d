// What to ask: where the paths start (every subject, one subject, a pod, a namespace's
// ServiceAccounts), which sinks, and how many steps at most. A plain GET form: works without
// JavaScript, and the URL it leads to can be shared. No hooks: rendered on the server.
import { SINKS } from '@/lib/engine/paths/types';
import { SINK_TEXT } from '@/lib/engine/paths/describe';
import { formStart } from '@/lib/service/paths';

const FIELD = 'h-8 rounded border border-slate-300 bg-white px-2 text-sm dark:border-slate-600 dark:bg-slate-900';

export function PathsForm({ raw }: { raw: Record<string, string> }) {
  const { start, value } = formStart(raw);
  const to = raw.to ?? '';
  return (
    <form action="/paths" method="get" className="mt-3 flex flex-wrap items-end gap-3 text-sm" aria-label="Paths question">
      <label className="flex flex-col gap-1">
        <span className="text-xs font-medium text-slate-600 dark:text-slate-300">Start from</span>
        <select name="start" defaultValue={start} className={FIELD}>
          <option value="all">every subject (list those with a path)</option>
          <option value="subject">a subject</option>
          <option value="pod">a pod</option>
          <option value="ns">a namespace&apos;s ServiceAccounts</option>
        </select>
      </label>
      <label className="flex flex-col gap-1">
        <span className="text-xs font-medium text-slate-600 dark:text-slate-300">Subject, pod or namespace</span>
        <input name="value" defaultValue={value} aria-label="Subject, pod or namespace" placeholder="ServiceAccount:ns/name, User:jane, ns/pod-name, team-a" className={`${FIELD} w-96`} />
      </label>
      <label className="flex flex-col gap-1">
        <span className="text-xs font-medium text-slate-600 dark:text-slate-300">To</span>
        <select name="to" defaultValue={to} className={FIELD}>
          <option value="">cluster-admin or root on a node</option>
          {SINKS.map((s) => <option key={s} value={s}>{SINK_TEXT[s]}</option>)}
          <option value={SINKS.join(',')}>all three</option>
        </select>
      </label>
      <label className="flex flex-col gap-1">
        <span className="text-xs font-medium text-slate-600 dark:text-slate-300">At most (steps)</span>
        <input name="hops" type="number" min={0} max={20} defaultValue={raw.hops ?? ''} placeholder="any" className={`${FIELD} w-24`} />
      </label>
      <button type="submit" className="h-8 rounded bg-sky-700 px-3 font-medium text-white hover:bg-sky-800">Find paths</button>
    </form>
  );
}
