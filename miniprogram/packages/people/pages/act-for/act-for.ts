import { currentActing, startActing, stopActing, type Acting, type ActingService } from '../../../../services/acting';
import { acceptCode, myLinks, type ProxyLink } from '../../../../services/proxies';
import { ApiError, messageOf } from '../../../../services/request';
import { rootFontSize } from '../../../../utils/font-size';

/** Where each granted service is done, for the buttons under the person acted for. */
const SERVICE_PAGES: Record<ActingService, { label: string; url: string }> = {
  card: { label: '优待证申领', url: '/packages/card/pages/application/application' },
  appeals: { label: '诉求和代办', url: '/packages/appeals/pages/list/list' },
  legal_aid: { label: '法律咨询预约', url: '/packages/legal-aid/pages/appointments/appointments' },
};

interface PersonView {
  id: number;
  holderAccountId: number;
  name: string;
  relation: string;
  servicesText: string;
  services: ActingService[];
  acting: boolean;
}

const toView = (l: ProxyLink, acting: Acting | null): PersonView => ({
  id: l.id,
  holderAccountId: l.holderAccountId,
  name: l.name || '家人',
  relation: l.relation,
  servicesText: l.servicesText,
  services: l.services,
  acting: !!acting && acting.linkId === l.id,
});

/**
 * 为家人代办 (the family member's side): enter the code a family member made; the people the
 * caller may act for; 开始代办 puts the phone in acting mode for one of them (the granted services'
 * requests become theirs, a banner says so on 首页 and 我的) with buttons to those services;
 * 结束代办 ends it. A link revoked meanwhile ends the acting mode here too.
 */
Component({
  data: {
    rootFontSize: rootFontSize(),
    loading: true,
    loadError: '',
    code: '',
    codeError: '',
    accepting: false,
    people: [] as PersonView[],
    acting: null as Acting | null,
    servicePages: [] as Array<{ label: string; url: string }>,
  },
  methods: {
    onLoad(): void {
      this.setData({ rootFontSize: rootFontSize() });
      void this.load();
    },

    async load(): Promise<void> {
      this.setData({ loading: true, loadError: '' });
      try {
        const mine = await myLinks();
        const active = mine.asProxy.filter((l) => l.status === 'active');
        let acting = currentActing();
        if (acting && !active.some((l) => l.id === acting!.linkId)) {
          // The link ended (revoked by either side): so does acting for them.
          stopActing();
          acting = null;
        }
        this.show(
          active.map((l) => toView(l, acting)),
          acting,
        );
        this.setData({ loading: false });
      } catch (err) {
        this.setData({ loading: false, loadError: messageOf(err) });
      }
    },

    show(people: PersonView[], acting: Acting | null): void {
      this.setData({
        people,
        acting,
        servicePages: acting ? acting.services.map((s) => SERVICE_PAGES[s]) : [],
      });
    },

    retry(): void {
      void this.load();
    },

    onCodeInput(e: WechatMiniprogram.Input): void {
      this.setData({ code: e.detail.value.toUpperCase(), codeError: '' });
    },

    /** 确定: redeems the code; the new person appears in the list. */
    async submitCode(): Promise<void> {
      if (this.data.accepting) return;
      const code = this.data.code.replace(/[\s-]/g, '');
      if (code.length !== 8) {
        this.setData({ codeError: '邀请码是 8 位字母和数字，请核对后重新输入' });
        return;
      }
      this.setData({ accepting: true, codeError: '' });
      try {
        const link = await acceptCode(code);
        this.setData({ accepting: false, code: '' });
        wx.showToast({ title: `可以为${link.name || '家人'}代办了`, icon: 'none' });
        await this.load();
      } catch (err) {
        const message =
          err instanceof ApiError && err.code === 'RATE_LIMITED' ? '输入错误次数太多，请过一会儿再试' : messageOf(err);
        this.setData({ accepting: false, codeError: message });
      }
    },

    /** 开始代办: the granted services' requests are this person's from now on. */
    start(e: WechatMiniprogram.TouchEvent): void {
      const id = Number(e.currentTarget.dataset.id);
      const person = this.data.people.filter((p) => p.id === id)[0];
      if (!person) return;
      const acting: Acting = {
        linkId: person.id,
        holderAccountId: person.holderAccountId,
        name: person.name,
        services: person.services,
      };
      startActing(acting);
      this.show(
        this.data.people.map((p) => Object.assign({}, p, { acting: p.id === id })),
        acting,
      );
      wx.showToast({ title: `正在为${person.name}代办`, icon: 'none' });
    },

    /** 结束代办: back to the caller's own account. */
    end(): void {
      stopActing();
      this.show(
        this.data.people.map((p) => Object.assign({}, p, { acting: false })),
        null,
      );
      wx.showToast({ title: '已结束代办', icon: 'none' });
    },

    openService(e: WechatMiniprogram.TouchEvent): void {
      const url = String(e.currentTarget.dataset.url || '');
      if (url) wx.navigateTo({ url });
    },
  },
});
