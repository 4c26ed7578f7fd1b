import { defineModule } from '../../module';
import { healthRoutes } from './health.routes';

/** Liveness, readiness and the API's own description. */
export const healthModule = defineModule({
  name: 'health',
  build: () => ({}),
  routes: (_s, core, hooks) => healthRoutes(core.db, hooks.isDraining, hooks.openApi),
});
