import { In } from 'typeorm';
import { personalDataPart } from '../../lib/personal-data';
import { isoTime } from '../../lib/time';
import { Employer } from './employer.entity';
import { JobApplication, JobProfile } from './job-application.entity';
import { JobFair, JobFairIntention, JobFairSignup } from './job-fair.entity';
import { JobPosting, JobPostingSave } from './job-posting.entity';

/**
 * Employment. The holder's job profile, their applications (the profile snapshots sent), saved
 * postings and fair signups show in 我的信息. Deleting the account deletes the profile and the saves,
 * and anonymises the applications (what was sent is cleared; the steps stay for the figures); an
 * application under way does not block it. An employer still recruiting, owned by the account, does.
 */
export const employmentPersonalData = personalDataPart({
  async read(em, { accountId }) {
    const [profile, applications, saves, signups] = await Promise.all([
      em.findOneBy(JobProfile, { accountId }),
      em.find(JobApplication, { where: { accountId }, order: { id: 'DESC' } }),
      em.find(JobPostingSave, { where: { accountId }, order: { id: 'DESC' } }),
      em.find(JobFairSignup, { where: { accountId }, order: { id: 'DESC' } }),
    ]);
    const postingIds = [...new Set([...applications.map((a) => a.postingId), ...saves.map((s) => s.postingId)])];
    const postings = postingIds.length
      ? await em.find(JobPosting, { where: { id: In(postingIds) }, select: { id: true, title: true } })
      : [];
    const titles = new Map(postings.map((p) => [p.id, p.title]));
    const fairs = signups.length
      ? await em.find(JobFair, { where: { id: In(signups.map((s) => s.fairId)) }, select: { id: true, title: true } })
      : [];
    const fairTitles = new Map(fairs.map((f) => [f.id, f.title]));
    return {
      employment: {
        profile: profile
          ? {
              name: profile.name,
              phoneLast4: profile.phoneLast4,
              skills: profile.skills,
              serviceBackground: profile.serviceBackground,
              desiredWork: profile.desiredWork,
              updatedAt: isoTime(profile.updatedAt),
            }
          : null,
        applications: applications.map((a) => ({
          id: a.id,
          postingTitle: titles.get(a.postingId) ?? '',
          status: a.status,
          createdAt: isoTime(a.createdAt),
        })),
        savedPostings: saves.map((s) => ({
          postingTitle: titles.get(s.postingId) ?? '',
          savedAt: isoTime(s.createdAt),
        })),
        fairSignups: signups.map((s) => ({
          fairTitle: fairTitles.get(s.fairId) ?? '',
          status: s.status,
          attended: Boolean(s.attended),
          createdAt: isoTime(s.createdAt),
        })),
      },
    };
  },
  async blockers(em, { accountId }) {
    const live = await em.existsBy(Employer, { ownerAccountId: accountId, status: In(['submitted', 'approved']) });
    return live
      ? [{ what: '您登记的招聘单位仍在招聘或审核中', action: '请联系区退役军人事务局停用招聘单位后再注销' }]
      : [];
  },
  async erase(em, { accountId }) {
    await em.delete(JobProfile, { accountId });
    await em.delete(JobPostingSave, { accountId });
    await em.update(
      JobApplication,
      { accountId },
      { name: '', phoneCipher: null, phoneLast4: '', skills: '', serviceBackground: '', desiredWork: '' },
    );
    await em.update(JobFairIntention, { accountId }, { note: '' });
    return undefined;
  },
});
