// One document per answer, built here for the CLI and the web app alike: the who-can and what-can
// documents of lib/format/json.ts, exactly as `who-can -o json` and `what-can -o json` print them.
// The web API returns the same document with what only its views need under "view" (hints, which rule
// of a role matched); exports and the CLI leave "view" out. A preset asks several requests: its
// document is {"preset", "title", "answers": [one who-can document per request]}.
import { effectiveAccess, type EffectiveAnswer } from '../engine/effective';
import { permissionId, type AnswerPermission } from '../engine/graph';
import type { AtlasIndex } from '../engine/query-index';
import { isAllNamespaces, requestLabel, type ScopedRequest } from '../engine/request';
import type { Principal, SubjectRef } from '../engine/types';
import { whatCan, type WhatCanAnswer } from '../engine/what-can';
import { answerWarnings, whoCan, type WhoCanAnswer } from '../engine/who-can';
import { requestFromJson, whatCanJson, whoCanJson, type WhatCanJson, type WhoCanJson } from '../format/json';
import type { QuestionRequest, WebQuestion } from './query';

/** who-can's answer and its document (`who-can [--effective] -o json`). */
export function whoCanWithJson(index: AtlasIndex, scoped: ScopedRequest, options: { effective?: boolean } = {}): { answer: WhoCanAnswer; effective?: EffectiveAnswer; json: WhoCanJson } {
  const all = isAllNamespaces(scoped);
  const answer = whoCan(index, scoped.request, { allNamespaces: all });
  const effective = options.effective ? effectiveAccess(index, answer) : undefined;
  return { answer, ...(effective ? { effective } : {}), json: whoCanJson(scoped.request, answer, all, effective) };
}

export interface WhoCanView {
  /** the parser's hints about the request */
  hints: string[];
  /** ruleIndex[i][j]: the index, in its role, of the rule of subjects[i].grants[j] (highlighted in the role's details) */
  ruleIndex: number[][];
}

export type WhoCanDocument = WhoCanJson & { view: WhoCanView };

export interface PresetDocument {
  preset: string;
  title: string;
  answers: WhoCanDocument[];
}

export type QuestionDocument = WhoCanDocument | PresetDocument;

export function whoCanDocument(index: AtlasIndex, q: QuestionRequest, options: { effective?: boolean } = {}): WhoCanDocument {
  const { answer, json } = whoCanWithJson(index, q.scoped, options);
  return { ...json, view: { hints: q.hints, ruleIndex: answer.subjects.map((s) => s.grants.map((g) => g.ruleIndex)) } };
}

/** The document of a web question: one who-can document, or a preset's, one per request. */
export function questionDocument(index: AtlasIndex, question: WebQuestion, options: { effective?: boolean } = {}): QuestionDocument {
  const answers = question.requests.map((r) => whoCanDocument(index, r, options));
  if (question.kind === 'free') return answers[0]!;
  return { preset: question.presetId!, title: question.title, answers };
}

export function isPresetDocument(doc: QuestionDocument): doc is PresetDocument {
  return 'answers' in doc;
}

/** The who-can documents of a question, one per request. */
export function documentAnswers(doc: QuestionDocument): WhoCanDocument[] {
  return isPresetDocument(doc) ? doc.answers : [doc];
}

/** The permission (graph node) a who-can document answers: its request without scope. */
export function documentPermission(doc: WhoCanJson): AnswerPermission {
  const label = requestLabel(requestFromJson(doc.request).request);
  return { id: permissionId(label), label };
}

function bare({ view: _view, ...json }: WhoCanDocument): WhoCanJson {
  return json;
}

/** The question's document as the CLI prints it: without the views' additions. */
export function withoutViews(doc: QuestionDocument): WhoCanJson | { preset: string; title: string; answers: WhoCanJson[] } {
  return isPresetDocument(doc) ? { preset: doc.preset, title: doc.title, answers: doc.answers.map(bare) } : bare(doc);
}

/** What what-can evaluates: the bindings naming a subject, or a user with groups. */
export type WhatCanShown = { subject: SubjectRef; principal?: undefined } | { principal: Principal; subject?: undefined };

/**
 * what-can's answer and its document (`what-can -o json`), with the notes the CLI prints. `effective`
 * (a subject): its groups' bindings count too, each grant saying through whom (the Subjects page's default).
 */
export function whatCanWithJson(index: AtlasIndex, shown: WhatCanShown, namespace?: string, options: { effective?: boolean } = {}): { answer: WhatCanAnswer; json: WhatCanJson } {
  const answer = whatCan(index, shown.subject ? { subject: shown.subject } : { principal: shown.principal! }, {
    ...(namespace !== undefined ? { namespace } : {}),
    ...(options.effective ? { effective: true } : {}),
  });
  const warnings = answerWarnings(index, []).filter((w) => !w.includes('system:masters'));
  if (shown.principal?.groups.includes('system:masters')) warnings.push('this user is in system:masters: the API server allows it everything, whatever the rules below');
  return { answer, json: whatCanJson(shown, namespace, answer, warnings) };
}
