import { appError } from '../../lib/error-catalogue';

/** What must be finished before an account can be deleted, in the holder's words. */
export interface DeletionBlocker {
  what: string;
  action: string;
}

/** Errors of the holder's privacy requests (what is stored, deleting the account). */
export const PrivacyErrors = {
  deletionBlocked: appError(409, 'DELETION_BLOCKED', (blockers: DeletionBlocker[]) => ({
    message: `暂时不能注销：${blockers.map((b) => `${b.what}，${b.action}`).join('；')}`,
    details: blockers.map((b) => ({ rule: 'unfinished', message: `${b.what}，${b.action}` })),
  })),
};
