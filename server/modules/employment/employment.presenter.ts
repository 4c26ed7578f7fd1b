import { presentHistory } from '../../lib/state-machine';
import { isoTime } from '../../lib/time';
import type { Employer } from './employer.entity';
import type { EmployerDetail } from './employers.service';
import {
  APPLICATION_STATUS_WORDS,
  EMPLOYER_STATUS_WORDS,
  POSTING_STATUS_WORDS,
  type PostingStatus,
} from './employment.states';
import type { FairDetail } from './fairs.service';
import type { ApplicationDetail } from './job-applications.service';
import type { JobApplication } from './job-application.entity';
import type { JobFairIntention, JobFairSignup } from './job-fair.entity';
import type { JobPosting } from './job-posting.entity';
import { effectiveStatus, type PostingDetail } from './postings.service';

export function presentEmployer(e: Employer) {
  return {
    id: e.id,
    companyName: e.companyName,
    creditCode: e.creditCode,
    contactName: e.contactName,
    contactPhone: e.contactPhone,
    address: e.address,
    licenceFileId: e.licenceFileId,
    status: e.status,
    statusText: EMPLOYER_STATUS_WORDS[e.status],
    reason: e.reason,
    createdAt: isoTime(e.createdAt),
  };
}

export const presentEmployerDetail = (d: EmployerDetail) => ({
  ...presentEmployer(d.employer),
  history: presentHistory(d.history),
});

/** A posting in a list, its status as read today (past its day, a published posting is closed). */
export function presentPosting(p: JobPosting, employerName: string, today: string, status?: PostingStatus) {
  const shown = status ?? effectiveStatus(p, today);
  return {
    id: p.id,
    employerId: p.employerId,
    employerName,
    title: p.title,
    category: p.category,
    salaryMin: p.salaryMin,
    salaryMax: p.salaryMax,
    district: p.district,
    address: p.address,
    headcount: p.headcount,
    veteranPreferred: p.veteranPreferred,
    veteranPreferenceText: p.veteranPreferenceText,
    validUntil: p.validUntil,
    status: shown,
    statusText: POSTING_STATUS_WORDS[shown],
    createdAt: isoTime(p.createdAt),
  };
}

export function presentPostingDetail(d: PostingDetail, reader: { saved: boolean; applied: boolean }) {
  return {
    ...presentPosting(d.posting, d.employerName, '', d.status),
    requirements: d.posting.requirements,
    takedownReason: d.posting.takedownReason,
    saved: reader.saved,
    applied: reader.applied,
    history: presentHistory(d.history),
  };
}

export function presentApplication(
  a: JobApplication,
  postingTitle: string,
  employerName: string,
  actions: readonly string[],
) {
  return {
    id: a.id,
    postingId: a.postingId,
    postingTitle,
    employerId: a.employerId,
    employerName,
    status: a.status,
    statusText: APPLICATION_STATUS_WORDS[a.status],
    interviewNote: a.interviewNote,
    declineReason: a.declineReason,
    createdAt: isoTime(a.createdAt),
    updatedAt: isoTime(a.updatedAt),
    /** What the reader may do with it now. */
    allowedActions: [...actions],
  };
}

/** An application with the profile as it was sent (to the holder themself and the employer applied to). */
export function presentApplicationDetail(d: ApplicationDetail) {
  const a = d.application;
  return {
    ...presentApplication(a, d.postingTitle, d.employerName, d.allowedActions),
    profile: {
      name: a.name,
      phone: d.phone,
      skills: a.skills,
      serviceBackground: a.serviceBackground,
      desiredWork: a.desiredWork,
    },
    history: presentHistory(d.history),
  };
}

export function presentSignup(s: JobFairSignup) {
  return {
    id: s.id,
    fairId: s.fairId,
    status: s.status,
    attended: Boolean(s.attended),
    createdAt: isoTime(s.createdAt),
  };
}

export function presentFair(d: FairDetail) {
  const f = d.fair;
  return {
    id: f.id,
    title: f.title,
    mode: f.mode,
    fairDate: f.fairDate,
    place: f.place,
    link: f.link,
    description: f.description,
    capacity: f.capacity,
    signupCount: f.signupCount,
    remaining: f.capacity === null ? null : Math.max(0, f.capacity - f.signupCount),
    employers: d.employers,
  };
}

export function presentIntention(i: JobFairIntention) {
  return {
    id: i.id,
    fairId: i.fairId,
    accountId: i.accountId,
    employerId: i.employerId,
    note: i.note,
    createdAt: isoTime(i.createdAt),
  };
}
