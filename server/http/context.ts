import type { ParameterizedContext } from 'koa';
import type { Principal } from '../lib/principal';
import type { RouteSpec } from './route';

export type { Principal };

export interface AppState {
  requestId: string;
  principal?: Principal;
  /** The route that matched, once the router has one: its error format and declared responses. */
  route?: RouteSpec;
  /** The error code of an answer given in a route's own error format, for the request log. */
  errorCode?: string;
}

export type AppContext = ParameterizedContext<AppState>;
