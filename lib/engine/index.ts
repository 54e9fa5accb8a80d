// Public surface of the pure engine. Front ends (CLI, route handlers, UI) import from here.
export * from './types';
export { formatOrigin } from './describe';
export { buildSnapshot, objectKey, type RawInput, type BuildOptions, type PathSegment } from './normalize';
export { labelSelectorMatches, labelSelectorError, aggregateClusterRoles, ruleSummary } from './aggregate';
export {
  verbMatches, apiGroupMatches, resourceMatches, resourceNameMatches, nonResourceUrlMatches, ruleAllows, combinedResource,
} from './match';
export * from './subjects';
export { buildIndex, buildIndexSteps, bindingAppliesIn, isClusterBinding, roleKeyFor, CLUSTER_SCOPE, type AtlasIndex, type BindingEntry, type RoleEntry } from './query-index';
export { canI, bindingsForPrincipal, type CanIAnswer } from './can-i';
export { whoCan, matchingRules, compareSubjects, compareGrants, type WhoCanAnswer, type WhoCanSubject, type WhoCanOptions } from './who-can';
export { effectiveAccess, type EffectiveAnswer, type EffectiveServiceAccount, type EffectivePod } from './effective';
export { whatCan, bindingsForSubject, effectivePrincipal, type WhatCanAnswer, type WhatCanScope, type WhatCanTarget, type WhatCanOptions } from './what-can';
export { accessMatrix, matrixResource, MATRIX_RESOURCES, MATRIX_VERBS, type AccessMatrix, type MatrixRow } from './matrix';
export {
  rbacListers, visitRulesFor, rulesFor, authorize, referenceWhoCan, principalOf, grantFrom,
  type RbacListers, type RuleSource, type RuleError, type RuleVisitor,
} from './resolve';
export {
  parseRequest, parseResourceSpec, resourceRequest, nonResourceRequest, requestHints, formatResource, scopedRequest, isAllNamespaces, requestLabel, scopeText, questionTitle,
  type ResourceSpec, type RequestInput, type RequestFrontEnd, type RequestResult, type RequestScope, type ScopedRequest, type RequestErrorCode, type RequestHintCode,
} from './request';
export { BUILTIN_RESOURCES, suggestResource } from './resources';
export { findPaths, preparePaths, resolvePodStart, defaultStarts, SINKS, DEFAULT_SINKS, TECHNIQUE_IDS, type PathsAnswer, type PathsOptions, type Path, type PathStep, type Sink, type TechniqueId, type PreparedPaths } from './paths';
