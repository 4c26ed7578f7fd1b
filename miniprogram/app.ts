import { loadSession, type Session } from './services/session';
import { startListening } from './utils/privacy';

/** What every page can read from getApp(). */
export interface IAppOption {
  globalData: {
    session: Session | null;
  };
}

App<IAppOption>({
  globalData: {
    session: null,
  },
  onLaunch() {
    // The login itself happens on the first request that needs it (services/request.ts).
    this.globalData.session = loadSession();
    // WeChat's privacy requests go to the popup of the page on top (utils/privacy.ts).
    startListening();
  },
});
