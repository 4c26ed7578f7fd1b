import type { IntentKey, LegalServiceKey } from './intents';

/**
 * A clue: any of its words or patterns present adds its weight (a few distinct ones somewhat more).
 * A word matches when the segmenter produced it, or, for words of two characters or more, when the
 * normalised message contains it (so a phrase like 到哪一步 needs no particular segmentation). A
 * pattern is tried on the normalised message, for the many ways of putting one question
 * (审核完了吗, 批好没, 办好了吧).
 */
export interface Clue {
  words: readonly string[];
  patterns?: readonly RegExp[];
  weight: number;
}

/**
 * One intent's rule. Its score is the sum of the clues that match less the `against` clues; it only
 * scores at all when every `needs` group has a word present.
 */
export interface IntentRule {
  intent: IntentKey;
  clues: readonly Clue[];
  against?: readonly Clue[];
  needs?: readonly (readonly string[])[];
}

/** A score at which a rule is taken as the message's intent. */
export const RULE_FIRES = 3;
/** A score at which a live-data rule wins even over a close knowledge-base entry. */
export const RULE_CONFIDENT = 4.5;

const CARD = ['优待证', '证', '证件', '卡', '电子证', '实体卡'];
/** Troubles people bring to a lawyer or a mediator. */
const TROUBLES = [
  '被骗',
  '诈骗',
  '上当',
  '欠薪',
  '拖欠',
  '工资',
  '欠钱',
  '欠款',
  '借钱',
  '赔偿',
  '工伤',
  '交通事故',
  '赡养',
  '遗产',
  '继承',
  '离婚',
  '财产',
  '房产',
  '打架',
  '侵权',
];

/** The legal desk's four services by name. */
const SERVICE_NAMES = ['法律咨询', '法律援助', '人民调解', '心理疏导', '心理咨询'];
const LEGAL = [
  '律师',
  '法律',
  '法律咨询',
  '法律援助',
  '法律服务',
  '咨询',
  '调解',
  '人民调解',
  '调解员',
  '心理',
  '心理疏导',
  '心理咨询',
  '疏导',
  '援助',
  '官司',
];
const DISCOUNT = ['打折', '折扣', '优惠', '便宜', '让利'];
const SHOPS = [
  '买东西',
  '购物',
  '商家',
  '商户',
  '店',
  '饭店',
  '饭馆',
  '馆子',
  '餐馆',
  '店铺',
  '超市',
  '理发',
  '理发店',
  '加油',
  '加油站',
  '地儿',
];
/** Ways of asking how far an application has got, beyond the fixed phrases: 审核完了吗, 批好没, 到哪个环节. */
const PROGRESS_PATTERNS = [
  /(审核|审|批|办|做|制|发)(完|好|下来)(了)?(吗|没|没有|嘛|不)/,
  /到(了)?哪个?(环节|步|阶段|程序)/,
  /(什么时候|啥时候|多久|几时)(才)?(能|可以)?(发|拿|领|下来|办好|批)/,
  /(谁|哪个)在(审|批|办)/,
  /(显示|一直是?)(已提交|审核中|待审核|制卡中)/,
];

/** Ways of asking how far an application has got. */
const PROGRESS = [
  '办到哪',
  '到哪一步',
  '到哪了',
  '到哪儿',
  '到哪个地方',
  '哪一步',
  '进度',
  '进展',
  '什么状态',
  '啥状态',
  '审核了',
  '审核过',
  '审核通过',
  '审核到',
  '初审过',
  '过了吗',
  '过了没',
  '批下来',
  '批了',
  '下来了',
  '还没下来',
  '没下来',
  '还没好',
  '办好了',
  '办好没',
  '好了没',
  '做好了',
  '制好',
  '通过了吗',
  '通过没',
  '有没有通过',
  '没动静',
  '没消息',
  '没有消息',
  '卡住',
  '退回来了',
  '被退回',
  '能领了',
  '可以领了',
  '去领了',
];
/** Kinds of people who may or may not hold a card. */
const PEOPLE = ['退役士兵', '士兵', '军人', '家属', '子女', '兄弟姐妹', '配偶', '爱人', '遗属', '烈属', '军属'];
const LOSS = [
  '丢',
  '丢了',
  '丢失',
  '遗失',
  '弄丢',
  '掉了',
  '掉哪',
  '丢哪',
  '被偷',
  '偷了',
  '不见了',
  '找不到',
  '没找到',
  '找不着',
  '寻不着',
  '寻不到',
];

/**
 * The intent rules, as data. Weights were set against the phrase table in test/chat-phrases.ts;
 * the order only breaks ties (earlier wins).
 */
export const INTENT_RULES: readonly IntentRule[] = [
  {
    intent: 'ask_person',
    clues: [
      { words: ['转人工', '人工客服', '人工服务', '人工', '真人', '活人', '人工坐席', '接线员'], weight: 3.5 },
      { words: ['工作人员', '客服', '领导', '负责人', '找人', '来个人', '叫个人', '揾人'], weight: 2 },
      { words: ['找', '叫', '转', '联系', '接通', '打电话', '打个电话', '投诉'], weight: 1.5 },
      { words: ['电话'], weight: 1 },
      { words: ['不想跟机器', '跟机器说', '不要机器'], weight: 3.5 },
      { words: ['机器人', '说不清', '听不懂', '不会用'], weight: 1.5 },
    ],
    against: [
      { words: ['人工智能'], weight: 6 },
      { words: ['工作人员说', '工作人员讲', '工作人员告诉'], weight: 3 },
      { words: ['聊聊', '心里', '心情', '睡不着'], weight: 2 },
    ],
  },
  {
    intent: 'card_lost',
    clues: [
      { words: LOSS, weight: 3 },
      { words: ['挂失', '补领', '补办', '再办一张', '重新办一张', '补一张', '补证'], weight: 3 },
      { words: CARD, weight: 1 },
    ],
    needs: [[...CARD, '挂失', '补领', '补办', '补证']],
    against: [{ words: ['二维码', '照片'], weight: 1 }],
  },
  {
    intent: 'card_apply',
    clues: [
      {
        words: ['申请', '申领', '办理', '办', '办个', '办一下', '办一张', '办证', '提交申请'],
        patterns: [/(怎么|咋|如何|哪里|在哪|去哪|哪儿)(办|申请|申领|弄)/],
        weight: 2,
      },
      {
        words: ['怎么', '如何', '在哪', '哪里', '去哪', '哪儿', '入口', '从哪', '啥地方', '哪能', '咋', '怎么弄'],
        weight: 1,
      },
      { words: ['我想', '我要', '想办', '要办', '帮我', '想申请', '帮她', '帮他', '想帮'], weight: 1.5 },
      { words: ['优待证', '办证'], weight: 1.5 },
    ],
    needs: [[...CARD, '办证', '申领']],
    against: [
      { words: [...LOSS, '挂失', '补领', '补办', '换领', '换', '坏了', '注销'], weight: 3 },
      { words: [...PROGRESS, '审核', '下来', '办好', '通过', '退回'], weight: 3 },
      {
        words: [
          '三属',
          '烈士子女',
          '烈士的',
          '遗属',
          '父母',
          '因公牺牲',
          '病故',
          '开除',
          '军籍',
          '服刑',
          '坐牢',
          '坐过牢',
        ],
        weight: 2,
      },
      { words: ['刑事', '判过刑', '犯过', '哪些人', '什么人', '谁能', '不能'], weight: 2 },
      // A kind of person asking "may I": an eligibility question, answered from the knowledge base.
      { words: PEOPLE, weight: 1.5 },
      {
        words: [
          '材料',
          '照片',
          '多久',
          '要钱',
          '收费',
          '费用',
          '撤回',
          '代办',
          '区别',
          '两张',
          '户口',
          '外地',
          '条件',
          '资格',
        ],
        weight: 3,
      },
      { words: ['二维码', '亮证', '出示', '商家', '打折'], weight: 2 },
    ],
  },
  {
    intent: 'card_status',
    clues: [
      { words: PROGRESS, patterns: PROGRESS_PATTERNS, weight: 3 },
      { words: ['啥时候能拿', '什么时候能拿', '什么时候能领', '多久能拿', '啥时候拿', '拿到手'], weight: 2.5 },
      { words: ['查一下', '查查', '查询', '帮我看看', '看看', '审核', '初审', '制卡', '还没', '怎么还'], weight: 1 },
      { words: [...CARD, '申请', '材料'], weight: 1 },
      { words: ['我的', '我妈', '我爸', '老伴', '我交', '我提交', '交了', '提交了'], weight: 0.5 },
    ],
    // "Where is it" about something else (a parcel) is not about the card.
    needs: [[...CARD, '申请', '申领', '审核', '初审', '复审', '材料', '制卡', '批', '办']],
    against: [
      { words: [...LOSS, '挂失', '补领', '补办'], weight: 3 },
      { words: ['一般', '通常', '大概要', '要多久', '需要多久', '几天能'], weight: 2.5 },
      { words: ['二维码', '亮证', '出示', '预约', '律师'], weight: 2 },
      { words: ['怎么补', '补充什么', '还能再申请', '再申请'], weight: 3 },
    ],
  },
  {
    intent: 'card_show',
    clues: [
      {
        words: ['出示', '亮证', '亮一下', '亮出来', '调出来', '打开证', '给商家看', '给店员看', '给人家看'],
        weight: 4.5,
      },
      { words: ['二维码', '电子优待证', '电子证', '码'], weight: 3 },
      { words: ['我的证', '手机上的优待证', '证在哪看'], weight: 3 },
      { words: ['我的优待证', '在哪看', '怎么打开', '打开'], weight: 1.5 },
      { words: ['显示', '刷新', '过期', '扫', '结账', '付款', '收银', '店员', '给人看'], weight: 1 },
      { words: CARD, weight: 0.5 },
    ],
    against: [
      { words: [...LOSS, '挂失', '补领', '补办'], weight: 3 },
      { words: ['办到哪', '进度', '审核', '申请', '申领', '办理', '办下来', '多久'], weight: 2.5 },
      { words: ['核销', '商户怎么', '商家怎么'], weight: 3 },
    ],
  },
  {
    intent: 'nearby_discounts',
    clues: [
      {
        words: ['附近', '周边', '周围', '离我近', '这附近', '这边', '这疙瘩', '家门口', '旁边', '哪家', '哪些店'],
        weight: 2,
      },
      { words: DISCOUNT, weight: 2 },
      { words: SHOPS, weight: 1.5 },
      { words: ['能用优待证', '能用', '可以用', '拥军商户', '优待商户', '优待商家', '拥军优惠'], weight: 1.5 },
      {
        words: ['哪里能用', '哪能用', '哪里有', '哪儿有', '推荐', '有哪些', '有没有', '找个', '找一家', '在哪'],
        weight: 1,
      },
    ],
    needs: [[...DISCOUNT, ...SHOPS, '拥军商户', '优待商户', '优待商家', '拥军优惠']],
    against: [
      { words: ['是什么', '怎么加入', '加入', '入驻', '我开了', '核销'], weight: 3 },
      { words: ['不给', '拒绝', '投诉'], weight: 3 },
      { words: ['公交', '地铁', '公园', '景区', '医院', '博物馆', '门票', '代金券'], weight: 2.5 },
      { words: ['二维码', '亮证', '出示'], weight: 2 },
    ],
  },
  {
    intent: 'legal_my_appointments',
    clues: [
      { words: ['我的预约', '我约的', '我预约的', '预约记录', '查预约', '我有几个预约', '预约成功'], weight: 4 },
      { words: ['取消预约', '取消我的预约', '改时间', '改约', '改一下', '约的时间', '几点来着', '是哪天'], weight: 3 },
      { words: ['约了', '预约了', '之前约', '已经约'], weight: 1.5 },
      { words: LEGAL, weight: 0.5 },
    ],
    against: [{ words: ['没去', '不去会', '会怎么样'], weight: 3 }],
  },
  {
    intent: 'legal_free_times',
    clues: [
      {
        words: ['有空', '空位', '空闲', '有号', '还有号', '名额', '约满', '排班', '值班', '坐班', '可以预约的时间'],
        weight: 3,
      },
      {
        words: ['哪天', '什么时候', '啥时候', '几点', '这周', '下周', '明天', '时间', '周几', '星期几', '上班'],
        weight: 1.5,
      },
      { words: ['哪天在', '可以约', '能约', '可约'], weight: 1 },
      { words: LEGAL, weight: 1 },
    ],
    needs: [[...LEGAL, '预约', '约']],
    against: [{ words: ['我约的', '我的预约', '我预约的', '帮我约', '我要约', '我想约', '约了'], weight: 3 }],
  },
  {
    intent: 'legal_book',
    clues: [
      { words: ['预约', '约个', '约一下', '想约', '帮我约', '我要约', '挂个', '挂号', '面谈', '见律师'], weight: 3 },
      { words: ['约', '报名', '安排'], weight: 1 },
      { words: LEGAL, weight: 1 },
      { words: SERVICE_NAMES, weight: 1 },
    ],
    needs: [LEGAL],
    against: [
      { words: ['是什么', '干什么', '收费', '要钱', '没去', '会怎么样', '条件'], weight: 3 },
      { words: ['我预约的', '我约的', '我的预约', '预约记录', '约了'], weight: 3 },
      { words: ['怎么预约'], weight: 0 },
    ],
  },
  {
    intent: 'legal_services',
    clues: [
      {
        words: [
          '法律服务',
          '法律援助',
          '法律咨询',
          '人民调解',
          '心理疏导',
          '心理咨询',
          '打官司',
          '法律问题',
          '法律方面',
        ],
        weight: 3,
      },
      { words: ['律师', '调解', '纠纷', '官司', '起诉', '维权', '仲裁'], weight: 2.5 },
      { words: TROUBLES, weight: 2 },
      { words: ['心情', '睡不着', '失眠', '抑郁', '焦虑', '心里', '想不开', '聊聊', '压力', '烦'], weight: 2 },
      {
        words: ['法律', '心理', '邻居', '合同', '房子', '过户', '帮忙', '帮助', '有人管', '找谁', '怎么办'],
        weight: 1,
      },
    ],
    against: [{ words: ['是什么', '干什么', '是干啥', '收费', '要钱', '条件', '没去'], weight: 3 }],
  },
  {
    intent: 'appeal_status',
    clues: [
      {
        words: ['我的诉求', '我的代办', '诉求进度', '代办进度', '我反映的', '我提的', '我提交的诉求', '反映的问题'],
        weight: 4,
      },
      { words: ['诉求', '代办', '反映'], weight: 1.5 },
      {
        words: [
          '怎么样了',
          '办好了',
          '办完了',
          '有回复',
          '有结果',
          '进度',
          '到哪',
          '处理了',
          '受理了',
          '解决了',
          '有人管',
        ],
        weight: 1.5,
      },
    ],
    needs: [['诉求', '代办', '反映', '提的', '提交的']],
    against: [
      { words: ['优待证', '预约', '律师', '代金券'], weight: 3 },
      { words: ['怎么提', '怎么反映', '我要反映', '我想反映', '想提', '帮我代办', '能代办', '可以代办'], weight: 3 },
    ],
  },
  {
    intent: 'appeal_file',
    clues: [
      {
        words: ['反映问题', '反映情况', '提诉求', '提个诉求', '我要反映', '我想反映', '怎么反映', '有诉求', '提意见'],
        weight: 4,
      },
      { words: ['代办', '代跑', '跑腿', '帮我跑', '帮我取', '代取', '代领', '上门办', '代为办理'], weight: 3.5 },
      { words: ['行动不便', '走不动', '腿脚不好', '去不了', '没法去', '卧床'], weight: 2 },
      { words: ['诉求', '反映', '困难', '帮忙', '帮我办'], weight: 1 },
    ],
    against: [
      {
        words: ['我的诉求', '我的代办', '诉求进度', '代办进度', '我反映的', '我提的', '怎么样了', '办好了'],
        weight: 3,
      },
      { words: ['优待证', '预约', '律师', '代金券'], weight: 2 },
      // Whether a family member may act for the holder is a policy question (the knowledge base's).
      { words: ['可以让', '让子女', '让家里人', '让家属', '让孩子', '让亲戚'], weight: 3 },
    ],
  },
  {
    intent: 'jobs',
    clues: [
      {
        words: [
          '找工作',
          '找个工作',
          '找份工作',
          '就业超市',
          '招聘会',
          '招聘',
          '招工',
          '求职',
          '工作机会',
          '再就业',
          '岗位',
        ],
        weight: 4,
      },
      { words: ['工作', '上班', '打工', '保安', '司机', '就业'], weight: 2 },
      { words: ['有没有', '哪里', '推荐', '介绍', '想找', '适合', '怎么找'], weight: 1.2 },
    ],
    against: [
      { words: ['拖欠', '欠薪', '工伤', '辞退', '赔偿', '仲裁', '安置'], weight: 4 },
      // The bureau's own staff and hours are not jobs.
      { words: ['工作人员', '工作时间', '工作日', '上班时间'], weight: 4 },
    ],
  },
  {
    intent: 'lodging',
    clues: [
      { words: ['驿站', '军人驿站', '免费住宿', '免费住', '住一晚', '过夜', '住的地方', '免费房'], weight: 4.5 },
      { words: ['住宿', '酒店', '宾馆', '旅馆', '房间', '探亲'], weight: 2 },
      { words: ['现役', '部队', '军属', '探望'], weight: 1 },
    ],
    against: [{ words: ['打折', '优惠', '折扣', '几折'], weight: 3 }],
  },
  {
    intent: 'notices',
    clues: [
      { words: ['通知', '新消息', '未读', '公告', '推送'], weight: 3 },
      { words: ['消息', '提醒'], weight: 2.5 },
      { words: ['我的', '有没有', '最近', '看看', '在哪看', '发的'], weight: 0.5 },
    ],
    against: [
      { words: ['收不到', '没收到', '怎么设置', '订阅'], weight: 3 },
      { words: ['优待证', '审核', '申请', '没消息', '没有消息', '没动静'], weight: 2.5 },
    ],
  },
  {
    intent: 'greeting',
    clues: [
      {
        words: [
          '你好',
          '您好',
          '在吗',
          '在不在',
          '有人吗',
          '哈喽',
          'hello',
          'hi',
          '嗨',
          '喂',
          '喂喂',
          '侬好',
          '有冇人',
        ],
        weight: 3,
      },
      { words: ['早上好', '上午好', '中午好', '下午好', '晚上好', '早'], weight: 3 },
    ],
  },
  {
    intent: 'thanks',
    clues: [
      { words: ['谢谢', '多谢', '感谢', '谢了', '辛苦了', '辛苦', '麻烦你了', '太好了'], weight: 3 },
      { words: ['明白了', '知道了', '懂了', '好的', '收到'], weight: 1.5 },
    ],
  },
];

/**
 * Words naming one of the legal desk's services, strongest first: the service's own name, then the
 * troubles each one takes.
 */
export const LEGAL_SERVICE_WORDS: ReadonlyArray<readonly [LegalServiceKey, readonly string[]]> = [
  ['consultation', ['法律咨询']],
  ['legal_aid', ['法律援助']],
  ['mediation', ['人民调解']],
  ['counselling', ['心理疏导', '心理咨询']],
  ['counselling', ['心理', '疏导', '心情', '睡不着', '失眠', '抑郁', '焦虑', '想不开', '心里']],
  ['mediation', ['调解', '纠纷', '矛盾', '吵架', '邻居']],
  ['legal_aid', ['援助', '打官司', '官司', '起诉', '欠薪', '拖欠', '工资', '请不起', '维权', '仲裁']],
  ['consultation', ['咨询', '律师', '法律问题']],
];
