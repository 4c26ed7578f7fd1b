import { IsNull, Not } from 'typeorm';
import type { DeletionBlocker } from '../../lib/personal-data';
import { personalDataPart } from '../../lib/personal-data';
import { isoTime } from '../../lib/time';
import { CardApplication } from './card-application.entity';
import { Card } from './card.entity';
import { PersonSearchIndex } from './person-search-index.entity';

/** An open application stops a deletion until it is withdrawn or finished; what to tell the holder, by status. */
const APPLICATION_BLOCKERS: Record<string, DeletionBlocker> = {
  draft: { what: '您有一份还没提交的优待证申请', action: '请先在“申请进度”页撤回' },
  submitted: { what: '您的优待证申请正在审核', action: '请先在“申请进度”页撤回，或等审核结束' },
  needs_info: { what: '您的优待证申请被退回补充材料', action: '请先在“申请进度”页撤回' },
  station_approved: { what: '您的优待证申请正在区局审核', action: '请先在“申请进度”页撤回，或等审核结束' },
  approved: { what: '您的优待证已审核通过、等待制作', action: '请等领取优待证后再注销，或联系服务站' },
  in_production: { what: '您的优待证正在制作', action: '请等领取优待证后再注销，或联系服务站' },
  card_ready: { what: '您的优待证已制作好、等待领取', action: '请先领取，或联系服务站' },
};

/**
 * Applications and cards. Deleting clears a mailing address and the staff search's keyed indexes
 * of the ID number; reviewed applications and issued cards stay, as the deletion text says.
 */
export const cardsPersonalData = personalDataPart({
  async read(em, { accountId, personId }) {
    const applications = await em.find(CardApplication, {
      where: { applicantAccountId: accountId },
      select: { id: true, kind: true, status: true, address: true, createdAt: true },
      order: { id: 'DESC' },
    });
    const cards =
      personId === null
        ? []
        : await em.find(Card, {
            where: { personId },
            select: { id: true, cardNumber: true, status: true, issuedAt: true },
            order: { id: 'DESC' },
          });
    return {
      applications: applications.map((a) => ({
        id: a.id,
        kind: a.kind,
        status: a.status,
        createdAt: isoTime(a.createdAt),
        hasAddress: Boolean(a.address),
      })),
      cards: cards.map((c) => ({ cardNumber: c.cardNumber, status: c.status, issuedAt: isoTime(c.issuedAt) })),
    };
  },
  async blockers(em, { accountId }) {
    const open = await em.find(CardApplication, {
      where: { applicantAccountId: accountId, openPersonId: Not(IsNull()) },
      select: { id: true, status: true },
    });
    return open.flatMap((a) => APPLICATION_BLOCKERS[a.status] ?? []);
  },
  async erase(em, { accountId, personId }) {
    if (personId !== null) await em.delete(PersonSearchIndex, { personId });
    await em.update(CardApplication, { applicantAccountId: accountId }, { address: null });
    return undefined;
  },
});
