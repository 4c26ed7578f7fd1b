import type { ParameterizedContext } from 'koa';
import type { Role } from '../modules/auth/roles';

/** Who is calling, as established by a verified access token. */
export interface Principal {
  accountId: number;
  roles: Role[];
}

export interface AppState {
  requestId: string;
  principal?: Principal;
}

export type AppContext = ParameterizedContext<AppState>;
