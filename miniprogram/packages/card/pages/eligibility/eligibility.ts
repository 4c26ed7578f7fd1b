import {
  APPLICATION_STATUS_TONE,
  APPLICATION_STATUS_WORDS,
  DECLARATION_QUESTIONS,
  eligibility,
  encodeDeclarations,
  isOpenApplication,
  KIND_WORDS,
  mine,
  type DeclarationKey,
  type Declarations,
  type Eligibility,
} from '../../../../services/cards';
import { getMe, HOLDER_CATEGORIES } from '../../../../services/people';
import { messageOf } from '../../../../services/request';
import { rootFontSize } from '../../../../utils/font-size';

/** An application still being handled: the self-check then leads to it, not to a second one. */
interface OpenApplication {
  id: number;
  kindLabel: string;
  statusLabel: string;
  statusTone: string;
  statusHint: string;
  canEdit: boolean;
}

interface QuestionView {
  key: DeclarationKey;
  text: string;
  /** '' until answered, then 'yes' or 'no'. */
  answer: '' | 'yes' | 'no';
}

const VERDICT_WORDS: Record<Eligibility['verdict'], string> = {
  eligible: '符合申领条件',
  case_by_case: '可以申请，需逐案审核',
  ineligible: '暂不符合申领条件',
};

const freshQuestions = (): QuestionView[] =>
  DECLARATION_QUESTIONS.map((q) => ({ key: q.key, text: q.text, answer: '' as const }));

/**
 * 申领条件自查: the holder's category and five yes/no questions; the server answers with a
 * verdict, the reasons and what to do next. Unless the answer is no, it leads on to the form,
 * carrying the answers with it; while an application is open it leads to that one instead.
 */
Component({
  data: {
    rootFontSize: '',
    openApplication: null as OpenApplication | null,
    categoryLabels: HOLDER_CATEGORIES.map((c) => c.label),
    categoryIndex: -1,
    hasIdentity: true,
    questions: freshQuestions(),
    formError: '',
    checking: false,
    result: null as (Eligibility & { title: string }) | null,
    error: '',
  },
  methods: {
    onLoad(): void {
      this.setData({ rootFontSize: rootFontSize() });
      void this.prefill();
      void this.loadOpen();
    },

    /** The holder's open application, if any (without it the page works as before). */
    async loadOpen(): Promise<void> {
      try {
        const page = await mine();
        const a = page.items.filter((x) => isOpenApplication(x.status))[0];
        this.setData({
          openApplication: a
            ? {
                id: a.id,
                kindLabel: KIND_WORDS[a.kind] || KIND_WORDS.new,
                statusLabel: APPLICATION_STATUS_WORDS[a.status].label,
                statusTone: APPLICATION_STATUS_TONE[a.status],
                statusHint: APPLICATION_STATUS_WORDS[a.status].hint,
                canEdit: a.status === 'needs_info' && a.allowedActions.indexOf('edit') >= 0,
              }
            : null,
        });
      } catch {
        this.setData({ openApplication: null });
      }
    },

    /** Starts from the category the holder registered, when there is one. */
    async prefill(): Promise<void> {
      try {
        const me = await getMe();
        const identity = me.identity;
        if (!identity) {
          this.setData({ hasIdentity: false });
          return;
        }
        let index = -1;
        HOLDER_CATEGORIES.forEach((c, i) => {
          if (c.value === identity.category) index = i;
        });
        if (this.data.categoryIndex < 0) this.setData({ categoryIndex: index, hasIdentity: true });
      } catch {
        // The self-check works without it: the holder picks the category.
      }
    },

    onCategoryChange(e: WechatMiniprogram.PickerChange): void {
      this.setData({ categoryIndex: Number(e.detail.value), result: null, formError: '' });
    },

    answer(e: WechatMiniprogram.TouchEvent): void {
      const key = String(e.currentTarget.dataset.key);
      const value = e.currentTarget.dataset.answer === 'yes' ? 'yes' : 'no';
      const questions = this.data.questions.map((q) => (q.key === key ? Object.assign({}, q, { answer: value }) : q));
      this.setData({ questions, result: null, formError: '' });
    },

    declarations(): Declarations | null {
      const d = {} as Declarations;
      for (const q of this.data.questions) {
        if (!q.answer) return null;
        d[q.key] = q.answer === 'yes';
      }
      return d;
    },

    async check(): Promise<void> {
      if (this.data.checking) return;
      const category = HOLDER_CATEGORIES[this.data.categoryIndex];
      const declarations = this.declarations();
      if (!category) {
        this.setData({ formError: '请先选择您的身份类别' });
        return;
      }
      if (!declarations) {
        this.setData({ formError: '请回答全部问题（是 或 否）' });
        return;
      }
      this.setData({ checking: true, formError: '', error: '' });
      try {
        const verdict = await eligibility(category.value, declarations);
        this.setData({
          checking: false,
          result: Object.assign({}, verdict, { title: VERDICT_WORDS[verdict.verdict] }),
        });
      } catch (err) {
        this.setData({ checking: false, error: messageOf(err) });
      }
    },

    startApply(): void {
      const result = this.data.result;
      const category = HOLDER_CATEGORIES[this.data.categoryIndex];
      const declarations = this.declarations();
      if (!result || result.verdict === 'ineligible' || !category || !declarations || this.data.openApplication) return;
      wx.navigateTo({
        url: `/packages/card/pages/apply/apply?category=${category.value}&d=${encodeDeclarations(declarations)}`,
      });
    },

    openApplication(): void {
      const a = this.data.openApplication;
      if (a) wx.navigateTo({ url: `/packages/card/pages/application/application?id=${a.id}` });
    },

    editApplication(): void {
      const a = this.data.openApplication;
      if (a) wx.navigateTo({ url: `/packages/card/pages/apply/apply?id=${a.id}` });
    },

    openMe(): void {
      wx.navigateTo({ url: '/pages/me/me' });
    },
  },
});
