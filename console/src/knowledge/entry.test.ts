import { describe, expect, it } from 'vitest';
import {
  bodyOf,
  emptyForm,
  entriesQuery,
  formOf,
  linksIn,
  patchOf,
  splitTags,
  synonymError,
  validateForm,
} from './entry';
import type { Entry } from './types';

const entry: Entry = {
  id: 4,
  question: '优待证丢了怎么办',
  phrasings: ['优待证遗失', '证件丢失补办'],
  answer: '请到服务站申请补领。[去申请](/pages/card/apply)',
  source: { document: '优待证管理办法', article: null, issuer: '退役军人事务部', effectiveDate: '2022-01-01' },
  tags: ['补领', '待核实'],
  status: 'published',
  revision: 3,
  allowedActions: ['edit', 'archive'],
  createdAt: '',
  updatedAt: '',
  publishedAt: null,
};

describe('the entry editor', () => {
  it('round-trips an entry through the form', () => {
    expect(bodyOf(formOf(entry))).toEqual({
      question: entry.question,
      phrasings: entry.phrasings,
      answer: entry.answer,
      source: entry.source,
      tags: entry.tags,
    });
  });

  it('splits phrasings by line and tags by any separator, once each', () => {
    const b = bodyOf({ ...emptyForm('问题'), phrasings: ' a1 \n\n a1\nb2 ', tags: '补领，待核实、 补领 x' });
    expect(b.phrasings).toEqual(['a1', 'b2']);
    expect(b.tags).toEqual(['补领', '待核实', 'x']);
    expect(splitTags('')).toEqual([]);
  });

  it('says what is missing or too long, per field', () => {
    expect(validateForm(formOf(entry))).toEqual({});
    const e = validateForm({
      ...emptyForm('问'),
      effectiveDate: '2022/1/1',
      tags: Array.from({ length: 11 }, (_, i) => 't' + i).join(' '),
    });
    expect(Object.keys(e).sort()).toEqual(['answer', 'document', 'effectiveDate', 'question', 'tags']);
    expect(validateForm({ ...formOf(entry), phrasings: '好' }).phrasings).toBe('每条问法须为 2–200 字');
  });

  it('sends only what changed, with the revision it started from', () => {
    expect(patchOf(entry, formOf(entry))).toBeNull();
    expect(patchOf(entry, { ...formOf(entry), answer: '新的答案', article: '第十条' })).toEqual({
      answer: '新的答案',
      source: { ...entry.source, article: '第十条' },
      revision: 3,
    });
  });

  it('lists the answer’s links', () => {
    expect(linksIn(entry.answer)).toEqual([{ words: '去申请', page: '/pages/card/apply' }]);
  });
});

describe('lists', () => {
  it('asks for entries with only the filters set', () => {
    expect(entriesQuery({ q: ' 丢了 ', status: '', tag: '' }, null)).toEqual({
      limit: 30,
      q: '丢了',
      status: undefined,
      tag: undefined,
      cursor: undefined,
    });
    expect(entriesQuery({ q: '', status: 'draft', tag: '补领' }, 'c', 10)).toMatchObject({
      status: 'draft',
      tag: '补领',
      cursor: 'c',
    });
  });

  it('checks a synonym pair', () => {
    expect(synonymError('丢了', '挂失')).toBeNull();
    expect(synonymError('', '挂失')).toBe('请填写两个词');
    expect(synonymError('挂失', ' 挂失 ')).toBe('同义词不能与原词相同');
    expect(synonymError('字'.repeat(33), '挂失')).toBe('每个词最多 32 字');
  });
});
