import type { HolderCategory } from '../../lib/id-number';

/** The five life-cycle stages of a person on the roster (the 金东 platform's): 入伍, 服役, 退役, 就业, 优待. */
export const ROSTER_STAGES = ['enlisted', 'serving', 'retired', 'employed', 'privileged'] as const;
export type RosterStage = (typeof ROSTER_STAGES)[number];

export const STAGE_WORDS: Record<RosterStage, string> = {
  enlisted: '入伍',
  serving: '服役',
  retired: '退役',
  employed: '就业',
  privileged: '优待',
};

/** Still in the forces: not yet eligible for the 优待证, so outside the application rate's denominator. */
export const NOT_YET_ELIGIBLE: readonly RosterStage[] = ['enlisted', 'serving'];

export const CATEGORY_WORDS: Record<HolderCategory, string> = {
  veteran: '退役军人',
  martyr_family: '烈士遗属',
  duty_death_family: '因公牺牲军人遗属',
  illness_death_family: '病故军人遗属',
};

/** Words a bureau's spreadsheet uses for a category besides the ones above. */
export const CATEGORY_ALIASES: Record<string, HolderCategory> = {
  烈属: 'martyr_family',
  烈士家属: 'martyr_family',
  因公牺牲军人家属: 'duty_death_family',
  病故军人家属: 'illness_death_family',
};

/** The kinds of 走访慰问 staff record. */
export const VISIT_KINDS = ['home_visit', 'holiday_condolence', 'hardship_condolence', 'phone', 'other'] as const;
export type VisitKind = (typeof VISIT_KINDS)[number];
