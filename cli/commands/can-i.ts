import { canI as decide } from '../../lib/engine/can-i';
import { withImplicitGroups } from '../../lib/engine/subjects';
import { canIJson } from '../../lib/format/json';
import { escapeTerminalLines } from '../../lib/format/escape/terminal';
import { refLabel, ruleText } from '../../lib/format/text';
import { loadForCommand, printHints } from '../load';
import { buildRequest } from '../options';
import type { CanIOptions } from '../specs/can-i';
import { writeJson, writeOut } from '../write';

export async function canI(verb: string, resource: string | undefined, o: CanIOptions): Promise<void> {
  const { request, hints } = buildRequest(verb, resource, o);
  printHints(hints);
  const { index } = await loadForCommand(o);
  const principal = o.implicitGroups ? withImplicitGroups(o.as, o.asGroup) : { user: o.as, groups: o.asGroup };
  const answer = decide(index, principal, request);
  process.exitCode = answer.allowed ? 0 : 1;
  if (o.output === 'json') return writeJson(canIJson(request, principal, answer));
  let text = answer.allowed ? 'yes\n' : 'no\n';
  if (o.explain) {
    if (answer.reason) text += `  via group ${answer.reason}: the API server allows it before RBAC is consulted\n`;
    else if (answer.grant) text += `  via ${refLabel(answer.grant.binding)} → ${refLabel(answer.grant.role)}: ${ruleText(answer.grant.rule)}\n`;
    else text += `  no binding of ${principal.user}${principal.groups.length ? ` or groups ${principal.groups.join(', ')}` : ''} allows it\n`;
  }
  await writeOut(escapeTerminalLines(text));
}
