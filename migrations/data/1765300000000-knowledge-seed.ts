/**
 * The knowledge base the product starts with, frozen with migration 1765300000000: written for
 * 戎友 as general statements that each bureau reviews and edits in the console. Where the article of
 * a document is not certain it is left empty and the entry is tagged 待核实, for staff to check
 * against the document before relying on it.
 *
 * Nothing here is imported from server/: a landed migration must keep inserting exactly this.
 */

export interface SeedSource {
  document: string;
  article: string | null;
  issuer: string | null;
  effectiveDate: string | null;
}

export interface SeedEntry {
  question: string;
  phrasings: string[];
  answer: string;
  source: SeedSource;
  tags: string[];
}

const CARD_RULES: SeedSource = {
  document: '《退役军人、其他优抚对象优待证管理办法》',
  article: null,
  issuer: '退役军人事务部',
  effectiveDate: null,
};
const GUARANTEE_LAW: SeedSource = {
  document: '《中华人民共和国退役军人保障法》',
  article: null,
  issuer: '全国人民代表大会常务委员会',
  effectiveDate: '2021-01-01',
};
const LEGAL_AID_LAW: SeedSource = {
  document: '《中华人民共和国法律援助法》',
  article: null,
  issuer: '全国人民代表大会常务委员会',
  effectiveDate: '2022-01-01',
};
const MEDIATION_LAW: SeedSource = {
  document: '《中华人民共和国人民调解法》',
  article: null,
  issuer: '全国人民代表大会常务委员会',
  effectiveDate: '2011-01-01',
};
const PREFERENCE_OPINION: SeedSource = {
  document: '《关于进一步加强军人军属、退役军人和其他优抚对象优待工作的意见》',
  article: null,
  issuer: '退役军人事务部等部门',
  effectiveDate: null,
};
const PENSION_REGULATIONS: SeedSource = {
  document: '《军人抚恤优待条例》',
  article: null,
  issuer: '国务院、中央军事委员会',
  effectiveDate: null,
};
const SERVICE_GUIDE: SeedSource = {
  document: '戎友服务说明',
  article: null,
  issuer: '区退役军人事务局',
  effectiveDate: null,
};

const CHECK = '待核实';

export const KNOWLEDGE_SEED_ENTRIES: SeedEntry[] = [
  // 优待证：是什么、谁能办
  {
    question: '优待证是什么，有什么用？',
    phrasings: ['优待证有什么用', '办优待证有啥好处', '优待证能干什么', '什么是优待证', '退役军人优待证是干嘛的'],
    answer:
      '优待证全称“退役军人、其他优抚对象优待证”，是国家统一制发的身份和优待凭证。持证人在公共交通、公园景区、文化场馆、就医等方面可按各地规定享受优待，在本区“拥军优待联盟”商户消费时也可凭证享受折扣。除实体卡外，您还可以在小程序里出示电子优待证：[查看我的优待证](/packages/card/pages/card/card)。',
    source: CARD_RULES,
    tags: ['优待证', '政策概述', CHECK],
  },
  {
    question: '哪些人可以申领优待证？',
    phrasings: ['谁能办优待证', '什么人可以申请优待证', '优待证申领对象', '我能不能办优待证', '申领优待证的条件', '有资格办优待证吗'],
    answer:
      '可以申领的有两类人：一是退役军人；二是其他优抚对象，主要是烈士、因公牺牲军人、病故军人的遗属（常说的“三属”），包括其配偶、父母（抚养人）、子女，以及由其负责抚养的兄弟姐妹。不确定自己是否符合，可以先在小程序做一次资格自查：[资格自查](/packages/card/pages/eligibility/eligibility)。',
    source: CARD_RULES,
    tags: ['优待证', '申领条件', CHECK],
  },
  {
    question: '三属是指哪些人？',
    phrasings: ['三属是什么意思', '什么叫三属', '烈属算三属吗', '军烈属包括哪些', '三属能办优待证吗'],
    answer:
      '“三属”指烈士遗属、因公牺牲军人遗属和病故军人遗属。遗属一般包括配偶、父母（抚养人）、子女，以及由其负责抚养的兄弟姐妹。三属可以申领优待证，申请时需要提供与烈士、因公牺牲或病故军人关系的证明。',
    source: PENSION_REGULATIONS,
    tags: ['三属', '申领条件', CHECK],
  },
  {
    question: '烈士子女可以办优待证吗？',
    phrasings: ['烈士的女儿能办优待证吗', '烈士遗属能申请优待证吗', '我父亲是烈士我能办吗', '烈属办证'],
    answer:
      '可以。烈士的配偶、父母（抚养人）、子女，以及由烈士负责抚养的兄弟姐妹，都属于烈士遗属，可以申领优待证。申请时请准备本人身份证、户口簿，以及烈士证明书或能证明与烈士关系的材料。',
    source: CARD_RULES,
    tags: ['三属', '烈士', '申领条件', CHECK],
  },
  {
    question: '因公牺牲军人、病故军人的家属能办优待证吗？',
    phrasings: ['因公牺牲军人的父母能办优待证吗', '病故军人家属有优待证吗', '牺牲军人的爱人能申请吗', '病故军人遗属申领'],
    answer:
      '可以。因公牺牲军人和病故军人的遗属（配偶、父母或抚养人、子女，以及由其负责抚养的兄弟姐妹）属于其他优抚对象，可以申领优待证。申请时除身份证、户口簿外，还需要提供因公牺牲或病故的证明，以及能证明亲属关系的材料。',
    source: CARD_RULES,
    tags: ['三属', '因公牺牲', '病故', '申领条件', CHECK],
  },
  {
    question: '优抚对象包括哪些人？',
    phrasings: ['什么是优抚对象', '其他优抚对象是指谁', '优抚对象范围'],
    answer:
      '优抚对象是享受国家抚恤和优待的人员，常见的有残疾军人、退役军人中的部分人员、烈士遗属、因公牺牲军人遗属、病故军人遗属、现役军人家属等。能申领优待证的“其他优抚对象”主要是烈士、因公牺牲军人、病故军人的遗属。具体范围以《军人抚恤优待条例》和本地政策为准。',
    source: PENSION_REGULATIONS,
    tags: ['优抚对象', '申领条件', CHECK],
  },
  {
    question: '哪些情况不能申领优待证？',
    phrasings: ['什么人不能办优待证', '被开除军籍的能办吗', '正在服刑能申请优待证吗', '被通缉的能办吗', '剥夺政治权利能办优待证吗'],
    answer:
      '有下列情形之一的，不能申领优待证：被开除军籍的；被依法剥夺政治权利的；正在服刑的；正被通缉的。这些情况消除后（例如刑满释放、恢复政治权利），可以再次提出申请。',
    source: CARD_RULES,
    tags: ['优待证', '申领条件', '不予发放', CHECK],
  },
  {
    question: '以前受过刑事处罚，还能办优待证吗？',
    phrasings: ['坐过牢能办优待证吗', '以前判过刑能申请吗', '有犯罪记录能办优待证吗', '受过处分能办证吗'],
    answer:
      '曾经受过刑事处罚、现在已不在服刑期的，可以提交申请，由退役军人事务部门逐案审核，审核时工作人员可能请您补充说明情况。请如实填写申请中的声明，隐瞒情况被发现的，已发的优待证会被收回注销。',
    source: CARD_RULES,
    tags: ['优待证', '申领条件', '逐案审核', CHECK],
  },
  {
    question: '户口不在本区，能在这里申请优待证吗？',
    phrasings: ['外地户口能在这办优待证吗', '户籍不在本区怎么办优待证', '在外地住能申请吗', '异地办理优待证'],
    answer:
      '优待证一般向户籍所在地的退役军人服务站（或乡镇街道退役军人服务站）申请。户口不在本区的，请向户籍地申请；特殊情况可先咨询本区服务站，工作人员会告诉您怎么办理。',
    source: CARD_RULES,
    tags: ['优待证', '申领条件', '户籍', CHECK],
  },
  {
    question: '一个人可以办两张优待证吗？',
    phrasings: ['既是退役军人又是烈属能办几张', '能不能办两张优待证', '优待证一人一张吗'],
    answer:
      '优待证一人一证。同时具有退役军人和遗属等多种身份的，只申领一张，按其中一种身份办理即可，各项优待不会因此减少。',
    source: CARD_RULES,
    tags: ['优待证', '申领条件', CHECK],
  },

  // 申领：材料、照片、流程、时间、费用
  {
    question: '申领优待证需要准备哪些材料？',
    phrasings: ['办优待证要带什么', '申请优待证需要什么材料', '办证要准备啥东西', '申领需要哪些证件', '材料清单'],
    answer:
      '一般需要：1. 本人居民身份证；2. 户口簿（户主页和本人页）；3. 退役军人提供退伍证、退役证或其他退役证明，三属提供烈士证明书、因公牺牲或病故证明及亲属关系证明；4. 一张符合要求的电子照片（JPG 格式，352 x 440 像素，20–50 KB，白色背景）。在小程序申请时按页面提示拍照或上传即可：[申请优待证](/packages/card/pages/apply/apply)。',
    source: CARD_RULES,
    tags: ['优待证', '申领', '材料', CHECK],
  },
  {
    question: '优待证照片有什么要求？',
    phrasings: ['照片要多大尺寸', '照片背景什么颜色', '照片规格是多少', '证件照要求', '照片多少像素', '能穿军装拍照吗'],
    answer:
      '照片要求：近期免冠彩色正面照，白色背景，不穿军装；JPG 格式，宽 352 像素、高 440 像素，文件大小 20–50 KB。上传时系统会自动检查，哪一项不合格会直接告诉您。',
    source: CARD_RULES,
    tags: ['优待证', '照片', '申领', CHECK],
  },
  {
    question: '照片上传说不合格怎么办？',
    phrasings: ['照片传不上去', '照片太大了上传不了', '照片尺寸不对', '手机拍的照片不合格', '照片显示黑白不行'],
    answer:
      '请按提示逐项调整：尺寸必须正好是 352 x 440 像素；文件在 20 KB 到 50 KB 之间（太大可以用手机相册的“压缩”或“编辑-裁剪”功能，太小可以重拍）；必须是彩色照片、白色背景。拿不准的，可以到服务站请工作人员帮忙拍照上传。',
    source: SERVICE_GUIDE,
    tags: ['照片', '申领', '小程序使用'],
  },
  {
    question: '在哪里申请优待证？',
    phrasings: ['优待证去哪办', '优待证在哪里办理', '手机上能申请优待证吗', '网上怎么申请优待证', '办优待证要去哪'],
    answer:
      '两种方式任选其一：1. 在小程序里线上申请，填写信息、上传材料和照片，选择您所在的服务站提交：[申请优待证](/packages/card/pages/apply/apply)；2. 带齐材料到户籍所在地的退役军人服务站现场申请，工作人员会帮您录入。两种方式的审核流程相同。',
    source: SERVICE_GUIDE,
    tags: ['优待证', '申领', '办理渠道'],
  },
  {
    question: '申领优待证的流程是怎样的？',
    phrasings: ['优待证怎么办理', '办优待证有哪些步骤', '优待证申领流程', '申请以后要经过哪些环节'],
    answer:
      '流程是：1. 提交申请（小程序或服务站）；2. 服务站初审，看材料是否齐全；3. 区退役军人事务局审核；4. 审核通过后分批送银行制卡；5. 卡制好后通知您领取。每一步在小程序都有提醒，也可以随时查看进度：[我的申请](/packages/card/pages/application/application)。',
    source: CARD_RULES,
    tags: ['优待证', '申领', '流程', CHECK],
  },
  {
    question: '办优待证一般要多久？',
    phrasings: ['优待证多久能办下来', '申请以后一般几天能拿到', '办证要等多长时间', '制卡要多久'],
    answer:
      '时间主要取决于审核和银行分批制卡：服务站初审和区里审核一般各需要几个工作日，制卡按批次进行，通常需要数周。各环节的实际时间以本区安排为准，每到一步小程序都会通知您，不需要反复打电话询问。',
    source: SERVICE_GUIDE,
    tags: ['优待证', '申领', '时间', CHECK],
  },
  {
    question: '办优待证要收费吗？',
    phrasings: ['办优待证要钱吗', '优待证收费吗', '申领优待证花钱吗', '制卡费多少钱'],
    answer:
      '申领优待证不收取费用。如果有人以办证、加急为名向您收钱，请不要相信，并向服务站或区退役军人事务局反映。',
    source: CARD_RULES,
    tags: ['优待证', '费用', CHECK],
  },
  {
    question: '可以让家里人代办优待证吗？',
    phrasings: ['子女能帮我申请优待证吗', '老人不会用手机能代办吗', '代办优待证', '帮父母申请优待证'],
    answer:
      '可以。行动不便或不会使用手机的，可以由家属作为代办人在小程序里代为申请和查看进度；代办时需要如实填写与本人的关系，并上传本人的材料。也可以由家属陪同到服务站办理。',
    source: SERVICE_GUIDE,
    tags: ['优待证', '代办', '申领'],
  },
  {
    question: '申请被退回要补充材料，怎么补？',
    phrasings: ['申请退回来了怎么补材料', '让我补充材料怎么弄', '补充材料有期限吗', '待补充是什么意思'],
    answer:
      '申请状态为“待补充”时，说明审核人员需要您补充或更正材料，原因写在申请详情里。请在期限内打开[我的申请](/packages/card/pages/application/application)，按说明补齐后重新提交；超过期限未补充的，申请会自动撤回，需要时可以重新申请。',
    source: SERVICE_GUIDE,
    tags: ['优待证', '申领', '补充材料'],
  },
  {
    question: '申请没通过怎么办？',
    phrasings: ['优待证申请被拒了', '审核不通过还能再申请吗', '申请未通过的原因在哪看'],
    answer:
      '未通过的原因会写在申请详情里。如果是材料问题，准备好后可以重新申请；如果对结果有疑问，可以联系所在服务站，或在对话中转人工，请工作人员说明。',
    source: SERVICE_GUIDE,
    tags: ['优待证', '申领', '审核结果'],
  },
  {
    question: '提交了申请还能撤回吗？',
    phrasings: ['申请能取消吗', '怎么撤回优待证申请', '交错了能撤销吗'],
    answer:
      '在区里审核通过之前，您可以在[我的申请](/packages/card/pages/application/application)里撤回申请；审核通过进入制卡后就不能撤回了。撤回后如需要，可以重新申请。',
    source: SERVICE_GUIDE,
    tags: ['优待证', '申领', '撤回'],
  },
  {
    question: '优待证制好后怎么领取？',
    phrasings: ['优待证去哪领', '卡做好了怎么拿', '领证要本人去吗', '能寄过来吗'],
    answer:
      '卡制好后，小程序会通知您领取方式和地点。一般由服务站发放，本人带身份证领取；行动不便的，可以由家属代领或按通知安排送达。部分批次会统一举行发放仪式。',
    source: SERVICE_GUIDE,
    tags: ['优待证', '领取', CHECK],
  },

  // 挂失、补领、换领、注销
  {
    question: '优待证丢了怎么办？',
    phrasings: ['优待证丢失了怎么处理', '证件不见了怎么办', '优待证被偷了', '优待证找不到了'],
    answer:
      '请先在小程序里立即挂失：打开[我的优待证](/packages/card/pages/card/card)，选择“挂失”，挂失后原卡不能再用于享受优待，以免被人冒用。然后申请补领，补领的审核和制卡流程与首次申领相同，新卡制好后会通知您领取。',
    source: CARD_RULES,
    tags: ['挂失', '补领', '优待证', CHECK],
  },
  {
    question: '怎么挂失优待证？',
    phrasings: ['优待证挂失流程', '在哪里挂失', '挂失要去服务站吗'],
    answer:
      '在小程序[我的优待证](/packages/card/pages/card/card)页面点击“挂失”并确认即可，挂失立即生效，不需要跑腿。不方便操作的，也可以联系服务站由工作人员办理。',
    source: SERVICE_GUIDE,
    tags: ['挂失', '优待证', '小程序使用'],
  },
  {
    question: '挂失以后找到了原来的卡还能用吗？',
    phrasings: ['挂失后找回来了怎么办', '挂失能取消吗', '挂失了原卡还有效吗'],
    answer:
      '挂失后原卡即停止使用。如果挂失后又找到了原卡，请联系服务站说明情况，由工作人员核实处理；已经申请补领并发放新卡的，原卡作废，请交回服务站。',
    source: CARD_RULES,
    tags: ['挂失', '优待证', CHECK],
  },
  {
    question: '补领优待证需要什么材料？',
    phrasings: ['优待证补办需要什么', '补领流程', '补办优待证要多久', '丢了以后怎么重新办'],
    answer:
      '补领时需要本人身份证和一张新的合格照片（JPG，352 x 440 像素，20–50 KB，白色背景），在挂失后按小程序提示提交补领申请即可。补领同样经过服务站和区里审核、银行制卡，时间与首次申领相近。',
    source: CARD_RULES,
    tags: ['补领', '优待证', '材料', CHECK],
  },
  {
    question: '什么情况下需要换领优待证？',
    phrasings: ['优待证坏了怎么换', '卡磨损了能换新的吗', '名字改了优待证要换吗', '身份证号变了要换证吗', '换领优待证'],
    answer:
      '卡片损坏、磨损无法使用，或者姓名、身份证号等证面信息发生变化的，需要换领。信息有变化的，请先在小程序提交身份信息变更：[信息变更](/packages/people/pages/identity-change/identity-change)，审核通过后再申请换领。',
    source: CARD_RULES,
    tags: ['换领', '优待证', CHECK],
  },
  {
    question: '换领优待证怎么办理？',
    phrasings: ['换领流程', '换新卡要交回旧卡吗', '换领要多久'],
    answer:
      '换领时提交申请并附新照片，经审核后重新制卡；领取新卡时需要把旧卡交回服务站，旧卡同时作废。制卡期间旧卡在未作废前仍可正常使用。',
    source: CARD_RULES,
    tags: ['换领', '优待证', '流程', CHECK],
  },
  {
    question: '优待证会被注销收回吗？',
    phrasings: ['什么情况下优待证会被收回', '优待证注销', '优待证被注销了怎么办'],
    answer:
      '发现持证人有不能申领的情形（如被开除军籍、被剥夺政治权利、正在服刑、被通缉），或申请时隐瞒情况、提供虚假材料的，退役军人事务部门会注销优待证并收回。持证人去世后，优待证也应交回。对注销有异议的，可以向区退役军人事务局反映。',
    source: CARD_RULES,
    tags: ['注销', '优待证', CHECK],
  },
  {
    question: '电子优待证怎么出示？',
    phrasings: ['怎么亮证', '电子证在哪里打开', '二维码怎么用', '二维码过期了怎么办'],
    answer:
      '打开小程序的[我的优待证](/packages/card/pages/card/card)，页面会显示电子优待证和二维码，给商家或工作人员看即可。为了防止截图冒用，二维码约一分钟自动更新、每个码只能用一次，过期了刷新页面就会生成新的码。',
    source: SERVICE_GUIDE,
    tags: ['电子证', '二维码', '小程序使用'],
  },
  {
    question: '优待证和退伍证有什么区别？',
    phrasings: ['有了退伍证还要办优待证吗', '优待证能代替退伍证吗', '退役证和优待证一样吗'],
    answer:
      '退伍证（退役证）证明您的服役和退役经历；优待证是享受各项优待的统一凭证，申领优待证时需要用到退伍证。两者作用不同，不能互相代替。',
    source: CARD_RULES,
    tags: ['优待证', '政策概述', CHECK],
  },

  // 法律服务
  {
    question: '这里提供哪些法律服务？',
    phrasings: ['有什么法律服务', '法律方面能帮什么忙', '退役军人有法律帮助吗', '能提供哪些公益法律服务'],
    answer:
      '本区为退役军人和优抚对象提供四项服务：法律咨询（律师解答法律问题）、法律援助（符合条件的代写文书、代理诉讼）、人民调解（调解邻里、家庭等纠纷）和心理疏导（心理咨询师陪您聊聊）。都可以在小程序里查看服务人员资料并预约：[法律服务](/packages/legal-aid/pages/providers/providers)。',
    source: SERVICE_GUIDE,
    tags: ['法律服务', '法律咨询', '法律援助', '人民调解', '心理疏导'],
  },
  {
    question: '法律咨询是什么，怎么约律师？',
    phrasings: ['想问律师问题', '法律咨询怎么预约', '找律师咨询', '律师能回答什么问题'],
    answer:
      '法律咨询由律师解答您遇到的法律问题，比如房屋、婚姻家庭、劳动、合同等，可以到场、电话或视频进行。在[法律服务](/packages/legal-aid/pages/providers/providers)里选择“法律咨询”，看律师的擅长领域，选一个空闲时段预约即可。',
    source: SERVICE_GUIDE,
    tags: ['法律咨询', '法律服务', '预约'],
  },
  {
    question: '法律援助需要什么条件？',
    phrasings: ['什么情况可以申请法律援助', '请不起律师怎么办', '法律援助免费吗', '法律援助是什么'],
    answer:
      '法律援助是由法律援助机构为经济困难或符合法定情形的人免费提供法律咨询、代理、刑事辩护等服务。法律对军人军属、英雄烈士近亲属等有优先或照顾的规定，退役军人和其他优抚对象能否获得、需要哪些材料，以当地法律援助机构的审查为准。可以先预约“法律援助”服务，由律师帮您判断是否符合条件。',
    source: LEGAL_AID_LAW,
    tags: ['法律援助', '法律服务', CHECK],
  },
  {
    question: '人民调解是什么？',
    phrasings: ['人民调解是干什么的', '调解能解决什么纠纷', '和邻居闹矛盾能调解吗', '调解收费吗'],
    answer:
      '人民调解是由调解员在双方自愿的基础上，帮助化解邻里、家庭、物业、小额债务等民间纠纷，不收取费用。调解达成的协议具有法律约束力，必要时可以向法院申请确认。需要时预约“人民调解”服务即可。',
    source: MEDIATION_LAW,
    tags: ['人民调解', '法律服务', CHECK],
  },
  {
    question: '心理疏导是什么服务？',
    phrasings: ['心理疏导怎么收费', '心情不好可以找谁聊', '心理咨询是干什么的', '心理疏导能帮什么'],
    answer:
      '心理疏导由心理咨询师为您提供一对一的倾听和疏导，适合情绪低落、睡眠不好、家庭关系紧张、退役后适应困难等情况，内容保密。可以选择到场、电话或视频，在[法律服务](/packages/legal-aid/pages/providers/providers)里选择“心理疏导”预约。如遇紧急情况，请立即拨打 120 或当地心理援助热线。',
    source: SERVICE_GUIDE,
    tags: ['心理疏导', '法律服务'],
  },
  {
    question: '怎么在小程序里预约法律服务？',
    phrasings: ['怎么预约律师', '预约法律咨询的步骤', '在哪预约调解', '预约心理疏导怎么操作'],
    answer:
      '步骤：1. 打开[法律服务](/packages/legal-aid/pages/providers/providers)，选择服务类型；2. 查看律师、调解员或咨询师的资料，选择一位；3. 选一个空闲时段和方式（到场、电话、视频），简单写下要咨询的事；4. 提交后即预约成功，开始前会提醒您。时段约满时可以登记候补。',
    source: SERVICE_GUIDE,
    tags: ['法律服务', '预约', '小程序使用'],
  },
  {
    question: '预约了法律服务怎么取消或改时间？',
    phrasings: ['怎么取消预约', '预约的时间能改吗', '约了去不了怎么办'],
    answer:
      '在[我的预约](/packages/legal-aid/pages/appointments/appointments)里可以取消预约；想改时间的，先取消，再重新选一个时段预约。去不了请尽早取消，把时段留给其他需要的人。',
    source: SERVICE_GUIDE,
    tags: ['法律服务', '预约', '取消'],
  },
  {
    question: '预约了法律服务没去会怎么样？',
    phrasings: ['预约了没去有影响吗', '爽约会怎样', '迟到了还能咨询吗'],
    answer:
      '预约时间过了没有到场或没有接听的，会记为“未到”。偶尔一次没有关系，但多次未到可能影响以后的预约。如果会迟到或去不了，请提前在[我的预约](/packages/legal-aid/pages/appointments/appointments)里取消。',
    source: SERVICE_GUIDE,
    tags: ['法律服务', '预约', CHECK],
  },
  {
    question: '法律咨询收费吗？',
    phrasings: ['找律师要钱吗', '法律服务要花钱吗', '预约律师收费吗'],
    answer:
      '通过本平台预约的法律咨询、人民调解和心理疏导都是公益服务，不收费。符合条件的法律援助案件，代理等服务也免费提供。',
    source: SERVICE_GUIDE,
    tags: ['法律服务', '费用', CHECK],
  },

  // 拥军优待联盟与商户
  {
    question: '拥军优待联盟是什么？',
    phrasings: ['什么是拥军优待联盟', '拥军商户是什么', '联盟商户有哪些优惠'],
    answer:
      '拥军优待联盟是本区组织的愿意为退役军人和优抚对象提供优惠的商户，涵盖餐饮、购物、出行、医疗健康、生活服务等。持优待证在联盟商户消费时出示电子优待证，可享受商户公布的折扣。可以在[商户列表](/packages/merchants/pages/list/list)按分类和距离查找。',
    source: SERVICE_GUIDE,
    tags: ['商户联盟', '优待项目'],
  },
  {
    question: '在联盟商户怎么享受优惠？',
    phrasings: ['去商家消费怎么打折', '商家怎么核销优待证', '结账时怎么用优待证', '商家扫码怎么用'],
    answer:
      '结账前打开小程序[我的优待证](/packages/card/pages/card/card)，把二维码给店员扫。店员扫码核验后，按商户公布的优惠给您打折。二维码约一分钟更新、只能用一次，请当场打开，不要用截图。',
    source: SERVICE_GUIDE,
    tags: ['商户联盟', '二维码', '小程序使用'],
  },
  {
    question: '商家不给优惠怎么办？',
    phrasings: ['商户拒绝打折怎么办', '联盟商家不认优待证', '怎么投诉商家', '店里说不能用优待证'],
    answer:
      '可以在小程序里投诉：打开商户页面选择“投诉”，写明时间和经过，或在[我的投诉](/packages/merchants/pages/complaints/complaints)查看处理进度。区退役军人事务局会核实处理，并把结果告诉您；多次被投诉属实的商户会被暂停。',
    source: SERVICE_GUIDE,
    tags: ['商户联盟', '投诉'],
  },
  {
    question: '商户怎么加入拥军优待联盟？',
    phrasings: ['我开了个饭店怎么加入拥军商户', '商家怎么申请入驻', '成为联盟商户要什么条件'],
    answer:
      '商户在小程序提交入盟申请，填写店名、统一社会信用代码、地址、联系电话并说明能提供的优惠，区退役军人事务局审核通过后即可上线，店员用小程序扫码核验持证人的优待证。',
    source: SERVICE_GUIDE,
    tags: ['商户联盟', '商户入盟'],
  },
  {
    question: '代金券怎么买，怎么用？',
    phrasings: ['商家的代金券怎么使用', '买了代金券能退吗', '代金券在哪看'],
    answer:
      '部分联盟商户提供优惠代金券，在商户页面用微信支付购买；到店消费时出示代金券由店员核销即可。未使用的代金券可以按页面说明申请退款。',
    source: SERVICE_GUIDE,
    tags: ['商户联盟', '代金券', CHECK],
  },

  // 优待项目
  {
    question: '持优待证坐公交地铁有优待吗？',
    phrasings: ['拿着优待证坐公交免费吗', '坐地铁能免费吗', '优待证乘车优惠', '坐车要钱吗'],
    answer:
      '各地对持证人乘坐城市公共交通普遍有优待，有的免费、有的打折，具体以本地公交、地铁公布的办法为准。乘车时按要求出示优待证即可。',
    source: PREFERENCE_OPINION,
    tags: ['优待项目', '公共交通', CHECK],
  },
  {
    question: '公园和景区对持证人免门票吗？',
    phrasings: ['去公园要门票吗', '景区对退役军人免票吗', '旅游景点有优惠吗', '优待证能免门票吗'],
    answer:
      '政府投资主办的公园、景区一般对持证人免费或优惠开放，其他景区按各自规定给予优待。进入时出示优待证和身份证。具体名单和优待方式以景区公告为准。',
    source: PREFERENCE_OPINION,
    tags: ['优待项目', '公园景区', CHECK],
  },
  {
    question: '博物馆、图书馆等文化场馆有优待吗？',
    phrasings: ['博物馆有优待吗', '看电影能打折吗', '文化场馆优惠'],
    answer:
      '公共博物馆、纪念馆、美术馆、图书馆等文化场馆一般对持证人免费开放或优先服务；电影院、演出场所等由各单位自行确定优惠。请以场馆公布的规定为准。',
    source: PREFERENCE_OPINION,
    tags: ['优待项目', '文化场馆', CHECK],
  },
  {
    question: '持优待证看病能优先吗？',
    phrasings: ['看病能优先吗', '医院有没有军人优先窗口', '就医优待', '挂号能优先吗'],
    answer:
      '不少医疗机构为持证人提供优先挂号、优先就诊、优先取药等服务，部分医院设有“军人优先”窗口。具体以就诊医院的规定为准，就诊时出示优待证即可。',
    source: PREFERENCE_OPINION,
    tags: ['优待项目', '就医', CHECK],
  },
  {
    question: '优待证在外地能用吗？',
    phrasings: ['去外地旅游能用优待证吗', '优待证全国通用吗', '在别的城市能享受优待吗'],
    answer:
      '优待证全国统一制发，在全国范围都是有效凭证。但各地的优待项目和力度不完全相同，在外地享受哪些优待，以当地的规定为准。',
    source: GUARANTEE_LAW,
    tags: ['优待项目', '优待证', CHECK],
  },

  // 小程序与服务
  {
    question: '为什么收不到小程序的消息提醒？',
    phrasings: ['收不到提醒怎么办', '没收到审核通知', '怎么打开消息提醒', '订阅消息怎么设置'],
    answer:
      '微信的服务通知需要您每次同意订阅。在提交申请或预约时，弹出“是否接收消息”请点“允许”。即使没有收到微信提醒，所有通知也会记在小程序的[消息](/pages/timeline/timeline)里，可以随时查看。',
    source: SERVICE_GUIDE,
    tags: ['小程序使用', '消息提醒'],
  },
  {
    question: '怎么联系服务站或工作人员？',
    phrasings: ['服务站电话多少', '服务站在哪里', '怎么找工作人员', '服务站几点上班'],
    answer:
      '在对话中说“转人工”，会为您转接值班的工作人员，您之前说的内容工作人员都能看到，不用重复。也可以直接到户籍所在地的退役军人服务站咨询，地址和电话以本区公布的为准。',
    source: SERVICE_GUIDE,
    tags: ['服务站', '小程序使用', '待核实'],
  },
  {
    question: '退役军人有哪些优待？',
    phrasings: ['退役军人能享受什么待遇', '退役军人有什么福利', '优待政策有哪些'],
    answer:
      '国家对退役军人在就业创业、教育培训、医疗、住房、交通、文化旅游等方面给予优待，持优待证可以在公共交通、公园景区、文化场馆、就医和联盟商户等享受相应优待。各项优待的具体标准以本地政策为准，可以咨询服务站。',
    source: GUARANTEE_LAW,
    tags: ['优待项目', '政策概述', CHECK],
  },
];

export interface SeedSynonym {
  term: string;
  canonical: string;
}

/** How people say it, and the word the entries use. Staff add more in the console. */
export const KNOWLEDGE_SEED_SYNONYMS: SeedSynonym[] = [
  { term: '丢了', canonical: '丢失' },
  { term: '弄丢', canonical: '丢失' },
  { term: '不见了', canonical: '丢失' },
  { term: '找不着', canonical: '丢失' },
  { term: '遗失', canonical: '丢失' },
  { term: '补办', canonical: '补领' },
  { term: '再办一张', canonical: '补领' },
  { term: '重新办', canonical: '补领' },
  { term: '换新', canonical: '换领' },
  { term: '换卡', canonical: '换领' },
  { term: '律师', canonical: '法律服务' },
  { term: '打官司', canonical: '法律援助' },
  { term: '闹矛盾', canonical: '纠纷' },
  { term: '吵架', canonical: '纠纷' },
  { term: '心情不好', canonical: '心理疏导' },
  { term: '睡不着', canonical: '心理疏导' },
  { term: '退伍', canonical: '退役' },
  { term: '老兵', canonical: '退役军人' },
  { term: '复员', canonical: '退役' },
  { term: '烈属', canonical: '烈士遗属' },
  { term: '军烈属', canonical: '三属' },
  { term: '优待卡', canonical: '优待证' },
  { term: '坐车', canonical: '公共交通' },
  { term: '公交车', canonical: '公共交通' },
  { term: '地铁', canonical: '公共交通' },
  { term: '免票', canonical: '门票' },
  { term: '旅游', canonical: '景区' },
  { term: '看病', canonical: '就医' },
  { term: '医院', canonical: '就医' },
  { term: '打折', canonical: '优惠' },
  { term: '要钱', canonical: '收费' },
  { term: '花钱', canonical: '收费' },
  { term: '多少钱', canonical: '收费' },
  { term: '费用', canonical: '收费' },
  { term: '坐牢', canonical: '刑事处罚' },
  { term: '判过刑', canonical: '刑事处罚' },
  { term: '外地户口', canonical: '户籍' },
  { term: '户口', canonical: '户籍' },
  { term: '像素', canonical: '照片' },
  { term: '证件照', canonical: '照片' },
];
