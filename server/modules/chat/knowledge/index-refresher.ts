import type { Clock } from '../../../lib/clock';
import type { Logger } from '../../../lib/logger';
import { KnowledgeIndex, type IndexDoc, type SynonymPair } from '../assistant/knowledge-index';

/** What an index is built from, and the knowledge-base version it reflects. */
export interface IndexSource {
  version: number;
  docs: IndexDoc[];
  synonyms: SynonymPair[];
}

/** How many entries are segmented between two turns of the event loop while building. */
const YIELD_EVERY = 50;

/**
 * This instance's in-memory index and when to rebuild it. Another instance may change the
 * knowledge base at any time: at most every `checkEveryMs` a message makes it read the version
 * row, and when the version moved it rebuilds in the background while messages keep being
 * answered from the index it has. Only the very first message waits for a build.
 */
export class IndexRefresher {
  private current: { index: KnowledgeIndex; version: number } | undefined;
  private building: Promise<void> | undefined;
  private checking: Promise<void> | undefined;
  private lastCheck = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly readVersion: () => Promise<number>,
    private readonly load: () => Promise<IndexSource>,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly checkEveryMs = 2000,
  ) {}

  /** The index to answer from now; starts a version check when one is due, without waiting for it. */
  async index(): Promise<KnowledgeIndex> {
    const now = this.clock.now().getTime();
    if (!this.current) {
      // A fresh build is as good as a check.
      this.lastCheck = now;
      await this.rebuild();
      return this.current!.index;
    }
    if (!this.checking && now - this.lastCheck >= this.checkEveryMs) {
      this.lastCheck = now;
      this.checking = this.checkVersion().finally(() => {
        this.checking = undefined;
      });
    }
    return this.current.index;
  }

  /**
   * Rebuilds now (after this instance changed the knowledge base, so its own next message sees
   * the change). One build at a time: a call during a build waits for it and then builds again,
   * since the build under way may have read the knowledge base before the change.
   */
  async rebuild(): Promise<void> {
    while (this.building) await this.building.catch(() => undefined);
    this.building = this.build().finally(() => {
      this.building = undefined;
    });
    return this.building;
  }

  /** Resolves when no check or build is under way (tests wait on it instead of sleeping). */
  async settled(): Promise<void> {
    while (this.checking || this.building) {
      await Promise.allSettled([this.checking, this.building]);
    }
  }

  private async build(): Promise<void> {
    const source = await this.load();
    const index = await KnowledgeIndex.build(source.docs, source.synonyms, { yieldEvery: YIELD_EVERY });
    // Builds run one after another, so this one read the knowledge base after the last one did.
    this.current = { index, version: source.version };
    this.logger.debug('knowledge index built', { version: source.version, entries: index.size });
  }

  private async checkVersion(): Promise<void> {
    try {
      const version = await this.readVersion();
      if (version !== this.current?.version) await this.rebuild();
    } catch (err) {
      // The old index keeps answering; the next check tries again.
      this.logger.warn('knowledge index refresh failed', { error: (err as Error).message });
    }
  }
}
