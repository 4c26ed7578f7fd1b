/**
 * The assistant's understanding, measured without a database: an index of 1,000 knowledge entries
 * (the seed plus generated variants and other bureau topics), the phrase table of
 * test/chat-phrases.ts run through the pure classification path, and then the same table many times
 * for latency.
 *
 *   npm run bench:assistant [-- --runs 30]
 *
 * Prints the accuracy, every confusion (expected → got, phrase) and latency p50/p95/p99.
 */
import { performance } from 'node:perf_hooks';
import { KNOWLEDGE_SEED_ENTRIES, KNOWLEDGE_SEED_SYNONYMS } from '../migrations/data/1765300000000-knowledge-seed';
import { classify } from '../server/modules/chat/assistant/classify';
import { KnowledgeIndex, type IndexDoc } from '../server/modules/chat/assistant/knowledge-index';
import { segmenter } from '../server/modules/chat/assistant/segmenter';
import { HELD_OUT, PHRASES as TUNED } from '../test/chat-phrases';

const PHRASES = [...TUNED, ...HELD_OUT];

const INDEX_SIZE = 1000;

/** Topics a bureau's knowledge base also holds, so the seed's entries compete with plausible neighbours. */
const OTHER_TOPICS = [
  '自主就业退役士兵一次性经济补助',
  '退役士兵职业技能培训',
  '退役军人创业贷款贴息',
  '军人驿站住宿',
  '光荣牌悬挂',
  '烈士纪念设施祭扫',
  '伤残等级评定',
  '残疾抚恤金发放',
  '带病回乡退伍军人生活补助',
  '参战参试人员补助',
  '义务兵家庭优待金',
  '退役军人社会保险接续',
  '随军家属就业安置',
  '军人子女入学优待',
  '退役军人学历教育资助',
  '定期抚恤金标准调整',
  '走访慰问困难退役军人',
  '退役军人事务局办公时间',
  '退役军人档案转递',
  '军休干部服务管理',
];
const TOPIC_FORMS = ['怎么申请{t}', '{t}需要什么条件', '{t}的标准是多少', '{t}去哪里办理', '{t}要准备哪些材料'];
const ANSWER_FORMS = [
  '关于{t}，请携带身份证和相关证明到户籍所在地的退役军人服务站办理，具体标准以本地文件为准。',
  '{t}由区退役军人事务局负责受理，审核通过后按月发放或安排，详情请咨询服务站工作人员。',
  '符合条件的可以申请{t}，材料齐全的当场受理，办理结果会通过短信或小程序通知。',
];
const REGIONS = ['东城', '西城', '南湖', '北塘', '新区', '开发区', '高新区', '滨江', '河西', '城关'];

/** The seed as index documents with ids 1…n. */
function seedDocs(): IndexDoc[] {
  return KNOWLEDGE_SEED_ENTRIES.map((e, i) => ({
    answer: { id: i + 1, question: e.question, answer: e.answer, source: e.source },
    phrasings: e.phrasings,
    tags: e.tags,
  }));
}

/** The seed, then each seed entry again as a district's own edit, then other topics, to `size` entries. */
function benchDocs(size: number): IndexDoc[] {
  const docs = seedDocs();
  const seed = [...docs];
  let n = 0;
  while (docs.length < size) {
    const id = docs.length + 1;
    if (n % 3 === 0) {
      const base = seed[(n / 3) % seed.length];
      const region = REGIONS[n % REGIONS.length];
      docs.push({
        answer: { ...base.answer, id, answer: `${region}区：${base.answer.answer}` },
        phrasings: base.phrasings.slice(0, 2),
        tags: [...base.tags, region],
      });
    } else {
      const topic = OTHER_TOPICS[n % OTHER_TOPICS.length];
      const form = TOPIC_FORMS[Math.floor(n / OTHER_TOPICS.length) % TOPIC_FORMS.length];
      docs.push({
        answer: {
          id,
          question: form.replace('{t}', topic),
          answer: ANSWER_FORMS[n % ANSWER_FORMS.length].replace('{t}', topic),
          source: { document: '本区政策汇编', article: null, issuer: '区退役军人事务局', effectiveDate: null },
        },
        phrasings: [`${topic}${REGIONS[n % REGIONS.length]}`],
        tags: [topic.slice(0, 4)],
      });
    }
    n++;
  }
  return docs;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function runs(): number {
  const i = process.argv.indexOf('--runs');
  return i > 0 ? Math.max(1, Number(process.argv[i + 1]) || 30) : 30;
}

function main(): void {
  let t0 = performance.now();
  segmenter.words('预热');
  const loadMs = performance.now() - t0;
  const docs = benchDocs(INDEX_SIZE);
  t0 = performance.now();
  const index = KnowledgeIndex.buildNow(docs, KNOWLEDGE_SEED_SYNONYMS);
  const buildMs = performance.now() - t0;

  const confusions: string[] = [];
  let correct = 0;
  let heldOutCorrect = 0;
  for (const p of PHRASES) {
    const u = classify(index, p.text);
    const heldOut = HELD_OUT.includes(p);
    if (u.intent === p.intent) {
      correct++;
      if (heldOut) heldOutCorrect++;
    } else confusions.push(`  ${p.intent} → ${u.intent}: ${p.text}${heldOut ? '  (held out)' : ''}`);
  }

  const latencies: number[] = [];
  const times = runs();
  for (let r = 0; r < times; r++) {
    for (const p of PHRASES) {
      const start = performance.now();
      classify(index, p.text);
      latencies.push(performance.now() - start);
    }
  }
  latencies.sort((a, b) => a - b);
  const ms = (x: number) => `${x.toFixed(3)} ms`;

  console.log(`segmenter load: ${ms(loadMs)}; index of ${index.size} entries built in ${ms(buildMs)}`);
  const pct = (a: number, b: number) => `${((100 * a) / b).toFixed(1)} %`;
  console.log(`phrases: ${PHRASES.length}; correct: ${correct}; accuracy: ${pct(correct, PHRASES.length)}`);
  console.log(
    `  tuned table ${pct(correct - heldOutCorrect, TUNED.length)} of ${TUNED.length}; held out ${pct(heldOutCorrect, HELD_OUT.length)} of ${HELD_OUT.length}`,
  );
  console.log(`confusions (${confusions.length}):`);
  for (const line of confusions) console.log(line);
  console.log(
    `latency over ${latencies.length} calls: p50 ${ms(percentile(latencies, 50))}, p95 ${ms(percentile(latencies, 95))}, p99 ${ms(percentile(latencies, 99))}, max ${ms(latencies[latencies.length - 1])}`,
  );
}

main();
