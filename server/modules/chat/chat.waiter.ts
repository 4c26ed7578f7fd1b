import type { DataSource, EntityManager, EntitySubscriberInterface, QueryRunner } from 'typeorm';

/** How a wait ended. */
export type WaitOutcome = 'woken' | 'timeout' | 'aborted';

/**
 * One long poll's place in the waiter. A wake-up that arrives while the poll is busy reading the
 * database is remembered, so the next `wait` returns at once instead of missing it.
 */
export class WaitTicket {
  private latched = false;
  private settle: ((outcome: WaitOutcome) => void) | undefined;

  constructor(private readonly release: (ticket: WaitTicket) => void) {}

  /** Ends the current wait, or the next one if none is under way. */
  wake(): void {
    if (this.settle) this.settle('woken');
    else this.latched = true;
  }

  /** Waits up to `ms` for a wake-up, or until `signal` aborts; never throws. */
  wait(ms: number, signal: AbortSignal): Promise<WaitOutcome> {
    if (signal.aborted) return Promise.resolve('aborted');
    if (this.latched) {
      this.latched = false;
      return Promise.resolve('woken');
    }
    return new Promise((resolve) => {
      const finish = (outcome: WaitOutcome) => {
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
        this.settle = undefined;
        resolve(outcome);
      };
      const onAbort = () => finish('aborted');
      const timer = setTimeout(() => finish('timeout'), Math.max(0, ms));
      signal.addEventListener('abort', onAbort, { once: true });
      this.settle = finish;
    });
  }

  /** Leaves the waiter; call once the poll answers. */
  close(): void {
    this.release(this);
  }
}

/**
 * Long polls of this instance, by conversation. A write wakes the polls of its conversation once
 * its transaction has committed (woken earlier, they would read before the rows are visible).
 * Writes made by other instances are not seen here: polls also re-read the database every second.
 */
export class ConversationWaiter {
  private readonly tickets = new Map<number, Set<WaitTicket>>();
  /** Polls woken by a write to any conversation (the staff inbox's). */
  private readonly watchers = new Set<WaitTicket>();
  /** Conversations to wake when the transaction on that runner commits. */
  private readonly pending = new WeakMap<QueryRunner, Set<number>>();

  /** Data sources whose transactions this waiter listens to. */
  private readonly attached = new WeakSet<DataSource>();

  subscribe(conversationId: number): WaitTicket {
    const ticket = new WaitTicket((t) => {
      const set = this.tickets.get(conversationId);
      set?.delete(t);
      if (set?.size === 0) this.tickets.delete(conversationId);
    });
    const set = this.tickets.get(conversationId) ?? new Set<WaitTicket>();
    this.tickets.set(conversationId, set.add(ticket));
    return ticket;
  }

  /**
   * A ticket woken by a write to any conversation on this instance (the staff inbox's long poll,
   * which then reads what changed for its viewer).
   */
  watchAll(): WaitTicket {
    const ticket = new WaitTicket((t) => this.watchers.delete(t));
    this.watchers.add(ticket);
    return ticket;
  }

  /** Wakes every poll of the conversation on this instance now, and every watcher of all of them. */
  wake(conversationId: number): void {
    for (const ticket of this.tickets.get(conversationId) ?? []) ticket.wake();
    for (const ticket of this.watchers) ticket.wake();
  }

  /** Watchers (staff inbox polls) waiting on this instance. */
  get watching(): number {
    return this.watchers.size;
  }

  /** Wakes the conversation's polls when `em`'s transaction commits (at once outside a transaction). */
  wakeAfterCommit(em: EntityManager, conversationId: number): void {
    const runner = em.queryRunner;
    if (!runner?.isTransactionActive) {
      this.wake(conversationId);
      return;
    }
    this.listenTo(em.connection);
    const set = this.pending.get(runner) ?? new Set<number>();
    this.pending.set(runner, set.add(conversationId));
  }

  /** Polls waiting on this instance (for tests and figures). */
  get waiting(): number {
    let n = 0;
    for (const set of this.tickets.values()) n += set.size;
    return n;
  }

  /**
   * Listens to the data source's transactions, so wake-ups queued inside one (by a notice written
   * in another module's transaction, say) go out when it commits and are dropped when it rolls back.
   * Done on first use, from the transaction's own manager: building the module touches no database.
   */
  private listenTo(dataSource: DataSource): void {
    if (this.attached.has(dataSource)) return;
    this.attached.add(dataSource);
    const subscriber: EntitySubscriberInterface = {
      afterTransactionCommit: ({ queryRunner }) => {
        // A released savepoint also reports a commit; only the outermost one makes rows visible.
        if (!queryRunner.isTransactionActive) this.flush(queryRunner);
      },
      afterTransactionRollback: ({ queryRunner }) => {
        if (!queryRunner.isTransactionActive) this.pending.delete(queryRunner);
      },
    };
    dataSource.subscribers.push(subscriber);
  }

  private flush(runner: QueryRunner): void {
    const ids = this.pending.get(runner);
    if (!ids) return;
    this.pending.delete(runner);
    for (const id of ids) this.wake(id);
  }
}
