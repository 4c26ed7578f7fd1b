import { applyToJoin, myApplication, uploadLicencePhoto } from '../../../../services/merchant-portal';
import { listCategories, type MerchantCategory } from '../../../../services/merchants';
import { ApiError, messageOf } from '../../../../services/request';
import { rootFontSize } from '../../../../utils/font-size';
import { ensurePrivacy } from '../../../../utils/privacy';
import { licenceProblem } from '../../licence';

interface Form {
  name: string;
  categoryId: number;
  address: string;
  lat: number | null;
  lng: number | null;
  latText: string;
  lngText: string;
  contactPhone: string;
  licenseNo: string;
  intro: string;
}

const BLANK: Form = {
  name: '',
  categoryId: 0,
  address: '',
  lat: null,
  lng: null,
  latText: '',
  lngText: '',
  contactPhone: '',
  licenseNo: '',
  intro: '',
};

const APPLICATION_PAGE = '/packages/merchant-portal/pages/application/application';
const PHONE = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/;

/** Says what to fix, field by field. */
function check(f: Form, hasPhoto: boolean): Record<string, string> {
  const e: Record<string, string> = {};
  if (f.name.trim().length < 2) e.name = '请填写店名（与营业执照一致）';
  if (!f.categoryId) e.categoryId = '请选择经营类别';
  if (f.address.trim().length < 5) e.address = '请填写详细地址，例如“上城区拥军路 1 号”';
  if (f.lat === null || f.lng === null) e.location = '请在地图上选择店铺位置，方便持证人找到您';
  if (!PHONE.test(f.contactPhone.trim())) e.contactPhone = '请填写手机号或座机号（如 0571-86000000）';
  const licence = licenceProblem(f.licenseNo);
  if (licence) e.licenseNo = licence;
  if (!hasPhoto) e.photo = '请上传营业执照照片';
  return e;
}

/** The server's field names, as the form's. */
const FIELD_OF: Record<string, string> = { lat: 'location', lng: 'location', licenseFileId: 'photo' };

/**
 * 申请加入拥军优待联盟: a shop owner gives the shop's name, category, address and place on the map,
 * a phone number, the business licence's credit code and a photo of the licence. District staff
 * review it; the application's page shows where it stands. Someone with an application waiting is
 * taken to that page instead; after a rejection the form starts from what was sent.
 */
Component({
  data: {
    rootFontSize: rootFontSize(),
    state: 'loading',
    message: '',
    form: BLANK,
    categories: [] as MerchantCategory[],
    categoryIndex: -1,
    locationText: '',
    manualLocation: false,
    locationNote: '',
    photoPath: '',
    photoFileId: 0,
    uploading: false,
    photoNote: '',
    errors: {} as Record<string, string>,
    sending: false,
    sendError: '',
  },
  methods: {
    onLoad(): void {
      this.setData({ rootFontSize: rootFontSize() });
      void this.load();
    },

    async load(): Promise<void> {
      this.setData({ state: 'loading', message: '' });
      try {
        const [mine, categories] = await Promise.all([myApplication(), listCategories()]);
        if (mine && mine.status !== 'rejected') {
          wx.redirectTo({ url: APPLICATION_PAGE });
          return;
        }
        const form: Form = mine
          ? {
              ...BLANK,
              name: mine.name,
              categoryId: mine.categoryId,
              address: mine.address,
              lat: mine.lat,
              lng: mine.lng,
              contactPhone: mine.contactPhone,
              licenseNo: mine.licenseNo,
              intro: mine.intro || '',
            }
          : { ...BLANK };
        const index = categories.items.map((c) => c.id).indexOf(form.categoryId);
        this.setData({
          state: 'ready',
          form,
          categories: categories.items,
          categoryIndex: index,
          locationText: form.lat !== null ? '已选择位置（上次申请时的位置）' : '',
        });
      } catch (err) {
        this.setData({ state: 'error', message: messageOf(err) });
      }
    },

    onInput(e: WechatMiniprogram.Input): void {
      const field = String(e.currentTarget.dataset.field);
      this.setData({ [`form.${field}`]: e.detail.value, [`errors.${field}`]: '', sendError: '' });
    },

    onCategory(e: WechatMiniprogram.PickerChange): void {
      const index = Number(e.detail.value);
      const c = this.data.categories[index];
      if (!c) return;
      this.setData({ categoryIndex: index, 'form.categoryId': c.id, 'errors.categoryId': '' });
    },

    async chooseLocation(): Promise<void> {
      if (!(await ensurePrivacy('用于在地图上选择您店铺的位置，方便持证人找到您'))) {
        this.setData({
          locationNote: '未同意使用位置信息，无法打开地图。您可以同意后再选，或手动填写经纬度。',
          manualLocation: true,
        });
        return;
      }
      wx.chooseLocation({
        success: (r) => {
          const patch: Record<string, unknown> = {
            'form.lat': Number(r.latitude.toFixed(6)),
            'form.lng': Number(r.longitude.toFixed(6)),
            locationText: r.name || r.address || '已选择位置',
            locationNote: '',
            'errors.location': '',
          };
          if (!this.data.form.address.trim() && r.address)
            patch['form.address'] = `${r.address}${r.name ? ` ${r.name}` : ''}`;
          this.setData(patch);
        },
        fail: (err: { errMsg?: string }) => {
          if (/cancel/.test(String(err && err.errMsg))) return;
          this.setData({ locationNote: '地图没能打开。您可以再试一次，或手动填写经纬度。', manualLocation: true });
        },
      });
    },

    showManual(): void {
      this.setData({ manualLocation: true });
    },

    onManualLocation(e: WechatMiniprogram.Input): void {
      const field = String(e.currentTarget.dataset.field);
      const patch: Record<string, unknown> = { [`form.${field}Text`]: e.detail.value, 'errors.location': '' };
      const lat = Number(field === 'lat' ? e.detail.value : this.data.form.latText);
      const lng = Number(field === 'lng' ? e.detail.value : this.data.form.lngText);
      const ok = lat >= 3 && lat <= 54 && lng >= 73 && lng <= 136;
      patch['form.lat'] = ok ? lat : null;
      patch['form.lng'] = ok ? lng : null;
      patch.locationText = ok ? `纬度 ${lat}，经度 ${lng}` : '';
      this.setData(patch);
    },

    async choosePhoto(): Promise<void> {
      if (this.data.uploading) return;
      if (!(await ensurePrivacy('用于拍摄或选择营业执照照片'))) {
        this.setData({ photoNote: '未同意隐私保护指引，无法拍照或选择照片。同意后可以再试。' });
        return;
      }
      wx.chooseMedia({
        count: 1,
        mediaType: ['image'],
        sourceType: ['album', 'camera'],
        sizeType: ['compressed'],
        success: (res) => {
          const file = res.tempFiles && res.tempFiles[0];
          if (file) void this.upload(file.tempFilePath);
        },
        fail: () => undefined,
      });
    },

    async upload(path: string): Promise<void> {
      this.setData({ uploading: true, photoNote: '', 'errors.photo': '' });
      try {
        const f = await uploadLicencePhoto(path);
        this.setData({ uploading: false, photoPath: path, photoFileId: f.id });
      } catch (err) {
        this.setData({ uploading: false, photoNote: `照片没能上传：${messageOf(err)}` });
      }
    },

    async submit(): Promise<void> {
      if (this.data.sending) return;
      const f = this.data.form;
      const errors = check(f, this.data.photoFileId > 0);
      if (Object.keys(errors).length) {
        this.setData({ errors, sendError: '还有内容需要填写或修改，请看红字提示' });
        return;
      }
      this.setData({ sending: true, sendError: '' });
      try {
        await applyToJoin({
          name: f.name.trim(),
          categoryId: f.categoryId,
          address: f.address.trim(),
          lat: f.lat as number,
          lng: f.lng as number,
          contactPhone: f.contactPhone.trim(),
          licenseNo: f.licenseNo.trim().toUpperCase(),
          licenseFileId: this.data.photoFileId,
          ...(f.intro.trim() ? { intro: f.intro.trim() } : {}),
        });
        this.setData({ sending: false });
        wx.redirectTo({ url: APPLICATION_PAGE });
      } catch (err) {
        if (err instanceof ApiError && err.code === 'MERCHANT_APPLICATION_EXISTS') {
          this.setData({ sending: false });
          wx.redirectTo({ url: APPLICATION_PAGE });
          return;
        }
        const fieldErrors: Record<string, string> = {};
        if (err instanceof ApiError) {
          for (const d of err.details || []) if (d.field) fieldErrors[FIELD_OF[d.field] || d.field] = d.message;
        }
        this.setData({ sending: false, errors: fieldErrors, sendError: messageOf(err) });
      }
    },
  },
});
