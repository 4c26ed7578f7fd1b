/** How a private file shows in the console: images zoom, PDFs open in a viewer dialog, the rest download. */
export type FileKind = 'image' | 'pdf' | 'other';

export function fileKind(mime: string): FileKind {
  const m = mime.toLowerCase().split(';')[0].trim();
  if (m.startsWith('image/')) return 'image';
  if (m === 'application/pdf') return 'pdf';
  return 'other';
}

export interface UrlApi {
  createObjectURL(blob: Blob): string;
  revokeObjectURL(url: string): void;
}

/**
 * One object URL at a time for a viewer that opens and closes (the PDF dialog): `open` makes a
 * fresh URL of the blob (revoking the previous one), `close` revokes it, so a closed viewer keeps
 * no URL to the holder's document alive.
 */
export class ViewerUrl {
  private current = '';

  constructor(private readonly api: UrlApi) {}

  get url(): string {
    return this.current;
  }

  open(blob: Blob): string {
    this.close();
    this.current = this.api.createObjectURL(blob);
    return this.current;
  }

  close(): void {
    if (this.current) this.api.revokeObjectURL(this.current);
    this.current = '';
  }
}

/** How long a URL handed to a new tab stays valid: enough for the tab to load the document. */
export const TAB_URL_LIFETIME_MS = 60_000;

/**
 * Opens the blob in a new tab (the browser's own viewer) and revokes the URL once the tab has had
 * time to load it. (With `noopener` the browser never says whether the tab opened, so the URL is
 * kept for the same time either way.)
 */
export function openInTab(
  blob: Blob,
  api: UrlApi,
  openWindow: (url: string) => unknown,
  later: (fn: () => void, ms: number) => unknown,
): void {
  const url = api.createObjectURL(blob);
  openWindow(url);
  later(() => api.revokeObjectURL(url), TAB_URL_LIFETIME_MS);
}
