import { emptyList, type PageOf, PagedList } from '../../miniprogram/utils/paged-list';

/** A page's data as setData leaves it (paths like 'list.items' applied). */
function host() {
  const data: Record<string, any> = { list: emptyList() };
  return {
    data,
    setData(patch: Record<string, unknown>) {
      for (const [k, v] of Object.entries(patch)) {
        const [a, b] = k.split('.');
        if (b) data[a][b] = v;
        else data[a] = v;
      }
    },
  };
}

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('PagedList', () => {
  it('loads page after page and stops at the last', async () => {
    const pages: Record<string, PageOf<number>> = {
      first: { items: [1, 2], nextCursor: 'c2' },
      c2: { items: [3], nextCursor: null },
    };
    const seen: Array<string | null> = [];
    const h = host();
    const list = new PagedList<number>(h, {
      fetch: async (c) => {
        seen.push(c);
        return pages[c ?? 'first'];
      },
      view: (n) => ({ n }),
    });
    await list.first();
    expect(h.data.list).toMatchObject({ items: [{ n: 1 }, { n: 2 }], state: 'ready', hasMore: true });
    await list.more();
    expect(h.data.list).toMatchObject({ items: [{ n: 1 }, { n: 2 }, { n: 3 }], hasMore: false });
    await list.more();
    expect(seen).toEqual([null, 'c2']);
  });

  it('says empty with the page’s words when there is nothing', async () => {
    const h = host();
    await new PagedList<number>(h, {
      fetch: async () => ({ items: [], nextCursor: null }),
      emptyMessage: '还没有使用记录',
    }).first();
    expect(h.data.list).toMatchObject({ state: 'empty', message: '还没有使用记录' });
  });

  it('keeps what is shown when the next page fails, and says so', async () => {
    const h = host();
    let fail = false;
    const list = new PagedList<number>(h, {
      fetch: async (c) => {
        if (fail) throw new Error('网络不可用，请检查网络后重试');
        return c ? { items: [3], nextCursor: null } : { items: [1, 2], nextCursor: 'c2' };
      },
    });
    await list.first();
    fail = true;
    await list.more();
    expect(h.data.list).toMatchObject({
      items: [1, 2],
      state: 'ready',
      hasMore: true,
      message: '网络不可用，请检查网络后重试',
    });
    fail = false;
    await list.more();
    expect(h.data.list.items).toEqual([1, 2, 3]);
  });

  it('lets a reload win over an older answer still on its way', async () => {
    const h = host();
    const slow = deferred<PageOf<string>>();
    let call = 0;
    const list = new PagedList<string>(h, {
      fetch: () => (++call === 1 ? slow.promise : Promise.resolve({ items: ['new'], nextCursor: null })),
    });
    const first = list.first();
    await list.first();
    slow.resolve({ items: ['old'], nextCursor: 'x' });
    await first;
    expect(h.data.list).toMatchObject({ items: ['new'], hasMore: false });
  });

  it('shows the error with a way back when the first page fails', async () => {
    const h = host();
    await new PagedList<number>(h, {
      fetch: async () => {
        throw new Error('服务暂时不可用，请稍后再试');
      },
    }).first();
    expect(h.data.list).toMatchObject({ state: 'error', message: '服务暂时不可用，请稍后再试', items: [] });
  });

  it('does not ask for the same page twice while it is loading', async () => {
    const h = host();
    const next = deferred<PageOf<number>>();
    let calls = 0;
    const list = new PagedList<number>(h, {
      fetch: (c) => {
        calls++;
        return c ? next.promise : Promise.resolve({ items: [1], nextCursor: 'c2' });
      },
    });
    await list.first();
    const a = list.more();
    const b = list.more();
    next.resolve({ items: [2], nextCursor: null });
    await Promise.all([a, b]);
    expect(calls).toBe(2);
    expect(h.data.list.items).toEqual([1, 2]);
  });
});
