import { hasRole } from '../../services/session';

/**
 * Home. The service assistant's chat will live here; until then it offers the main services as
 * large tiles, and the staff and merchant corners to those who hold those roles.
 */
Component({
  data: {
    tiles: [
      { key: 'card', label: '优待证', hint: '申领、进度、电子证', url: '/packages/card/pages/card/card' },
      { key: 'merchants', label: '优待商户', hint: '附近的拥军优惠', url: '/packages/merchants/pages/list/list' },
      {
        key: 'legal',
        label: '法律服务',
        hint: '咨询、援助、调解',
        url: '/packages/legal-aid/pages/providers/providers',
      },
      { key: 'timeline', label: '消息', hint: '办理进度与提醒', url: '/pages/timeline/timeline' },
    ],
    isMerchant: false,
    isStaff: false,
    isProvider: false,
  },
  methods: {
    onShow() {
      this.setData({
        isMerchant: hasRole('merchant_owner') || hasRole('merchant_clerk'),
        isStaff: hasRole('station_staff') || hasRole('district_staff'),
        isProvider: hasRole('lawyer'),
      });
    },
    open(e: WechatMiniprogram.TouchEvent) {
      wx.navigateTo({ url: String(e.currentTarget.dataset.url) });
    },
  },
});
