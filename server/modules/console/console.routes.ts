import type { Middleware } from 'koa';
import type { ConsoleSite } from './console-site.service';

const PREFIX = '/console/';

/** Element Plus sets inline styles; nothing else inline, and nothing from elsewhere. */
export const CONSOLE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  // A holder's PDF shows inline from a blob: URL of bytes fetched with the staff member's token;
  // no other frame may load.
  'frame-src blob:',
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

const NOT_BUILT_PAGE = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>戎友管理后台</title></head>
<body><h1>管理后台尚未构建</h1>
<p>The staff console has not been built. Run <code>npm run build:console</code> (or <code>npm start</code>, which builds it), then reload.</p>
</body></html>
`;

const text = (status: number, message: string) => ({ status, body: `${message}\n`, type: 'text/plain; charset=utf-8' });

/**
 * Serves the built console at /console/ ahead of the API's router: GET and HEAD only, hashed
 * assets cached for a year, index.html revalidated on every load, the console's own CSP on every
 * answer. Paths outside /console/ pass through untouched.
 */
export const consoleStatic =
  (site: ConsoleSite): Middleware =>
  async (ctx, next) => {
    if (ctx.path === '/console') {
      ctx.status = 301;
      ctx.redirect(PREFIX);
      return;
    }
    if (!ctx.path.startsWith(PREFIX)) return next();

    ctx.set('Content-Security-Policy', CONSOLE_CSP);
    ctx.set('X-Content-Type-Options', 'nosniff');
    ctx.set('Referrer-Policy', 'no-referrer');
    ctx.set('X-Frame-Options', 'DENY');
    if (ctx.method !== 'GET' && ctx.method !== 'HEAD') {
      ctx.set('Allow', 'GET, HEAD');
      Object.assign(ctx, text(405, 'Method Not Allowed'));
      return;
    }
    const found = await site.lookup(ctx.path.slice(PREFIX.length));
    if (found.kind !== 'file') {
      ctx.set('Cache-Control', 'no-store');
      if (found.kind === 'not_built') {
        ctx.status = 503;
        ctx.type = 'text/html; charset=utf-8';
        ctx.body = NOT_BUILT_PAGE;
      } else if (found.kind === 'refused') {
        Object.assign(ctx, text(400, 'Bad Request'));
      } else {
        Object.assign(ctx, text(404, 'Not Found'));
      }
      return;
    }
    const { file } = found;
    ctx.set('Cache-Control', file.immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    ctx.status = 200;
    ctx.lastModified = file.modifiedAt;
    if (ctx.fresh) {
      ctx.status = 304;
      return;
    }
    ctx.type = file.contentType;
    ctx.body = file.body;
  };
