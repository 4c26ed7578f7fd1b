import type { Config } from './config';
import { openDatabase } from './db/data-source';
import type { Database } from './db/database';
import { LocalFileStorage } from './integrations/storage/local-storage';
import { DevWeChatLogin } from './integrations/wechat/login-dev';
import { HttpWeChatLogin } from './integrations/wechat/login-http';
import { systemClock, type Clock } from './lib/clock';
import { FieldCrypto } from './lib/field-crypto';
import { createLogger, type Logger } from './lib/logger';
import { AuthService } from './modules/auth/auth.service';
import { TokenService } from './modules/auth/tokens';
import type { WeChatLoginPort } from './modules/auth/wechat-login.port';
import type { FileStorage } from './modules/files/storage.port';
import { FilesService } from './modules/files/files.service';
import { PeopleService } from './modules/people/people.service';
import { StaffService } from './modules/staff/staff.service';

/** Everything the process is made of, built once from the config. Tests replace the ports. */
export interface Container {
  config: Config;
  logger: Logger;
  clock: Clock;
  db: Database;
  fieldCrypto: FieldCrypto;
  tokens: TokenService;
  ports: { wechatLogin: WeChatLoginPort; storage: FileStorage };
  services: { auth: AuthService; people: PeopleService; files: FilesService; staff: StaffService };
}

export interface ContainerOverrides {
  logger?: Logger;
  clock?: Clock;
  wechatLogin?: WeChatLoginPort;
  storage?: FileStorage;
  db?: Database;
}

export function wechatLoginFor(config: Config): WeChatLoginPort {
  return config.wechat.mode === 'live'
    ? new HttpWeChatLogin(config.wechat.appId, config.wechat.appSecret, config.wechat.apiBase)
    : new DevWeChatLogin();
}

export async function createContainer(config: Config, overrides: ContainerOverrides = {}): Promise<Container> {
  const logger = overrides.logger ?? createLogger(config.logLevel);
  const clock = overrides.clock ?? systemClock;
  const db = overrides.db ?? (await openDatabase(config.database));
  const fieldCrypto = new FieldCrypto(config.encryption);
  const tokens = new TokenService(config.jwt, clock);
  const wechatLogin = overrides.wechatLogin ?? wechatLoginFor(config);
  const storage = overrides.storage ?? new LocalFileStorage(config.fileStorageDir);
  return {
    config,
    logger,
    clock,
    db,
    fieldCrypto,
    tokens,
    ports: { wechatLogin, storage },
    services: {
      auth: new AuthService(db, tokens, wechatLogin, config.jwt, clock, logger),
      people: new PeopleService(db, fieldCrypto, clock),
      files: new FilesService(db, storage, clock, logger, config.limits.uploadMb * 1024 * 1024),
      staff: new StaffService(db, clock),
    },
  };
}
