/**
 * Where the server is. In WeChat DevTools the default points at a server on this machine
 * (`npm start`); a release build sets the bureau's HTTPS domain, which must also be listed as a
 * request domain in the mini-program's console.
 */
export const config = {
  baseUrl: 'http://127.0.0.1:3000',
  /**
   * Development only: a code such as 'dev-zhang' that a server in WeChat dev mode accepts in place
   * of wx.login's, so DevTools can act as a demo holder. Empty in any real build.
   */
  devLoginCode: '',
  /** Subscribe-message template ids by template key, as configured on the server. */
  templateIds: {
    application_status: '',
    appointment_reminder: '',
    chat_reply: '',
    service_notice: '',
  } as Record<string, string>,
};
