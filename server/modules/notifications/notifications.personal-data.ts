import { personalDataPart } from '../../lib/personal-data';
import { isoTime } from '../../lib/time';
import { OutboxMessage } from './outbox-message.entity';
import { SubscriptionGrant } from './subscription-grant.entity';

/** The holder's notices and the subscriptions they granted; deleting drops both. */
export const notificationsPersonalData = personalDataPart({
  async read(em, { accountId }) {
    const total = await em.count(OutboxMessage, { where: { recipientAccountId: accountId } });
    const latest = await em.find(OutboxMessage, {
      where: { recipientAccountId: accountId },
      select: { id: true, title: true, createdAt: true },
      order: { id: 'DESC' },
      take: 20,
    });
    const grants = await em.find(SubscriptionGrant, { where: { accountId }, select: { id: true, remaining: true } });
    return {
      notices: {
        total,
        latest: latest.map((n) => ({ title: n.title, createdAt: isoTime(n.createdAt) })),
        subscriptions: grants.reduce((sum, g) => sum + g.remaining, 0),
      },
    };
  },
  async erase(em, { accountId }) {
    await em.delete(OutboxMessage, { recipientAccountId: accountId });
    await em.delete(SubscriptionGrant, { accountId });
    return undefined;
  },
});
