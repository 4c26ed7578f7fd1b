import {
  categories as loadCategories,
  CONTACT_TIMES,
  fileAppeal,
  KIND_WORDS,
  KINDS,
  MAX_FILES,
  TEXT_MAX,
  TEXT_MIN,
  uploadAttachment,
  type AppealKind,
  type Categories,
  type ContactTime,
  type NewAppeal,
} from '../../../../services/appeals';
import { stations as listStations, type Station } from '../../../../services/cards';
import { askSubscribe } from '../../../../services/notifications';
import { getMe } from '../../../../services/people';
import { ApiError, messageOf } from '../../../../services/request';
import { rootFontSize } from '../../../../utils/font-size';
import { ensurePrivacy } from '../../../../utils/privacy';

type Field = 'kind' | 'category' | 'text' | 'files' | 'station';
type FieldErrors = Record<Field, string>;

interface FileView {
  fileId: number;
  /** A local path to show or open it. */
  path: string;
  /** A PDF chosen from a WeChat chat: shown by its name, opened in WeChat's document viewer. */
  pdf: boolean;
  name: string;
}

interface Chosen {
  path: string;
  pdf: boolean;
  name: string;
}

const noErrors = (): FieldErrors => ({ kind: '', category: '', text: '', files: '', station: '' });

/** Which field a server VALIDATION_FAILED names, in the form's terms. */
const FIELD_OF: Record<string, Field> = {
  kind: 'kind',
  category: 'category',
  text: 'text',
  fileIds: 'files',
  stationId: 'station',
};

const DETAIL_URL = '/packages/appeals/pages/detail/detail';
const LIST_URL = '/packages/appeals/pages/list/list';

/**
 * 反映诉求 / 请人代办: the holder chooses which (one line each on what it is), a category, says what
 * it is about (with a counter), adds up to nine photos (of documents or of the problem) or PDF
 * files from a WeChat chat, and says when to call back. 提交 asks first, then files it (asking,
 * from that tap, whether to hear of each step by WeChat message) and opens its page. A holder whose station is not known from a card
 * application chooses one when the server asks for it.
 */
Component({
  data: {
    rootFontSize: rootFontSize(),
    loading: true,
    loadError: '',
    identityMissing: false,
    kinds: KINDS,
    kind: '' as AppealKind | '',
    categoriesByKind: { appeal: [], errand: [] } as Categories,
    categoryOptions: [] as string[],
    category: '',
    text: '',
    textCount: 0,
    textMax: TEXT_MAX,
    files: [] as FileView[],
    maxFiles: MAX_FILES,
    uploading: false,
    contactTimes: CONTACT_TIMES,
    contactTime: 'any' as ContactTime,
    needStation: false,
    stations: [] as Station[],
    stationLabels: [] as string[],
    stationIndex: -1,
    errors: noErrors(),
    submitting: false,
    submitError: '',
    submitErrorCode: '',
  },
  methods: {
    onLoad(query: Record<string, string | undefined>): void {
      this.setData({ rootFontSize: rootFontSize() });
      const kind = query && (query.kind === 'appeal' || query.kind === 'errand') ? query.kind : '';
      void this.load(kind);
    },

    /** Back from 我的, where the identity may just have been registered. */
    onShow(): void {
      if (this.data.identityMissing) void this.recheckIdentity();
    },

    async recheckIdentity(): Promise<void> {
      try {
        const me = await getMe();
        this.setData({ identityMissing: !me.identity });
      } catch {
        // The note stays; the server checks again on 提交 anyway.
      }
    },

    /** The categories and whether an identity is registered; `kind` is chosen once they are in. */
    async load(kind: AppealKind | ''): Promise<void> {
      this.setData({ loading: true, loadError: '' });
      try {
        const [cats, me] = await Promise.all([loadCategories(), getMe()]);
        this.setData({ loading: false, categoriesByKind: cats, identityMissing: !me.identity });
        if (kind) this.setKind(kind);
      } catch (err) {
        this.setData({ loading: false, loadError: messageOf(err) });
      }
    },

    retry(): void {
      void this.load(this.data.kind);
    },

    setError(field: Field, message: string): void {
      this.setData({ errors: Object.assign({}, this.data.errors, { [field]: message }) });
    },

    setKind(kind: AppealKind): void {
      const options = this.data.categoriesByKind[kind] || [];
      // A category the other kind does not have is dropped.
      const category = options.indexOf(this.data.category) >= 0 ? this.data.category : '';
      this.setData({ kind, categoryOptions: options, category });
      wx.setNavigationBarTitle({ title: kind === 'errand' ? '请人代办' : '反映诉求' });
      this.setError('kind', '');
    },

    chooseKind(e: WechatMiniprogram.TouchEvent): void {
      const kind = e.currentTarget.dataset.kind === 'errand' ? 'errand' : 'appeal';
      this.setKind(kind);
    },

    chooseCategory(e: WechatMiniprogram.TouchEvent): void {
      this.setData({ category: String(e.currentTarget.dataset.value) });
      this.setError('category', '');
    },

    onTextInput(e: WechatMiniprogram.Input): void {
      const text = e.detail.value;
      this.setData({ text, textCount: text.length });
      this.setError('text', '');
    },

    chooseContactTime(e: WechatMiniprogram.TouchEvent): void {
      const value = String(e.currentTarget.dataset.value);
      const known = CONTACT_TIMES.filter((c) => c.value === value)[0];
      if (known) this.setData({ contactTime: known.value });
    },

    /** Room for more attachments, after the privacy check; 0 when none may be added now. */
    async roomForFiles(why: string): Promise<number> {
      if (this.data.uploading) return 0;
      const room = MAX_FILES - this.data.files.length;
      if (room <= 0) {
        this.setError('files', `最多添加 ${MAX_FILES} 份材料`);
        return 0;
      }
      this.setError('files', '');
      if (!(await ensurePrivacy(why))) {
        this.setError('files', '没有同意使用相册或文件，暂时无法添加材料。不加材料也可以提交。');
        return 0;
      }
      return room;
    },

    /** 拍照或从相册选择: photos of documents or of the problem, uploaded one by one as they are chosen. */
    async chooseFiles(): Promise<void> {
      const room = await this.roomForFiles('用于拍摄或选择诉求、代办的材料照片');
      if (!room) return;
      wx.chooseMedia({
        count: room,
        mediaType: ['image'],
        sourceType: ['album', 'camera'],
        sizeType: ['compressed'],
        success: (res) =>
          void this.uploadFiles(res.tempFiles.map((f) => ({ path: f.tempFilePath, pdf: false, name: '' }))),
      });
    },

    /** 从微信聊天中选 PDF: a document someone sent the holder (a notice, a bill) as a PDF file. */
    async choosePdfs(): Promise<void> {
      const room = await this.roomForFiles('用于从微信聊天中选择诉求、代办的材料文件');
      if (!room) return;
      wx.chooseMessageFile({
        count: room,
        type: 'file',
        extension: ['pdf'],
        success: (res) => void this.uploadFiles(res.tempFiles.map((f) => ({ path: f.path, pdf: true, name: f.name }))),
      });
    },

    async uploadFiles(chosen: Chosen[]): Promise<void> {
      this.setData({ uploading: true });
      for (const c of chosen.slice(0, MAX_FILES - this.data.files.length)) {
        try {
          const file = await uploadAttachment(c.path);
          this.setData({
            files: this.data.files.concat([{ fileId: file.id, path: c.path, pdf: c.pdf, name: c.name }]),
          });
        } catch (err) {
          this.setError('files', `材料没能上传：${messageOf(err)}`);
          break;
        }
      }
      this.setData({ uploading: false });
    },

    removeFile(e: WechatMiniprogram.TouchEvent): void {
      const index = Number(e.currentTarget.dataset.index);
      this.setData({ files: this.data.files.filter((_, i) => i !== index) });
      this.setError('files', '');
    },

    previewFile(e: WechatMiniprogram.TouchEvent): void {
      const current = String(e.currentTarget.dataset.path || '');
      const urls = this.data.files.filter((f) => !f.pdf).map((f) => f.path);
      if (current) wx.previewImage({ urls, current });
    },

    openPdf(e: WechatMiniprogram.TouchEvent): void {
      const filePath = String(e.currentTarget.dataset.path || '');
      if (filePath) wx.openDocument({ filePath, fileType: 'pdf' });
    },

    onStationChange(e: WechatMiniprogram.PickerChange): void {
      this.setData({ stationIndex: Number(e.detail.value) });
      this.setError('station', '');
    },

    /** Checks the form on the phone first; true when it can be sent. */
    validate(): boolean {
      const errors = noErrors();
      const text = this.data.text.trim();
      if (!this.data.kind) errors.kind = '请选择反映诉求还是请人代办';
      else if (!this.data.category) errors.category = '请选择类别';
      if (text.length < TEXT_MIN) errors.text = `请具体说明您的诉求或要代办的事项（至少 ${TEXT_MIN} 个字）`;
      else if (text.length > TEXT_MAX) errors.text = `最多 ${TEXT_MAX} 个字`;
      if (this.data.needStation && !this.data.stations[this.data.stationIndex]) errors.station = '请选择受理的服务站';
      this.setData({ errors });
      return !errors.kind && !errors.category && !errors.text && !errors.station;
    },

    /** 提交: checks the form, asks first, then files it. */
    submit(): void {
      if (this.data.submitting || this.data.uploading || this.data.identityMissing) return;
      this.setData({ submitError: '', submitErrorCode: '' });
      if (!this.validate()) return;
      const kindWord = KIND_WORDS[this.data.kind as AppealKind];
      wx.showModal({
        title: `提交${kindWord}`,
        content: `类别：${this.data.category}。提交后由服务站受理，办理的每一步都会通知您。`,
        confirmText: '提交',
        cancelText: '再看看',
        success: (res) => {
          if (!res.confirm) return;
          // The modal's 提交 is the holder's tap: the subscription prompt is asked from it, before anything awaits.
          const asked = askSubscribe(['service_notice']);
          void this.send(asked);
        },
      });
    },

    async send(asked: Promise<unknown>): Promise<void> {
      const body: NewAppeal = {
        kind: this.data.kind as AppealKind,
        category: this.data.category,
        text: this.data.text.trim(),
        contactTime: this.data.contactTime,
      };
      if (this.data.files.length) body.fileIds = this.data.files.map((f) => f.fileId);
      const station = this.data.needStation ? this.data.stations[this.data.stationIndex] : undefined;
      if (station) body.stationId = station.id;
      this.setData({ submitting: true });
      try {
        const appeal = await fileAppeal(body);
        await asked;
        this.setData({ submitting: false });
        wx.redirectTo({ url: `${DETAIL_URL}?id=${appeal.id}` });
      } catch (err) {
        this.setData({ submitting: false });
        await this.showServerError(err);
      }
    },

    async showServerError(err: unknown): Promise<void> {
      if (err instanceof ApiError && err.code === 'VALIDATION_FAILED' && err.details && err.details[0]) {
        const field = FIELD_OF[err.details[0].field || ''];
        if (field === 'station') {
          await this.askForStation(err.details[0].message);
          return;
        }
        if (field) {
          this.setError(field, err.details[0].message);
          return;
        }
      }
      if (err instanceof ApiError && err.code === 'FILE_NOT_ATTACHABLE') {
        this.setError('files', err.message);
        return;
      }
      this.setData({ submitError: messageOf(err), submitErrorCode: err instanceof ApiError ? err.code : '' });
    },

    /** No card application to take the station from: the holder chooses the one to handle it. */
    async askForStation(message: string): Promise<void> {
      this.setData({ needStation: true });
      this.setError('station', message);
      if (this.data.stations.length) return;
      try {
        const stations = await listStations();
        this.setData({ stations, stationLabels: stations.map((s) => `${s.name}（${s.district.name}）`) });
      } catch (err) {
        this.setError('station', messageOf(err));
      }
    },

    openMe(): void {
      wx.navigateTo({ url: '/pages/me/me' });
    },

    openList(): void {
      wx.redirectTo({ url: LIST_URL });
    },
  },
});
