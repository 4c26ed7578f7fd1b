/**
 * The domain's own vocabulary, loaded into the segmenter on top of its general dictionary. Without
 * it the segmenter cuts 优抚对象 or 心理疏导 into pieces that no rule or entry would match as a
 * whole. The frequency only has to be high enough to win over the general dictionary's split.
 */
export const DOMAIN_WORDS: readonly string[] = [
  // The card and its life
  '优待证',
  '电子优待证',
  '电子证',
  '实体卡',
  '申领',
  '换领',
  '补领',
  '补办',
  '挂失',
  '解除挂失',
  '注销',
  '制卡',
  '待领取',
  '初审',
  '复审',
  '退伍证',
  '退役证',
  '户口簿',
  '证件照',
  '白底',
  // Who holds it
  '退役军人',
  '退役士兵',
  '退伍军人',
  '优抚对象',
  '其他优抚对象',
  '三属',
  '烈属',
  '军属',
  '遗属',
  '烈士',
  '烈士遗属',
  '因公牺牲',
  '因公牺牲军人',
  '病故',
  '病故军人',
  '残疾军人',
  '伤残军人',
  '开除军籍',
  '剥夺政治权利',
  '刑事处罚',
  // Where and who serves
  '服务站',
  '退役军人服务站',
  '退役军人事务局',
  '退役军人事务部',
  '服务中心',
  '工作人员',
  '人工客服',
  '转人工',
  // Legal desk
  '法律服务',
  '法律咨询',
  '法律援助',
  '人民调解',
  '心理疏导',
  '心理咨询',
  '打官司',
  // Merchants and benefits
  '拥军优待',
  '优待联盟',
  '拥军商户',
  '合作商户',
  '亮证',
  '二维码',
  '核销',
  '代金券',
  '优先就医',
  '免费乘车',
  '公共交通',
  '景区',
  '门票',
  // Ways of asking progress
  '到哪一步',
  '办到哪',
];

/** The dictionary file the segmenter loads: `word frequency` per line. */
export function domainDictionary(): Buffer {
  return Buffer.from(DOMAIN_WORDS.map((w) => `${w} 50000`).join('\n'), 'utf8');
}

/**
 * Words that carry no topic: pronouns, particles, politeness and question words. They are dropped
 * before retrieval and from the words an understanding reports; the intent rules still see the
 * whole message.
 */
export const STOP_WORDS: ReadonlySet<string> = new Set([
  ...['的', '了', '吗', '呢', '啊', '吧', '呀', '哦', '嗯', '哈', '嘛', '么', '啦', '咯', '呗', '嘞', '哩'],
  ...['哎', '诶', '喂', '噢', '哇', '着', '过', '地', '得', '之', '而', '及', '与', '和', '或', '跟'],
  ...['我', '你', '您', '他', '她', '它', '我们', '你们', '他们', '咱', '咱们', '俺', '自己', '人家'],
  ...['是', '在', '有', '也', '都', '就', '还', '又', '再', '很', '太', '挺', '才', '已经', '一直'],
  ...['要', '想', '能', '会', '可', '可以', '能不能', '可不可以', '需要', '应该', '得'],
  ...['请问', '请', '问', '问问', '一下', '一个', '个', '这', '那', '这个', '那个', '这样', '那样'],
  ...['什么', '啥', '怎么', '咋', '怎样', '怎么样', '如何', '为什么', '为啥', '哪', '哪个', '哪些', '哪里', '哪儿'],
  ...['谁', '小', '大', '多', '几', '给', '把', '被', '让', '对', '从', '到', '来', '上', '下'],
  ...['说', '知道', '告诉', '帮', '帮忙', '麻烦', '一些', '些', '点', '一点', '现在', '那么', '这么'],
  ...['你好', '您好', '同志', '老师', '谢谢', '好的', '好', '行', '嗯嗯', '就是', '然后', '但是', '因为', '所以'],
]);

/** True for a word that is only punctuation, symbols or spaces. */
export const isNoise = (word: string) => /^[\p{P}\p{S}\s]*$/u.test(word);
