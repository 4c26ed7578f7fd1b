import type { ApiBody, ApiItem, ApiResult } from './api-types';
import type { HolderCategory } from './people';
import { ApiError, request, upload } from './request';

// The shapes below are the server's, read from the generated API types (types/api.d.ts).

/**
 * An application as its holder sees it, with the actions the server allows now: `reason` says why
 * it was sent back or refused, `needsInfoDeadline` is the last moment to resubmit, and
 * `allowedActions` (edit, submit, resubmit, withdraw) is exactly what the holder may do now.
 */
export type Application = ApiResult<'/api/v1/card-applications/{id}'>;
export type ApplicationStatus = Application['status'];
/** A first card, a replacement after loss (补领), or an exchange of a worn card (换领). */
export type ApplicationKind = Application['kind'];
export type Delivery = Application['delivery'];
export type HistoryItem = Application['history'][number];
/** Who moved an application, in role terms: the holder, the service station, the district bureau, or the system. */
export type ActorRole = HistoryItem['by'];
export type StationRef = NonNullable<Application['station']>;

/** What creating an application sends; `kind` defaults to a first card. */
export type ApplicationInput = ApiBody<'/api/v1/card-applications', 'post'>;
export type ApplicationPatch = ApiBody<'/api/v1/card-applications/{id}', 'patch'>;

/** The holder's own statements on the exclusions of the 优待证 rules. */
export type Declarations = ApplicationInput['declarations'];
export type DeclarationKey = keyof Declarations;

export type Eligibility = ApiResult<'/api/v1/card-applications/eligibility', 'post'>;
export type EligibilityVerdict = Eligibility['verdict'];

/**
 * The electronic card: number and name masked; the QR code is what proves it. `history` is every
 * step since it was issued; `allowedActions` (report_lost) is exactly what the holder may do now.
 */
export type Card = ApiResult<'/api/v1/me/card'>;
export type CardStatus = Card['status'];
export type CardHistoryItem = Card['history'][number];
export type QrToken = ApiResult<'/api/v1/me/card/qr-token', 'post'>;

export type Station = ApiItem<'/api/v1/stations'>;
export type UploadedFile = ApiResult<'/api/v1/files', 'post', 201>;

/** The status of an application in words, and what it means for the holder. */
export const APPLICATION_STATUS_WORDS: Record<ApplicationStatus, { label: string; hint: string }> = {
  draft: { label: '草稿', hint: '申请尚未提交，提交后服务站才会审核' },
  submitted: { label: '已提交', hint: '服务站将尽快审核您的材料' },
  station_approved: { label: '初审通过', hint: '服务站初审通过，已报区退役军人事务局审核' },
  approved: { label: '审核通过', hint: '审核通过，将安排制卡' },
  in_production: { label: '制卡中', hint: '已送交银行制卡，制成后会通知您' },
  card_ready: { label: '待领取', hint: '优待证已制成，请按通知领取' },
  issued: { label: '已发放', hint: '优待证已发放，可在小程序中出示电子证' },
  needs_info: { label: '待补充材料', hint: '请按要求修改或补充材料，在期限前重新提交' },
  rejected: { label: '未通过', hint: '申请未通过审核' },
  withdrawn: { label: '已撤回', hint: '申请已撤回' },
};

/** The colour of an application's status chip: green done, amber waiting on the holder, red refused. */
export const APPLICATION_STATUS_TONE: Record<ApplicationStatus, 'ok' | 'warn' | 'danger' | 'info' | 'neutral'> = {
  draft: 'neutral',
  submitted: 'info',
  station_approved: 'info',
  approved: 'ok',
  in_production: 'info',
  card_ready: 'ok',
  issued: 'ok',
  needs_info: 'warn',
  rejected: 'danger',
  withdrawn: 'neutral',
};

/** Statuses in which an application is still open: the holder cannot start another meanwhile. */
const OPEN_STATUSES: ApplicationStatus[] = [
  'draft',
  'submitted',
  'station_approved',
  'approved',
  'in_production',
  'card_ready',
  'needs_info',
];

export const isOpenApplication = (status: ApplicationStatus) => OPEN_STATUSES.indexOf(status) >= 0;

export const CARD_STATUS_TONE: Record<CardStatus, 'ok' | 'warn' | 'danger' | 'neutral'> = {
  active: 'ok',
  reported_lost: 'warn',
  replaced: 'neutral',
  revoked: 'danger',
};

export const ACTOR_WORDS: Record<ActorRole, string> = {
  holder: '本人',
  station: '服务站',
  district: '区退役军人事务局',
  system: '系统',
};

export const KIND_WORDS: Record<ApplicationKind, string> = {
  new: '优待证申领',
  reissue: '优待证补领',
  exchange: '优待证换领',
};

export const CARD_STATUS_WORDS: Record<CardStatus, { label: string; hint: string }> = {
  active: { label: '正常', hint: '可向优待商户出示二维码' },
  reported_lost: { label: '已挂失', hint: '已挂失，电子证已停用。如需继续使用，请申请补领。' },
  replaced: { label: '已更换', hint: '此证已由新证替换，不能再使用' },
  revoked: { label: '已注销', hint: '此证已被注销，不能再使用。如有疑问请联系所在服务站。' },
};

/** What each step of a card's history is called. */
export const CARD_STEP_WORDS: Record<CardHistoryItem['action'], string> = {
  issue: '发证',
  report_lost: '挂失',
  replace: '换发新证',
  revoke: '注销',
};

/** The five questions of the self-check, in the order they are asked. */
export const DECLARATION_QUESTIONS: Array<{ key: DeclarationKey; text: string }> = [
  { key: 'expelled', text: '是否曾被开除军籍？' },
  { key: 'deprivedOfPoliticalRights', text: '现在是否被依法剥夺政治权利？' },
  { key: 'servingSentence', text: '现在是否正在服刑？' },
  { key: 'wanted', text: '现在是否正被通缉？' },
  { key: 'priorCriminalPunishment', text: '是否曾受过刑事处罚？' },
];

/** Declarations as five 0/1 characters, to pass them from page to page in a query string. */
export function encodeDeclarations(d: Declarations): string {
  return DECLARATION_QUESTIONS.map((q) => (d[q.key] ? '1' : '0')).join('');
}

/** The reverse of encodeDeclarations; null for anything that is not five 0/1 characters. */
export function decodeDeclarations(s: string | undefined): Declarations | null {
  if (!s || !/^[01]{5}$/.test(s)) return null;
  const d = {} as Declarations;
  DECLARATION_QUESTIONS.forEach((q, i) => {
    d[q.key] = s.charAt(i) === '1';
  });
  return d;
}

/** The self-check: a plain verdict, the reasons and what to do next. */
export function eligibility(category: HolderCategory, declarations: Declarations): Promise<Eligibility> {
  return request<Eligibility>('/api/v1/card-applications/eligibility', {
    method: 'POST',
    data: { category, declarations },
  });
}

/** Creates the application as a draft (APPLICATION_EXISTS when one is already open). */
export function createApplication(input: ApplicationInput): Promise<Application> {
  return request<Application>('/api/v1/card-applications', { method: 'POST', data: input });
}

/** Edits a draft, or an application sent back for more information (before its deadline). */
export function updateApplication(id: number, patch: ApplicationPatch): Promise<Application> {
  return request<Application>(`/api/v1/card-applications/${id}`, { method: 'PATCH', data: patch });
}

/** Submits a draft, or resubmits after being sent back. */
export function submit(id: number): Promise<Application> {
  return request<Application>(`/api/v1/card-applications/${id}/submit`, { method: 'POST' });
}

export function withdraw(id: number): Promise<Application> {
  return request<Application>(`/api/v1/card-applications/${id}/withdraw`, { method: 'POST' });
}

/** The holder's applications, newest first. */
export function mine(): Promise<ApiResult<'/api/v1/card-applications/mine'>> {
  return request<ApiResult<'/api/v1/card-applications/mine'>>('/api/v1/card-applications/mine');
}

export function get(id: number): Promise<Application> {
  return request<Application>(`/api/v1/card-applications/${id}`);
}

/** The holder's electronic card, or null when none has been issued. */
export async function myCard(): Promise<Card | null> {
  try {
    return await request<Card>('/api/v1/me/card');
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) return null;
    throw err;
  }
}

/** A signed QR token for the card, valid about a minute; CARD_INACTIVE unless the card is active. */
export function qrToken(): Promise<QrToken> {
  return request<QrToken>('/api/v1/me/card/qr-token', { method: 'POST' });
}

/** Reports the card lost: it stops verifying at once. */
export function reportLost(): Promise<Card> {
  return request<Card>('/api/v1/me/card/report-lost', { method: 'POST' });
}

/** The service stations a holder can choose. */
export async function stations(): Promise<Station[]> {
  const page = await request<ApiResult<'/api/v1/stations'>>('/api/v1/stations', { auth: false });
  return page.items;
}

/** Uploads the card photo; PHOTO_SPEC with the list of problems (in `details`) when it misses the rules. */
export function uploadPhoto(filePath: string): Promise<UploadedFile> {
  return upload<UploadedFile>('/api/v1/files', filePath, { purpose: 'card_photo' });
}

/** Uploads one supporting document (ID card, 户口簿 pages, discharge papers, proof of relationship). */
export function uploadDocument(filePath: string): Promise<UploadedFile> {
  return upload<UploadedFile>('/api/v1/files', filePath, { purpose: 'document' });
}
