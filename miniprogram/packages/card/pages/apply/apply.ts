import {
  createApplication,
  decodeDeclarations,
  DECLARATION_QUESTIONS,
  get,
  KIND_WORDS,
  stations as listStations,
  submit,
  updateApplication,
  uploadDocument,
  uploadPhoto,
  type ApplicationKind,
  type ApplicationPatch,
  type DeclarationKey,
  type Declarations,
  type Delivery,
  type Station,
} from '../../../../services/cards';
import { askSubscribe } from '../../../../services/notifications';
import { categoryLabel, getMe, type HolderCategory } from '../../../../services/people';
import { ApiError, messageOf } from '../../../../services/request';
import { privateFilePath } from '../../../../services/files';
import { rootFontSize } from '../../../../utils/font-size';
import { formatDateTime } from '../../../../utils/format';
import { kb } from '../../../../utils/photo';
import { pickPhoto, takeMadePhoto } from '../../../../utils/photo-device';
import { ensurePrivacy } from '../../../../utils/privacy';

/** The national photo rules the holder has to see to: the size and format the app makes itself. */
const PHOTO_RULES = ['近期免冠彩色正面照', '白色或浅色背景', '不穿军装', '光线充足，五官清楚'];
const MAX_DOCUMENTS = 10;

type Field = 'photo' | 'documents' | 'station' | 'address' | 'declarations';
type FieldErrors = Record<Field, string>;

interface FileView {
  fileId: number;
  /** A local path to show it; empty when it could not be fetched. */
  path: string;
}

interface QuestionView {
  key: DeclarationKey;
  text: string;
  answer: '' | 'yes' | 'no';
}

const noErrors = (): FieldErrors => ({ photo: '', documents: '', station: '', address: '', declarations: '' });

/** Which field a server VALIDATION_FAILED names, in the form's terms. */
const FIELD_OF: Record<string, Field> = {
  photoFileId: 'photo',
  documentFileIds: 'documents',
  stationId: 'station',
  delivery: 'address',
  address: 'address',
  declarations: 'declarations',
};

const KINDS: ApplicationKind[] = ['new', 'reissue', 'exchange'];

/** Fetches a private file for display; an empty path when it cannot be shown. */
const showable = (fileId: number): Promise<FileView> =>
  privateFilePath(fileId).then(
    (path) => ({ fileId, path }),
    () => ({ fileId, path: '' }),
  );

/**
 * The 优待证 form: photo (checked by the server against the national rules), supporting documents,
 * the service station, pickup or mail. It creates the draft and submits it; with `id` it edits a
 * draft or an application sent back for more information, then submits it again.
 */
Component({
  data: {
    rootFontSize: '',
    loading: true,
    loadError: '',
    editing: false,
    applicationId: 0,
    kind: 'new' as ApplicationKind,
    kindLabel: KIND_WORDS.new,
    sentBackReason: '',
    deadlineText: '',
    category: '' as HolderCategory | '',
    categoryLabel: '',
    identityMissing: false,
    askDeclarations: false,
    questions: [] as QuestionView[],
    presetDeclarations: null as Declarations | null,
    photoRules: PHOTO_RULES,
    photo: null as FileView | null,
    photoUploading: false,
    photoProblems: [] as string[],
    /** The size of the photo just made, shown beside it. */
    photoSize: '',
    documents: [] as FileView[],
    documentsUploading: false,
    stations: [] as Station[],
    stationLabels: [] as string[],
    stationIndex: -1,
    delivery: 'pickup' as Delivery,
    address: '',
    errors: noErrors(),
    submitting: false,
    submitError: '',
    submitErrorCode: '',
  },
  methods: {
    onLoad(query: Record<string, string | undefined>): void {
      this.setData({ rootFontSize: rootFontSize() });
      void this.load(query || {});
    },

    /** Back from 制作证件照 with a photo the holder accepted: that one is uploaded. */
    onShow(): void {
      const made = takeMadePhoto();
      if (made) void this.uploadPhotoAt(made.path, made.bytes);
    },

    async load(query: Record<string, string | undefined>): Promise<void> {
      const id = Number(query.id || 0);
      const kind = KINDS.indexOf(query.kind as ApplicationKind) >= 0 ? (query.kind as ApplicationKind) : 'new';
      this.setData({ loading: true, loadError: '', editing: id > 0, kind, kindLabel: KIND_WORDS[kind] });
      try {
        const stations = await listStations();
        this.setData({
          stations,
          stationLabels: stations.map((s) => `${s.name}（${s.district.name}）`),
        });
        if (id > 0) await this.loadExisting(id);
        else await this.prepareNew(query);
        this.setData({ loading: false });
      } catch (err) {
        this.setData({ loading: false, loadError: messageOf(err) });
      }
    },

    async loadExisting(id: number): Promise<void> {
      const app = await get(id);
      if (app.allowedActions.indexOf('edit') < 0) {
        throw new ApiError(409, 'INVALID_TRANSITION', '这份申请当前不能修改');
      }
      let stationIndex = -1;
      this.data.stations.forEach((s, i) => {
        if (app.station && s.id === app.station.id) stationIndex = i;
      });
      this.setData({
        applicationId: app.id,
        kind: app.kind,
        kindLabel: KIND_WORDS[app.kind],
        category: app.category,
        categoryLabel: categoryLabel(app.category),
        sentBackReason: app.status === 'needs_info' && app.reason ? app.reason : '',
        deadlineText: app.status === 'needs_info' && app.needsInfoDeadline ? formatDateTime(app.needsInfoDeadline) : '',
        photo: { fileId: app.photoFileId, path: '' },
        documents: app.documentFileIds.map((fileId) => ({ fileId, path: '' })),
        stationIndex,
        delivery: app.delivery,
        address: app.address || '',
      });
      // The pictures come in the background: the form works without them.
      void this.loadPictures(app.photoFileId, app.documentFileIds);
    },

    async loadPictures(photoFileId: number, documentFileIds: number[]): Promise<void> {
      const [photo, documents] = await Promise.all([showable(photoFileId), Promise.all(documentFileIds.map(showable))]);
      // Only where the holder has not changed them meanwhile.
      const current = this.data.photo;
      const byId: Record<number, string> = {};
      for (const d of documents) byId[d.fileId] = d.path;
      this.setData({
        photo: current && current.fileId === photo.fileId && !current.path ? photo : current,
        documents: this.data.documents.map((d) =>
          d.path || !byId[d.fileId] ? d : { fileId: d.fileId, path: byId[d.fileId] },
        ),
      });
    },

    async prepareNew(query: Record<string, string | undefined>): Promise<void> {
      const me = await getMe();
      if (!me.identity) {
        this.setData({ identityMissing: true });
        return;
      }
      const preset = decodeDeclarations(query.d);
      this.setData({
        category: me.identity.category,
        categoryLabel: categoryLabel(me.identity.category),
        presetDeclarations: preset,
        askDeclarations: !preset,
        questions: preset ? [] : DECLARATION_QUESTIONS.map((q) => ({ key: q.key, text: q.text, answer: '' as const })),
      });
    },

    retry(): void {
      const id = this.data.applicationId;
      void this.load(id ? { id: String(id) } : { kind: this.data.kind });
    },

    setError(field: Field, message: string): void {
      this.setData({ errors: Object.assign({}, this.data.errors, { [field]: message }) });
    },

    answer(e: WechatMiniprogram.TouchEvent): void {
      const key = String(e.currentTarget.dataset.key);
      const value = e.currentTarget.dataset.answer === 'yes' ? 'yes' : 'no';
      const questions = this.data.questions.map((q) => (q.key === key ? Object.assign({}, q, { answer: value }) : q));
      this.setData({ questions });
      this.setError('declarations', '');
    },

    /**
     * Takes or picks an ordinary photo and opens 制作证件照, where the holder frames the face and
     * the app makes the 352 x 440, 20–50 KB photo; only that one is uploaded (see onShow).
     */
    async choosePhoto(): Promise<void> {
      if (this.data.photoUploading) return;
      this.setError('photo', '');
      const picked = await pickPhoto();
      if (picked.ok) {
        wx.navigateTo({ url: `/packages/card/pages/photo/photo?src=${encodeURIComponent(picked.path)}` });
      } else if (picked.reason === 'declined') {
        this.setError('photo', '没有同意使用相机和相册，暂时无法添加照片。其他内容可以照常填写。');
      } else if (picked.reason === 'failed') {
        this.setError('photo', '没能打开相机或相册，请稍后再试。');
      }
    },

    async uploadPhotoAt(path: string, bytes = 0): Promise<void> {
      this.setData({ photoUploading: true, photoProblems: [], photoSize: '' });
      this.setError('photo', '');
      try {
        const file = await uploadPhoto(path);
        this.setData({ photoUploading: false, photo: { fileId: file.id, path }, photoSize: bytes ? kb(bytes) : '' });
      } catch (err) {
        const problems =
          err instanceof ApiError && err.code === 'PHOTO_SPEC' && err.details ? err.details.map((d) => d.message) : [];
        this.setData({ photoUploading: false, photoProblems: problems });
        this.setError('photo', messageOf(err));
      }
    },

    previewPhoto(): void {
      const photo = this.data.photo;
      if (photo && photo.path) wx.previewImage({ urls: [photo.path] });
    },

    async chooseDocuments(): Promise<void> {
      const room = MAX_DOCUMENTS - this.data.documents.length;
      if (this.data.documentsUploading) return;
      if (room <= 0) {
        this.setError('documents', `材料最多 ${MAX_DOCUMENTS} 份`);
        return;
      }
      if (!(await ensurePrivacy('用于拍摄或选择申请材料的照片'))) {
        this.setError('documents', '没有同意使用相机和相册，暂时无法添加材料。其他内容可以照常填写。');
        return;
      }
      wx.chooseMedia({
        count: room,
        mediaType: ['image'],
        sourceType: ['album', 'camera'],
        success: (res) => void this.uploadDocumentsAt(res.tempFiles.map((f) => f.tempFilePath)),
      });
    },

    async uploadDocumentsAt(paths: string[]): Promise<void> {
      this.setData({ documentsUploading: true });
      this.setError('documents', '');
      for (const path of paths) {
        try {
          const file = await uploadDocument(path);
          this.setData({ documents: this.data.documents.concat([{ fileId: file.id, path }]) });
        } catch (err) {
          this.setError('documents', messageOf(err));
          break;
        }
      }
      this.setData({ documentsUploading: false });
    },

    removeDocument(e: WechatMiniprogram.TouchEvent): void {
      const index = Number(e.currentTarget.dataset.index);
      this.setData({ documents: this.data.documents.filter((_, i) => i !== index) });
    },

    previewDocument(e: WechatMiniprogram.TouchEvent): void {
      const urls = this.data.documents.map((d) => d.path).filter((p) => p);
      const current = String(e.currentTarget.dataset.path || '');
      if (current) wx.previewImage({ urls, current });
    },

    onStationChange(e: WechatMiniprogram.PickerChange): void {
      this.setData({ stationIndex: Number(e.detail.value) });
      this.setError('station', '');
    },

    chooseDelivery(e: WechatMiniprogram.TouchEvent): void {
      const delivery: Delivery = e.currentTarget.dataset.value === 'mail' ? 'mail' : 'pickup';
      this.setData({ delivery });
      this.setError('address', '');
    },

    onAddressInput(e: WechatMiniprogram.Input): void {
      this.setData({ address: e.detail.value });
      this.setError('address', '');
    },

    /** The holder's answers, from the self-check or from this form; null while any is unanswered. */
    declarations(): Declarations | null {
      if (this.data.presetDeclarations) return this.data.presetDeclarations;
      if (!this.data.askDeclarations) return null;
      const d = {} as Declarations;
      for (const q of this.data.questions) {
        if (!q.answer) return null;
        d[q.key] = q.answer === 'yes';
      }
      return d;
    },

    /** Checks the form on the phone first; true when it can be sent. */
    validate(): boolean {
      const errors = noErrors();
      if (!this.data.photo) errors.photo = '请上传符合要求的证件照';
      if (this.data.documents.length === 0) errors.documents = '请上传身份证、户口簿、退伍证或关系证明等材料';
      if (!this.data.stations[this.data.stationIndex]) errors.station = '请选择办理的服务站';
      if (this.data.delivery === 'mail' && this.data.address.trim().length < 5)
        errors.address = '选择邮寄时请填写详细收件地址';
      if (!this.data.editing && !this.declarations()) errors.declarations = '请回答全部问题（是 或 否）';
      this.setData({ errors });
      return !errors.photo && !errors.documents && !errors.station && !errors.address && !errors.declarations;
    },

    async submitForm(): Promise<void> {
      if (this.data.submitting || this.data.identityMissing) return;
      this.setData({ submitError: '', submitErrorCode: '' });
      if (!this.validate()) return;
      const photo = this.data.photo!;
      const station = this.data.stations[this.data.stationIndex];
      const delivery = this.data.delivery;
      const fields = {
        photoFileId: photo.fileId,
        documentFileIds: this.data.documents.map((d) => d.fileId),
        stationId: station.id,
        delivery,
        address: delivery === 'mail' ? this.data.address.trim() : null,
      };
      const declarations = this.declarations();
      // WeChat shows the subscription prompt only from a tap: ask now, while handling it, whether
      // the holder wants to hear of each step by WeChat message.
      const asked = askSubscribe(['application_status']);
      this.setData({ submitting: true });
      try {
        // 1. The draft: created the first time, edited afterwards (also when an earlier submission failed).
        let id = this.data.applicationId;
        if (!id) {
          const created = await createApplication(
            Object.assign({}, fields, {
              kind: this.data.kind,
              category: this.data.category as HolderCategory,
              declarations: declarations!,
            }),
          );
          id = created.id;
          this.setData({ applicationId: id });
        } else {
          const patch: ApplicationPatch = Object.assign({}, fields);
          if (declarations) patch.declarations = declarations;
          await updateApplication(id, patch);
        }
        // 2. Submitted to the service station.
        await submit(id);
        this.setData({ submitting: false });
        await asked;
        wx.redirectTo({ url: `/packages/card/pages/application/application?id=${id}` });
      } catch (err) {
        this.setData({ submitting: false });
        this.showServerError(err);
      }
    },

    showServerError(err: unknown): void {
      if (err instanceof ApiError && err.code === 'VALIDATION_FAILED' && err.details && err.details[0]) {
        const field = FIELD_OF[err.details[0].field || ''];
        if (field) {
          this.setError(field, err.details[0].message);
          return;
        }
      }
      if (err instanceof ApiError && err.code === 'PHOTO_SPEC') {
        this.setError('photo', err.message);
        return;
      }
      this.setData({ submitError: messageOf(err), submitErrorCode: err instanceof ApiError ? err.code : '' });
    },

    openApplication(): void {
      const id = this.data.applicationId;
      wx.navigateTo({ url: `/packages/card/pages/application/application${id ? `?id=${id}` : ''}` });
    },

    openMe(): void {
      wx.navigateTo({ url: '/pages/me/me' });
    },
  },
});
