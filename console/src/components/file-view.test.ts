import { describe, expect, it } from 'vitest';
import { fileKind, openInTab, TAB_URL_LIFETIME_MS, ViewerUrl } from './file-view';

function fakeUrls() {
  let n = 0;
  const live = new Set<string>();
  return {
    live,
    api: {
      createObjectURL: () => {
        const u = `blob:test/${++n}`;
        live.add(u);
        return u;
      },
      revokeObjectURL: (u: string) => {
        live.delete(u);
      },
    },
  };
}
const pdf = new Blob(['%PDF-1.7'], { type: 'application/pdf' });

describe('private files in the console', () => {
  it('tells images, PDFs and other files apart by their type', () => {
    expect(fileKind('image/jpeg')).toBe('image');
    expect(fileKind('application/pdf')).toBe('pdf');
    expect(fileKind('Application/PDF; charset=binary')).toBe('pdf');
    expect(fileKind('application/octet-stream')).toBe('other');
    expect(fileKind('')).toBe('other');
  });

  it('the PDF viewer holds one URL while open and none once closed', () => {
    const { live, api } = fakeUrls();
    const viewer = new ViewerUrl(api);
    const first = viewer.open(pdf);
    expect(viewer.url).toBe(first);
    expect([...live]).toEqual([first]);
    // Opening again (another document) lets the first URL go.
    const second = viewer.open(pdf);
    expect([...live]).toEqual([second]);
    viewer.close();
    expect(live.size).toBe(0);
    expect(viewer.url).toBe('');
    viewer.close();
    expect(live.size).toBe(0);
  });

  it('a new tab gets its own URL, revoked after it had time to load', () => {
    const { live, api } = fakeUrls();
    const timers: Array<{ fn: () => void; ms: number }> = [];
    const opened: string[] = [];
    openInTab(
      pdf,
      api,
      (u) => opened.push(u),
      (fn, ms) => timers.push({ fn, ms }),
    );
    expect(opened).toEqual([...live]);
    expect(timers.map((x) => x.ms)).toEqual([TAB_URL_LIFETIME_MS]);
    timers[0].fn();
    expect(live.size).toBe(0);
  });
});
