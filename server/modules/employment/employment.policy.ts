import type { EntityManager } from 'typeorm';
import { forbidden } from '../../lib/errors';
import type { Principal } from '../../lib/principal';
import type { FileReadRule } from '../files/file-use.service';
import { Employer } from './employer.entity';
import { EmploymentErrors } from './employment.errors';

/** The file-use owner type of an employer's business licence (owner id: the employer). */
export const EMPLOYER_LICENCE_FILE = 'employer_licence';

/** Staff who act on employment (review employers, take postings down, run fairs): district staff. */
export function assertStaffMayAct(principal: Principal): void {
  if (!principal.roles.includes('district_staff')) throw forbidden('仅区级工作人员可以办理');
}

/**
 * The employer the caller owns, never taken from the client: the latest one they applied with.
 * With `approved`, anything but an approved employer is 403 EMPLOYER_NOT_APPROVED.
 */
export async function ownEmployer(
  em: EntityManager,
  principal: Principal,
  opts: { approved?: boolean } = {},
): Promise<Employer> {
  const employer = await em.findOne(Employer, {
    where: { ownerAccountId: principal.accountId },
    order: { id: 'DESC' },
  });
  if (!employer) throw forbidden('您还没有登记招聘单位');
  if (opts.approved && employer.status !== 'approved') throw EmploymentErrors.employerNotApproved();
  return employer;
}

/**
 * A business licence: staff who see employers (station and district staff) may read it; the owner reads it
 * as its owner, admins read every file.
 */
export const readEmployerLicence: FileReadRule = async (em, principal, use, file) =>
  file.purpose === 'document' &&
  (principal.roles.includes('district_staff') || principal.roles.includes('station_staff')) &&
  (await em.existsBy(Employer, { id: use.ownerId, licenceFileId: file.id }));
