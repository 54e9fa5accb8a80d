import { escapeTerminal } from '../../lib/format/escape/terminal';
import { effectiveTable, whoCanTable } from '../../lib/format/text';
import { whoCanWithJson } from '../../lib/service/answers';
import { loadForCommand, printHints } from '../load';
import { buildRequest, terminalWidth } from '../options';
import type { WhoCanOptions } from '../specs/who-can';
import { writeJson, writeOut } from '../write';

export async function whoCan(verb: string, resource: string | undefined, o: WhoCanOptions): Promise<void> {
  const { hints, ...scoped } = buildRequest(verb, resource, o);
  printHints(hints);
  const { index } = await loadForCommand(o);
  const { answer, effective, json } = whoCanWithJson(index, scoped, { effective: o.effective === true });
  if (o.output === 'json') return writeJson(json);
  const width = terminalWidth();
  let text = whoCanTable(answer, { wide: o.output === 'wide', ...(width ? { width } : {}) });
  if (effective) text += effectiveTable(effective, width ? { width } : {});
  await writeOut(text);
  for (const w of answer.warnings) process.stderr.write(`note: ${escapeTerminal(w)}\n`);
}
