import { z } from 'zod';
import { HOLDER_CATEGORIES } from '../../lib/id-number';

/**
 * The eligibility rules of the 优待证 (退役军人、其他优抚对象优待证):
 * refused outright when expelled from the forces, deprived of political rights, serving a
 * sentence or wanted; reviewed case by case after a prior criminal punishment and the like.
 */
export const declarationsSchema = z.strictObject({
  expelled: z.boolean(),
  deprivedOfPoliticalRights: z.boolean(),
  servingSentence: z.boolean(),
  wanted: z.boolean(),
  priorCriminalPunishment: z.boolean(),
});
export type Declarations = z.infer<typeof declarationsSchema>;

export const eligibilityBody = z.strictObject({
  category: z.enum(HOLDER_CATEGORIES),
  declarations: declarationsSchema,
});

export type EligibilityVerdict = 'eligible' | 'case_by_case' | 'ineligible';

const CATEGORY_WORDS = {
  veteran: '退役军人',
  martyr_family: '烈士遗属',
  duty_death_family: '因公牺牲军人遗属',
  illness_death_family: '病故军人遗属',
} as const;

const EXCLUSIONS: Array<[keyof Declarations, string]> = [
  ['expelled', '被开除军籍的'],
  ['deprivedOfPoliticalRights', '被依法剥夺政治权利的'],
  ['servingSentence', '正在服刑的'],
  ['wanted', '正被通缉的'],
];

/** A plain answer: the verdict, why, and what happens next. */
export function checkEligibility(category: keyof typeof CATEGORY_WORDS, d: Declarations) {
  const excluded = EXCLUSIONS.filter(([k]) => d[k]).map(([, words]) => words);
  if (excluded.length > 0) {
    return {
      verdict: 'ineligible' as EligibilityVerdict,
      reasons: excluded.map((w) => `${w}不能申领优待证`),
      next: ['情况发生变化后（如刑满释放、恢复政治权利），可再次申请', '如有疑问，可咨询所在服务站'],
    };
  }
  if (d.priorCriminalPunishment) {
    return {
      verdict: 'case_by_case' as EligibilityVerdict,
      reasons: ['曾受过刑事处罚的，由退役军人事务部门逐案审核'],
      next: ['可以提交申请；审核时工作人员可能请您补充说明', '请如实填写，隐瞒情况可能导致优待证被注销'],
    };
  }
  return {
    verdict: 'eligible' as EligibilityVerdict,
    reasons: [`${CATEGORY_WORDS[category]}可以申领优待证`],
    next: [
      '准备材料：身份证、户口簿、退伍证或关系证明',
      '照片要求：近期免冠彩色照片，白色背景，不着军装，JPG 格式，352 x 440 像素，20–50 KB',
      '选择服务站提交申请，服务站初审后报区退役军人事务局审核',
    ],
  };
}
