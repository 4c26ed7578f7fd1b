import { In } from 'typeorm';
import { personalDataPart } from '../../lib/personal-data';
import { isoTime } from '../../lib/time';
import { ProxyAction } from './proxy-action.entity';
import { ProxyLink } from './proxy-link.entity';
import { PROXY_SERVICE_WORDS } from './proxy-link.states';
import { describeRoute, servicesOf, statusNow, type ProxiesService } from './proxies.service';

/**
 * Family-member links (家属代办), on either side: who acts for the holder and whom the holder acts
 * for, and the requests made through them. Deleting an account revokes every link it is on, either
 * side; the record of what was done for whom stays (it names accounts, not people).
 */
export const proxiesPersonalData = (proxies: ProxiesService) =>
  personalDataPart({
    async read(em, { accountId, now }) {
      const links = await em.find(ProxyLink, {
        where: [{ holderAccountId: accountId }, { proxyAccountId: accountId }],
        order: { id: 'DESC' },
      });
      const actions = links.length
        ? await em.find(ProxyAction, {
            where: { linkId: In(links.map((l) => l.id)) },
            order: { id: 'DESC' },
            take: 100,
          })
        : [];
      const sideOf = (l: { holderAccountId: number }) => (l.holderAccountId === accountId ? 'holder' : 'proxy');
      return {
        proxyLinks: links.map((l) => ({
          id: l.id,
          side: sideOf(l),
          relation: l.relation,
          services: servicesOf(l).map((s) => PROXY_SERVICE_WORDS[s]),
          status: statusNow(l, now),
          createdAt: isoTime(l.createdAt),
        })),
        proxyActions: actions.map((a) => ({
          linkId: a.linkId,
          side: sideOf(a),
          what: describeRoute(a.method, a.route),
          status: a.status,
          at: isoTime(a.createdAt),
        })),
      };
    },
    async erase(em, { accountId, now }) {
      await proxies.revokeAllOf(em, accountId, now);
      return undefined;
    },
  });
