import fs from 'node:fs';
import path from 'node:path';

/** Content types of the files a Vite build emits. */
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
};

/** A file of the built console to answer with. */
export interface ConsoleFile {
  body: Buffer;
  contentType: string;
  modifiedAt: Date;
  /** Under `assets/`: content-hashed names, cached for good. */
  immutable: boolean;
}

/** What a path under /console/ resolves to. */
export type ConsoleLookup =
  | { kind: 'file'; file: ConsoleFile }
  | { kind: 'not_built' }
  | { kind: 'not_found' }
  | { kind: 'refused' };

/**
 * The built staff console (`console/dist`, made by `npm run build:console`): a file for each path,
 * the SPA's index.html for paths of its own routes, nothing outside the folder.
 */
export class ConsoleSite {
  readonly root: string;

  constructor(distDir: string) {
    this.root = path.resolve(distDir);
  }

  /**
   * 1. The path is decoded once; a NUL, a backslash, a `..` or a dotfile segment is refused.
   * 2. A file inside the folder is served as it is.
   * 3. A missing file under `assets/` is a 404 (a stale page must not get HTML for its script).
   * 4. Anything else is a route of the SPA: index.html.
   */
  async lookup(relativeUrlPath: string): Promise<ConsoleLookup> {
    let rel: string;
    try {
      rel = decodeURIComponent(relativeUrlPath);
    } catch {
      return { kind: 'refused' };
    }
    const segments = rel.split('/').filter((s) => s !== '');
    if (/[\0\\]/.test(rel) || segments.some((s) => s.startsWith('.'))) return { kind: 'refused' };
    const index = await this.read(path.join(this.root, 'index.html'), false);
    if (!index) return { kind: 'not_built' };
    if (segments.length === 0) return { kind: 'file', file: index };

    const full = path.resolve(this.root, ...segments);
    if (!full.startsWith(this.root + path.sep)) return { kind: 'refused' };
    const immutable = segments[0] === 'assets';
    const file = await this.read(full, immutable);
    if (file) return { kind: 'file', file };
    if (immutable) return { kind: 'not_found' };
    return { kind: 'file', file: index };
  }

  private async read(full: string, immutable: boolean): Promise<ConsoleFile | null> {
    try {
      const st = await fs.promises.stat(full);
      if (!st.isFile()) return null;
      const body = await fs.promises.readFile(full);
      const contentType = TYPES[path.extname(full).toLowerCase()] ?? 'application/octet-stream';
      return { body, contentType, modifiedAt: st.mtime, immutable };
    } catch {
      return null;
    }
  }
}

/**
 * `console/dist` of the project: found by walking up from here to the folder with package.json,
 * so it is the same from the sources (tsx, jest) and from the compiled `dist/server/…`.
 */
export function defaultConsoleDir(from = __dirname): string {
  let dir = from;
  for (;;) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return path.join(dir, 'console', 'dist');
    const parent = path.dirname(dir);
    if (parent === dir) return path.resolve('console', 'dist');
    dir = parent;
  }
}
