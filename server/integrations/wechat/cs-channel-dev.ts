import jpeg from 'jpeg-js';
import type { Logger } from '../../lib/logger';
import type {
  CsMediaResult,
  CsMiniProgramPage,
  CsSendResult,
  CustomerServiceChannelPort,
} from '../../modules/chat/cs-channel.port';

let devPicture: Buffer | undefined;

/** A 64 x 64 grey square as a real JPEG, made once: what every picture "downloads" as locally. */
function picture(): Buffer {
  if (!devPicture) {
    const size = 64;
    const data = Buffer.alloc(size * size * 4, 0xb0);
    devPicture = Buffer.from(jpeg.encode({ width: size, height: size, data }, 80).data);
  }
  return devPicture;
}

export type DevCsMessage = { openid: string; text: string } | { openid: string; page: CsMiniProgramPage };

/**
 * The embedded default: nothing leaves the machine. Replies are kept in memory (the last 1000)
 * and logged by type and size only: the openid and the text are personal data. Any media id
 * downloads as the same small generated JPEG, so a picture sent in dev mode is stored end to end.
 */
export class DevCustomerServiceChannel implements CustomerServiceChannelPort {
  readonly sent: DevCsMessage[] = [];
  private readonly closed = new Set<string>();

  constructor(private readonly logger: Logger) {}

  /** Makes later sends to this holder answer `window_closed` (45015), to try the fallback locally. */
  closeWindow(openid: string): void {
    this.closed.add(openid);
  }

  /** As if the holder wrote again: the window is open. */
  openWindow(openid: string): void {
    this.closed.delete(openid);
  }

  async sendText(openid: string, text: string): Promise<CsSendResult> {
    if (this.closed.has(openid)) return { kind: 'window_closed', errcode: 45015 };
    this.keep({ openid, text });
    this.logger.info('customer-service reply (dev, not sent)', { msgtype: 'text', chars: Array.from(text).length });
    return { kind: 'sent' };
  }

  async sendMiniProgramPage(openid: string, page: CsMiniProgramPage): Promise<CsSendResult> {
    if (this.closed.has(openid)) return { kind: 'window_closed', errcode: 45015 };
    this.keep({ openid, page });
    // The path without its query: a query may carry ids of the holder's records.
    this.logger.info('customer-service reply (dev, not sent)', {
      msgtype: 'miniprogrampage',
      page: page.pagePath.split('?')[0],
    });
    return { kind: 'sent' };
  }

  async downloadMedia(_mediaId: string): Promise<CsMediaResult> {
    return { kind: 'ok', bytes: picture(), contentType: 'image/jpeg' };
  }

  private keep(message: DevCsMessage): void {
    this.sent.push(message);
    if (this.sent.length > 1000) this.sent.shift();
  }
}
