import type { Component } from 'vue';

/** A screen in the console's left menu, the roles that may open it, and its view (loaded when opened). */
export interface MenuEntry {
  path: string;
  name: string;
  title: string;
  roles: readonly string[];
  view: () => Promise<Component | { default: Component }>;
}

/**
 * The screens that exist, in menu order. A screen joins this list when it is built, never before;
 * the router makes one route of each entry.
 */
export const SCREENS: readonly MenuEntry[] = [
  {
    path: '/cards/queue',
    name: 'queue',
    title: '优待证审核',
    roles: ['station_staff', 'district_staff'],
    view: () => import('./views/Queue.vue'),
  },
  {
    path: '/cards/batches',
    name: 'batches',
    title: '制卡批次',
    roles: ['district_staff'],
    view: () => import('./views/Batches.vue'),
  },
  {
    path: '/cards/pickups',
    name: 'pickups',
    title: '签收单',
    roles: ['station_staff'],
    view: () => import('./views/StationPickups.vue'),
  },
  {
    path: '/cards/card',
    name: 'card',
    title: '查找优待证',
    roles: ['station_staff', 'district_staff'],
    view: () => import('./views/CardDesk.vue'),
  },
  {
    path: '/chat/inbox',
    name: 'inbox',
    title: '咨询接待',
    roles: ['station_staff', 'district_staff', 'admin'],
    view: () => import('./views/Inbox.vue'),
  },
  {
    path: '/chat/knowledge',
    name: 'knowledge',
    title: '知识库',
    roles: ['station_staff', 'district_staff', 'admin'],
    view: () => import('./views/Knowledge.vue'),
  },
  {
    path: '/merchants/applications',
    name: 'merchant-applications',
    title: '商户入驻审核',
    roles: ['district_staff', 'admin'],
    view: () => import('./views/MerchantApplications.vue'),
  },
  {
    path: '/merchants/list',
    name: 'merchants',
    title: '联盟商户',
    roles: ['district_staff', 'admin'],
    view: () => import('./views/Merchants.vue'),
  },
  {
    path: '/merchants/complaints',
    name: 'complaints',
    title: '商户投诉',
    roles: ['district_staff', 'admin'],
    view: () => import('./views/Complaints.vue'),
  },
  {
    path: '/appeals/queue',
    name: 'appeals',
    title: '诉求与代办',
    // A 代办员 sees the errands assigned to them (the server keeps them to those).
    roles: ['station_staff', 'district_staff', 'admin', 'errand_runner'],
    view: () => import('./views/AppealsQueue.vue'),
  },
  {
    path: '/appeals/figures',
    name: 'appeal-figures',
    title: '诉求统计',
    roles: ['station_staff', 'district_staff', 'admin'],
    view: () => import('./views/AppealsFigures.vue'),
  },
  {
    path: '/legal/appointments',
    name: 'legal-appointments',
    title: '法律服务预约',
    roles: ['district_staff', 'admin'],
    view: () => import('./views/LegalAppointments.vue'),
  },
  {
    path: '/legal/providers',
    name: 'legal-providers',
    title: '法律服务人员',
    roles: ['district_staff', 'admin'],
    view: () => import('./views/LegalProviders.vue'),
  },
  {
    path: '/legal/my-day',
    name: 'my-day',
    title: '我的服务日程',
    roles: ['lawyer'],
    view: () => import('./views/LegalMyDay.vue'),
  },
  {
    path: '/vouchers/orders',
    name: 'voucher-orders',
    title: '代金券订单',
    roles: ['district_staff', 'admin'],
    view: () => import('./views/VoucherOrders.vue'),
  },
  {
    path: '/vouchers/settlements',
    name: 'voucher-settlements',
    title: '代金券结算',
    roles: ['district_staff', 'admin'],
    view: () => import('./views/VoucherSettlements.vue'),
  },
  {
    path: '/vouchers/reconciliation',
    name: 'payment-reconciliation',
    title: '对账',
    roles: ['district_staff', 'admin'],
    view: () => import('./views/PaymentReconciliation.vue'),
  },
  {
    path: '/employment/employers',
    name: 'employment-employers',
    title: '招聘单位审核',
    // District staff act; station staff and admins read.
    roles: ['station_staff', 'district_staff', 'admin'],
    view: () => import('./views/EmploymentEmployers.vue'),
  },
  {
    path: '/employment/postings',
    name: 'employment-postings',
    title: '岗位管理',
    roles: ['station_staff', 'district_staff', 'admin'],
    view: () => import('./views/EmploymentPostings.vue'),
  },
  {
    path: '/employment/fairs',
    name: 'employment-fairs',
    title: '招聘会',
    roles: ['station_staff', 'district_staff', 'admin'],
    view: () => import('./views/EmploymentFairs.vue'),
  },
  {
    path: '/employment/figures',
    name: 'employment-figures',
    title: '就业统计',
    roles: ['station_staff', 'district_staff', 'admin'],
    view: () => import('./views/EmploymentFigures.vue'),
  },
  {
    path: '/lodging/hotels',
    name: 'lodging-hotels',
    title: '军人驿站',
    roles: ['district_staff', 'admin'],
    view: () => import('./views/LodgingHotels.vue'),
  },
  {
    path: '/lodging/bookings',
    name: 'lodging-bookings',
    title: '驿站预订',
    roles: ['district_staff', 'admin'],
    view: () => import('./views/LodgingBookings.vue'),
  },
  {
    path: '/lodging/figures',
    name: 'lodging-figures',
    title: '驿站统计',
    roles: ['district_staff', 'admin'],
    view: () => import('./views/LodgingFigures.vue'),
  },
  {
    path: '/figures',
    name: 'figures',
    title: '统计报表',
    roles: ['station_staff', 'district_staff', 'admin'],
    view: () => import('./views/Figures.vue'),
  },
  {
    path: '/admin/accounts',
    name: 'accounts',
    title: '账号与角色',
    roles: ['admin'],
    view: () => import('./views/Accounts.vue'),
  },
  {
    path: '/admin/stations',
    name: 'stations',
    title: '区与服务站',
    roles: ['admin'],
    view: () => import('./views/Stations.vue'),
  },
  {
    path: '/admin/audit',
    name: 'audit',
    title: '审计日志',
    roles: ['admin'],
    view: () => import('./views/Audit.vue'),
  },
  {
    path: '/roster/list',
    name: 'roster',
    title: '建档立卡',
    roles: ['station_staff', 'district_staff', 'admin'],
    view: () => import('./views/RosterList.vue'),
  },
  {
    path: '/roster/rates',
    name: 'roster-rates',
    title: '申领率',
    roles: ['station_staff', 'district_staff', 'admin'],
    view: () => import('./views/RosterRates.vue'),
  },
];

/** The menu for a person with these roles, in the list's order. */
export const menuFor = (roles: readonly string[]): MenuEntry[] =>
  SCREENS.filter((s) => s.roles.some((r) => roles.includes(r)));

/** Where a person lands after signing in: their first screen, or the home page when they have none. */
export const homeFor = (roles: readonly string[]): string => menuFor(roles)[0]?.path ?? '/home';
