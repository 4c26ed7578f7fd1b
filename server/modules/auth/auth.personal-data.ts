import { personalDataPart } from '../../lib/personal-data';
import { isoTime } from '../../lib/time';
import { bumpTokenVersion, rolesOf } from './accounts.service';
import { Account } from './account.entity';
import { RefreshToken } from './refresh-token.entity';

/** Roles an account may hold and still delete itself: a holder's. Work accounts are closed by an administrator. */
const SELF_SERVICE_ROLES = new Set<string>(['holder']);

/**
 * The account itself. Deleting it unlinks WeChat (a new login starts afresh), clears the name,
 * disables it and ends every session; the row stays for the records that name it.
 */
export const authPersonalData = personalDataPart({
  async read(em, { accountId }) {
    const a = await em.findOneByOrFail(Account, { id: accountId });
    return {
      account: {
        id: a.id,
        displayName: a.displayName,
        roles: await rolesOf(em, accountId),
        createdAt: isoTime(a.createdAt),
        lastLoginAt: a.lastLoginAt ? isoTime(a.lastLoginAt) : null,
      },
    };
  },
  async blockers(em, { accountId }) {
    const roles = await rolesOf(em, accountId);
    return roles.some((r) => !SELF_SERVICE_ROLES.has(r))
      ? [{ what: '这是工作账号（工作人员、律师或商户）', action: '请联系管理员办理注销' }]
      : [];
  },
  async erase(em, { accountId, now }) {
    await em.delete(RefreshToken, { accountId });
    await em.update(
      Account,
      { id: accountId },
      { openid: null, unionid: null, displayName: '已注销用户', disabled: true, updatedAt: now },
    );
    await bumpTokenVersion(em, accountId, now);
    return undefined;
  },
});
