/** What each score means, said under the stars once one is chosen (and read out by screen readers). */
const WORDS = ['', '非常不满意', '不满意', '一般', '满意', '非常满意'];

/** The longest comment the server takes. */
const MAX_COMMENT = 500;

/**
 * Asks the holder to rate the staff's service after the conversation is resolved: five large
 * numbered stars, an optional comment and 提交; then the thanks. The choice can be changed until
 * 提交, so a slip of the finger is not recorded. Emits `rate` with `{ score, comment }`.
 * `rating` is the page's RatingView: `{ phase: 'ask' | 'sending' | 'done', score, error }`.
 */
Component({
  properties: {
    rating: { type: Object, value: {} },
  },
  data: {
    scores: [1, 2, 3, 4, 5].map((n) => ({ score: n, label: `${n}分，${WORDS[n]}` })),
    words: WORDS,
    chosen: 0,
    comment: '',
    hint: '',
    maxComment: MAX_COMMENT,
  },
  methods: {
    onChoose(e: WechatMiniprogram.TouchEvent): void {
      if (this.busy()) return;
      this.setData({ chosen: Number(e.currentTarget.dataset.score) || 0, hint: '' });
    },
    onComment(e: WechatMiniprogram.Input): void {
      this.setData({ comment: e.detail.value });
    },
    onSubmit(): void {
      if (this.busy()) return;
      if (!this.data.chosen) {
        this.setData({ hint: '请先点选一个分数' });
        return;
      }
      this.triggerEvent('rate', { score: this.data.chosen, comment: this.data.comment.trim() });
    },
    busy(): boolean {
      const r = this.data.rating as { phase?: string };
      return r.phase === 'sending' || r.phase === 'done';
    },
  },
});
