import { defineModule } from '../../module';
import { ConsoleSite, defaultConsoleDir } from './console-site.service';

/**
 * The staff console: the built web app (`console/dist`), served at /console/ by the middleware in
 * `console.routes.ts` (a static site is not an API route: it has no schema and no place in the
 * OpenAPI document).
 */
export const consoleModule = defineModule({
  name: 'console',
  build: () => ({ consoleSite: new ConsoleSite(defaultConsoleDir()) }),
});
