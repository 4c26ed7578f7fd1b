import type { Entry, EntrySource } from './types';

export const ENTRY_STATUS_LABELS: Record<string, string> = { draft: '草稿', published: '已发布', archived: '已归档' };
export const UNANSWERED_STATUS_LABELS: Record<string, string> = {
  open: '待处理',
  converted: '已转为条目',
  dismissed: '已忽略',
};
export const ENTRY_ACTION_LABELS: Record<string, string> = {
  create: '创建',
  edit: '修改',
  publish: '发布',
  archive: '归档',
  restore: '恢复为草稿',
};

/** The editor's fields: phrasings one a line, tags separated by spaces, commas or 、. */
export interface EntryForm {
  question: string;
  phrasings: string;
  answer: string;
  document: string;
  article: string;
  issuer: string;
  effectiveDate: string;
  tags: string;
}

export const emptyForm = (question = ''): EntryForm => ({
  question,
  phrasings: '',
  answer: '',
  document: '',
  article: '',
  issuer: '',
  effectiveDate: '',
  tags: '',
});

export function formOf(e: Entry): EntryForm {
  return {
    question: e.question,
    phrasings: e.phrasings.join('\n'),
    answer: e.answer,
    document: e.source.document,
    article: e.source.article ?? '',
    issuer: e.source.issuer ?? '',
    effectiveDate: e.source.effectiveDate ?? '',
    tags: e.tags.join('、'),
  };
}

export const splitLines = (s: string): string[] => [
  ...new Set(
    s
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter(Boolean),
  ),
];
export const splitTags = (s: string): string[] => [
  ...new Set(
    s
      .split(/[\s,，、;；]+/)
      .map((t) => t.trim())
      .filter(Boolean),
  ),
];

const orNull = (s: string) => s.trim() || null;

export interface EntryBody {
  question: string;
  phrasings: string[];
  answer: string;
  source: EntrySource;
  tags: string[];
}

export function bodyOf(f: EntryForm): EntryBody {
  return {
    question: f.question.trim(),
    phrasings: splitLines(f.phrasings),
    answer: f.answer.trim(),
    source: {
      document: f.document.trim(),
      article: orNull(f.article),
      issuer: orNull(f.issuer),
      effectiveDate: orNull(f.effectiveDate),
    },
    tags: splitTags(f.tags),
  };
}

const len = (s: string) => [...s].length;

/** The server's limits, said per field before the request (the server checks them again). */
export function validateForm(f: EntryForm): Record<string, string> {
  const b = bodyOf(f);
  const errors: Record<string, string> = {};
  if (len(b.question) < 2 || len(b.question) > 200) errors.question = '问题须为 2–200 字';
  if (b.phrasings.length > 20) errors.phrasings = '其他问法最多 20 条';
  else if (b.phrasings.some((p) => len(p) < 2 || len(p) > 200)) errors.phrasings = '每条问法须为 2–200 字';
  if (!b.answer) errors.answer = '请填写答案';
  else if (len(b.answer) > 5000) errors.answer = '答案最多 5000 字';
  if (!b.source.document) errors.document = '请填写依据文件';
  else if (len(b.source.document) > 200) errors.document = '依据文件最多 200 字';
  if (b.source.article && len(b.source.article) > 100) errors.article = '条款最多 100 字';
  if (b.source.issuer && len(b.source.issuer) > 100) errors.issuer = '发文机关最多 100 字';
  if (b.source.effectiveDate && !/^\d{4}-\d{2}-\d{2}$/.test(b.source.effectiveDate))
    errors.effectiveDate = '日期格式为 YYYY-MM-DD';
  if (b.tags.length > 10) errors.tags = '标签最多 10 个';
  else if (b.tags.some((t) => len(t) > 20)) errors.tags = '每个标签最多 20 字';
  else if (b.tags.join(',').length > 255) errors.tags = '标签总长度过长';
  return errors;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The edit to send: only the fields that changed, with the revision the editor started from (a newer
 * one on the server refuses it); null when nothing changed.
 */
export function patchOf(e: Entry, f: EntryForm): (Partial<EntryBody> & { revision: number }) | null {
  const b = bodyOf(f);
  const patch: Partial<EntryBody> = {};
  if (b.question !== e.question) patch.question = b.question;
  if (!same(b.phrasings, e.phrasings)) patch.phrasings = b.phrasings;
  if (b.answer !== e.answer) patch.answer = b.answer;
  if (!same(b.source, e.source)) patch.source = b.source;
  if (!same(b.tags, e.tags)) patch.tags = b.tags;
  return Object.keys(patch).length ? { ...patch, revision: e.revision } : null;
}

/** `[words](/page)` links in an answer become buttons in the mini-program: listed for the editor to check. */
export function linksIn(answer: string): Array<{ words: string; page: string }> {
  return [...answer.matchAll(/\[([^\]]+)\]\(([^)\s]+)\)/g)].map((m) => ({ words: m[1], page: m[2] }));
}

/** The entries query for the list. */
export function entriesQuery(f: { q: string; status: string; tag: string }, cursor: string | null, limit = 30) {
  return {
    limit,
    q: f.q.trim().slice(0, 50) || undefined,
    status: f.status || undefined,
    tag: f.tag.trim() || undefined,
    cursor: cursor ?? undefined,
  };
}

/** A synonym pair before it is sent: both filled, at most 32 characters, not the same word. */
export function synonymError(term: string, canonical: string): string | null {
  const t = term.trim();
  const c = canonical.trim();
  if (!t || !c) return '请填写两个词';
  if (len(t) > 32 || len(c) > 32) return '每个词最多 32 字';
  if (t === c) return '同义词不能与原词相同';
  return null;
}
