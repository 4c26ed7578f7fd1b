import { In } from 'typeorm';
import { personalDataPart } from '../../lib/personal-data';
import { isoTime } from '../../lib/time';
import { Appeal } from './appeal.entity';
import { KIND_WORDS } from './appeals.types';

/**
 * Appeals and errands. Work staff have accepted blocks a deletion (an errand may be half done on
 * the holder's behalf); deleting clears what the holder wrote, and the appeals stay, without it,
 * for the stations' figures.
 */
export const appealsPersonalData = personalDataPart({
  async read(em, { accountId }) {
    const rows = await em.find(Appeal, {
      where: { accountId },
      select: {
        id: true,
        kind: true,
        category: true,
        text: true,
        contactTime: true,
        status: true,
        rating: true,
        ratingComment: true,
        createdAt: true,
      },
      order: { id: 'DESC' },
    });
    return {
      appeals: rows.map((a) => ({
        id: a.id,
        kind: a.kind,
        category: a.category,
        text: a.text,
        contactTime: a.contactTime,
        status: a.status,
        rating: a.rating,
        ratingComment: a.ratingComment,
        createdAt: isoTime(a.createdAt),
      })),
    };
  },
  async blockers(em, { accountId }) {
    const open = await em.find(Appeal, {
      where: { accountId, status: In(['accepted', 'in_progress']) },
      select: { id: true, kind: true },
    });
    return [...new Set(open.map((a) => a.kind))].map((kind) => ({
      what: `您有正在办理的${KIND_WORDS[kind]}`,
      action: '请等待办结，或联系服务站撤回后再注销',
    }));
  },
  async erase(em, { accountId }) {
    await em.update(Appeal, { accountId }, { text: '', contactTime: null, ratingComment: null });
    return undefined;
  },
});
