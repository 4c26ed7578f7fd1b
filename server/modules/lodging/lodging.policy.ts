import type { FileReadRule } from '../files/file-use.service';
import { LodgingBooking } from './lodging-booking.entity';

/**
 * A booking's proof of status (军官证、士兵证 or 军属证明): district staff who review it may read it;
 * the guest reads it as its owner, admins read every file. The hotel's desk never reads it.
 */
export const readLodgingProof: FileReadRule = async (em, principal, use, file) =>
  file.purpose === 'document' &&
  principal.roles.includes('district_staff') &&
  (await em.existsBy(LodgingBooking, { id: use.ownerId, proofFileId: file.id }));
