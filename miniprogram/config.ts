/**
 * Where the server is, chosen by the build WeChat is running: the developer's machine in DevTools
 * (`npm start` there), the bureau's test server for a trial build, its production server for the
 * released mini-program. Each HTTPS domain must also be listed as a request domain in the
 * mini-program's WeChat console; a bureau deploying its own copy changes the two addresses below.
 */
export const SERVERS = {
  develop: 'http://127.0.0.1:3000',
  trial: 'https://test.rongyou.gov.cn',
  release: 'https://rongyou.gov.cn',
} as const;

export type EnvVersion = keyof typeof SERVERS;

/** The running build: develop (DevTools, a preview), trial (体验版) or release (正式版). */
export function envVersion(): EnvVersion {
  try {
    const v = wx.getAccountInfoSync().miniProgram.envVersion;
    if (v === 'trial' || v === 'release') return v;
  } catch {
    // An old base library without the API: a development build.
  }
  return 'develop';
}

export const config = {
  baseUrl: SERVERS[envVersion()] as string,
  /**
   * Development only: a code such as 'dev-zhang' that a server in WeChat dev mode accepts in place
   * of wx.login's, so DevTools can act as a demo holder. Never used outside a develop build.
   */
  devLoginCode: '',
  /** Subscribe-message template ids by template key, as configured on the server. */
  templateIds: {
    application_status: '',
    appointment_reminder: '',
    chat_reply: '',
    service_notice: '',
    voucher_paid: '',
    voucher_redeemed: '',
    voucher_refunded: '',
  } as Record<string, string>,
};
