import type { Understanding } from './assistant/intents';

/**
 * What the assistant should not try to settle itself: a complaint, a dispute, a merchant refusing
 * the discount. Read from the understood words (after synonyms), so 投诉 in any phrasing counts.
 */
const ALONE = ['投诉', '纠纷', '争议', '举报', '维权'];
const REFUSED = ['拒绝', '不给', '不让', '不认', '拒收', '不同意'];
const DISCOUNT = ['优惠', '优待', '打折', '折扣', '免票', '免费'];

/**
 * True when the message needs a person although the holder did not ask for one, whatever else it
 * touches (a merchant refusing the discount reads like a question about offers, too).
 */
export function needsPerson(u: Understanding): boolean {
  if (u.intent === 'ask_person') return false;
  const text = u.words.join('');
  if (ALONE.some((w) => text.includes(w))) return true;
  return REFUSED.some((w) => text.includes(w)) && DISCOUNT.some((w) => text.includes(w));
}
