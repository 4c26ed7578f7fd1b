import type { Logger } from '../../lib/logger';
import type {
  OutgoingSubscribeMessage,
  SubscribeMessagePort,
} from '../../modules/notifications/subscribe-message.port';

/** The embedded default: nothing leaves the machine; each message is counted and logged by template. */
export class DevSubscribeMessages implements SubscribeMessagePort {
  readonly sent: OutgoingSubscribeMessage[] = [];

  constructor(private readonly logger: Logger) {}

  async send(message: OutgoingSubscribeMessage): Promise<void> {
    this.sent.push(message);
    if (this.sent.length > 1000) this.sent.shift();
    this.logger.info('subscribe message (dev, not sent)', { templateId: message.templateId, page: message.page });
  }
}
