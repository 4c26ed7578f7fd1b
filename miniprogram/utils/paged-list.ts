/**
 * A list that loads a page at a time (`{ items, nextCursor }` answers), for the pages whose lists
 * could run long: merchants, the staff queue, notices, redemptions, appointments. It keeps on the
 * page's data, under one key:
 *   `{ items, state: 'loading' | 'ready' | 'empty' | 'error', message, hasMore, loadingMore }`
 * so the WXML binds `<ui-state state="{{list.state}}" …>` and `wx:for="{{list.items}}"` directly.
 * The page starts its data with `list: emptyList()` (the key must exist before paths under it are set).
 *
 * A reload while a load is on its way wins: the older answer is dropped when it arrives, so a
 * pull-to-refresh or a changed filter never shows the previous filter's rows. A failure to load
 * more keeps what is shown and says so; it never empties the list.
 */

/** What the page's fetch returns for one page. */
export interface PageOf<T> {
  items: T[];
  nextCursor: string | null;
}

export interface PagedListView<T> {
  items: T[];
  state: 'loading' | 'ready' | 'empty' | 'error';
  message: string;
  hasMore: boolean;
  loadingMore: boolean;
}

/** The part of a page (or component) the controller writes to. */
interface DataHost {
  setData(data: Record<string, unknown>): void;
}

export interface PagedListOptions<T> {
  /** Loads one page; `cursor` is null for the first. */
  fetch: (cursor: string | null) => Promise<PageOf<T>>;
  /** The key in the page's data (default 'list'). */
  key?: string;
  /** What the empty state says. */
  emptyMessage?: string;
  /** Turns a row from the server into what the WXML shows (formatting dates, labels …). */
  view?: (item: T) => unknown;
}

export const emptyList = <T>(): PagedListView<T> => ({
  items: [],
  state: 'loading',
  message: '',
  hasMore: false,
  loadingMore: false,
});

const messageOf = (e: unknown, fallback: string) =>
  e && typeof e === 'object' && 'message' in e && typeof (e as Error).message === 'string' && (e as Error).message
    ? (e as Error).message
    : fallback;

export class PagedList<T> {
  private readonly key: string;
  private cursor: string | null = null;
  private items: unknown[] = [];
  private generation = 0;
  private busy = false;

  constructor(
    private readonly host: DataHost,
    private readonly options: PagedListOptions<T>,
  ) {
    this.key = options.key ?? 'list';
  }

  /** Loads (or reloads) the first page; the list shows 'loading' only when it has nothing yet. */
  async first(): Promise<void> {
    const generation = ++this.generation;
    this.busy = true;
    if (this.items.length === 0) this.write({ state: 'loading', message: '', loadingMore: false });
    try {
      const page = await this.options.fetch(null);
      if (generation !== this.generation) return;
      this.items = this.toView(page.items);
      this.cursor = page.nextCursor;
      this.write({
        items: this.items,
        state: this.items.length ? 'ready' : 'empty',
        message: this.items.length ? '' : (this.options.emptyMessage ?? ''),
        hasMore: Boolean(page.nextCursor),
        loadingMore: false,
      });
    } catch (e) {
      if (generation !== this.generation) return;
      this.items = [];
      this.cursor = null;
      this.write({ items: [], state: 'error', message: messageOf(e, '没能加载，请稍后再试'), hasMore: false });
    } finally {
      if (generation === this.generation) this.busy = false;
    }
  }

  /** Appends the next page, if there is one and nothing else is loading. */
  async more(): Promise<void> {
    if (this.busy || !this.cursor) return;
    const generation = this.generation;
    this.busy = true;
    this.write({ loadingMore: true, message: '' });
    try {
      const page = await this.options.fetch(this.cursor);
      if (generation !== this.generation) return;
      this.items = this.items.concat(this.toView(page.items));
      this.cursor = page.nextCursor;
      this.write({ items: this.items, hasMore: Boolean(page.nextCursor), loadingMore: false, state: 'ready' });
    } catch (e) {
      if (generation !== this.generation) return;
      // What is shown stays; the list says the next page did not come and can be asked for again.
      this.write({ loadingMore: false, message: messageOf(e, '没能加载更多，请稍后再试') });
    } finally {
      if (generation === this.generation) this.busy = false;
    }
  }

  private toView(items: T[]): unknown[] {
    const view = this.options.view;
    return view ? items.map((i) => view(i)) : items;
  }

  private write(patch: Partial<PagedListView<unknown>>): void {
    const data: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(patch)) data[`${this.key}.${k}`] = v;
    this.host.setData(data);
  }
}
