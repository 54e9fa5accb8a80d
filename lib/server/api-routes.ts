// The JSON API's routes: each path and the route module in app/api that answers it (its GET and POST
// exports, the thin handlers of lib/service/route.ts). The gate serves these itself (api-serve.ts):
// Next never sees a request under /api. api-routes.test.ts checks that every app/api/**/route.ts is
// listed here under the path its folder names, and nothing else.
import * as change from '../../app/api/change/route';
import * as exportView from '../../app/api/export/route';
import * as findingsExport from '../../app/api/findings/export/route';
import * as findings from '../../app/api/findings/route';
import * as graph from '../../app/api/graph/route';
import * as health from '../../app/api/health/route';
import * as namespace from '../../app/api/namespace/[ns]/route';
import * as namespaces from '../../app/api/namespaces/route';
import * as object from '../../app/api/object/route';
import * as paths from '../../app/api/paths/route';
import * as search from '../../app/api/search/route';
import * as sourceContexts from '../../app/api/source/contexts/route';
import * as sourceLoad from '../../app/api/source/load/route';
import * as sourceProgress from '../../app/api/source/progress/route';
import * as source from '../../app/api/source/route';
import * as subject from '../../app/api/subject/route';
import * as subjects from '../../app/api/subjects/route';
import * as upload from '../../app/api/upload/route';
import * as whoCan from '../../app/api/who-can/route';
import type { Handler } from '../service/route';

/** A route module: its handler per method. */
export interface RouteModule {
  GET?: Handler;
  POST?: Handler;
}

/** A path under /api; a segment ":name" matches one non-empty segment, passed to the handler as params.name. */
export const API_ROUTES: Readonly<Record<string, RouteModule>> = {
  '/api/change': change,
  '/api/export': exportView,
  '/api/findings': findings,
  '/api/findings/export': findingsExport,
  '/api/graph': graph,
  '/api/health': health,
  '/api/namespace/:ns': namespace,
  '/api/namespaces': namespaces,
  '/api/object': object,
  '/api/paths': paths,
  '/api/search': search,
  '/api/source': source,
  '/api/source/contexts': sourceContexts,
  '/api/source/load': sourceLoad,
  '/api/source/progress': sourceProgress,
  '/api/subject': subject,
  '/api/subjects': subjects,
  '/api/upload': upload,
  '/api/who-can': whoCan,
};
