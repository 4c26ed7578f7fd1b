import { appError } from '../../lib/error-catalogue';

import type { DeletionBlocker } from '../../lib/personal-data';

export type { DeletionBlocker };

/** Errors of the holder's privacy requests (what is stored, deleting the account). */
export const PrivacyErrors = {
  deletionBlocked: appError(409, 'DELETION_BLOCKED', (blockers: DeletionBlocker[]) => ({
    message: `暂时不能注销：${blockers.map((b) => `${b.what}，${b.action}`).join('；')}`,
    details: blockers.map((b) => ({ rule: 'unfinished', message: `${b.what}，${b.action}` })),
  })),
};
