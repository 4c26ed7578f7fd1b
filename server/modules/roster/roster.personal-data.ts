import { personalDataPart } from '../../lib/personal-data';

/**
 * The roster is the bureau's record (建档立卡), not data the holder gave the mini-program: an entry
 * names no account (it meets the holder's identity only through the ID number's blind index), and
 * visits are staff's notes. So nothing of it is part of 我的信息, and deleting an account removes
 * nothing here: the entry stays with the bureau, and once the identity is erased (its blind index
 * replaced) the file no longer finds the deleted account's records.
 */
export const rosterPersonalData = personalDataPart({});
