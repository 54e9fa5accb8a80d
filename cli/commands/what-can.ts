import { parseSubjectSpec, withImplicitGroups } from '../../lib/engine/subjects';
import { AtlasError } from '../../lib/errors';
import { escapeTerminal } from '../../lib/format/escape/terminal';
import { whatCanText } from '../../lib/format/text';
import { whatCanWithJson, type WhatCanShown } from '../../lib/service/answers';
import { loadForCommand } from '../load';
import { terminalWidth } from '../options';
import type { WhatCanOptions } from '../specs/what-can';
import { writeJson, writeOut } from '../write';

export async function whatCan(o: WhatCanOptions): Promise<void> {
  let shown: WhatCanShown;
  if (o.subject !== undefined) {
    if (o.as !== undefined || o.asGroup.length) throw new AtlasError('usage', 'give either --as/--as-group or --subject, not both');
    const parsed = parseSubjectSpec(o.subject);
    if ('error' in parsed) throw new AtlasError('usage', `--subject: ${parsed.error}`);
    shown = { subject: parsed };
  } else if (o.as !== undefined) {
    const principal = o.implicitGroups ? withImplicitGroups(o.as, o.asGroup) : { user: o.as, groups: o.asGroup };
    shown = { principal };
  } else {
    throw new AtlasError('usage', 'missing --as USER or --subject KIND:[NS/]NAME');
  }
  const { index } = await loadForCommand(o);
  const { answer, json } = whatCanWithJson(index, shown, o.namespace);
  if (o.output === 'json') return writeJson(json);
  const width = terminalWidth();
  await writeOut(whatCanText(answer, width ? { width } : {}));
  for (const w of json.warnings) process.stderr.write(`note: ${escapeTerminal(w)}\n`);
}
