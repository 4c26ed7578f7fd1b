import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { isUniqueViolation } from '../../../db/errors';
import { maskedText, questionKey } from '../assistant/normalize';
import { KnowledgeUnansweredAsker } from './knowledge-unanswered-asker.entity';
import { KnowledgeUnanswered } from './knowledge-unanswered.entity';

const TEXT_MAX = 255;

/** The unique key of a question: the hash of its normalised key (long messages fit, numbers never stored). */
export const questionHash = (text: string) => createHash('sha256').update(questionKey(text), 'utf8').digest('hex');

/**
 * Finds the question's row or makes it (asked once, by nobody yet); a concurrent first asking of
 * the same question is settled by the unique hash.
 */
async function rowFor(
  em: EntityManager,
  text: string,
  now: Date,
): Promise<{ row: KnowledgeUnanswered; made: boolean }> {
  const textHash = questionHash(text);
  const found = await em.findOneBy(KnowledgeUnanswered, { textHash });
  if (found) return { row: found, made: false };
  try {
    await em.insert(KnowledgeUnanswered, {
      textHash,
      text: maskedText(text).slice(0, TEXT_MAX),
      askCount: 1,
      askerCount: 0,
      firstAskedAt: now,
      lastAskedAt: now,
      status: 'open',
      entryId: null,
      handledBy: null,
      handledAt: null,
    });
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    return { row: await em.findOneByOrFail(KnowledgeUnanswered, { textHash }), made: false };
  }
  return { row: await em.findOneByOrFail(KnowledgeUnanswered, { textHash }), made: true };
}

/**
 * Counts one more asking of a question the assistant could not answer: every asking raises the
 * ask count, a new account also the asker count (the pair is unique, so concurrent askings by
 * one account count it once). Counts add in SQL, so concurrent askings all count.
 */
export async function countUnanswered(em: EntityManager, text: string, accountId: number, now: Date): Promise<void> {
  if (!questionKey(text)) return;
  const { row, made } = await rowFor(em, text, now);
  let newAsker = false;
  if (!(await em.existsBy(KnowledgeUnansweredAsker, { unansweredId: row.id, accountId }))) {
    try {
      await em.insert(KnowledgeUnansweredAsker, { unansweredId: row.id, accountId });
      newAsker = true;
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
    }
  }
  await em
    .createQueryBuilder()
    .update(KnowledgeUnanswered)
    .set({
      askCount: () => (made ? 'ask_count' : 'ask_count + 1'),
      askerCount: () => (newAsker ? 'asker_count + 1' : 'asker_count'),
      lastAskedAt: now,
    })
    .where('id = :id', { id: row.id })
    .execute();
}
