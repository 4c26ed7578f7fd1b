import { Chat1765200000000 } from '../../../migrations/1765200000000-chat';
import { CustomerService1765600000000 } from '../../../migrations/1765600000000-customer-service';
import { ChatImages1765700000000 } from '../../../migrations/1765700000000-chat-images';
import { CustomerServiceCrypto } from '../../integrations/wechat/cs-crypto';
import type { Core, ModuleOf } from '../../module';
import type { AppealsService } from '../appeals/appeals.service';
import type { AuthService } from '../auth/auth.service';
import type { PostingsService } from '../employment/postings.service';
import type { LodgingService } from '../lodging/lodging.service';
import type { ApplicationsService } from '../cards/applications.service';
import type { CardService } from '../cards/card.service';
import type { FilesService } from '../files/files.service';
import type { BookingService } from '../legal-aid/booking.service';
import type { ProvidersService } from '../legal-aid/providers.service';
import type { BrowseService } from '../merchants/browse.service';
import type { NotificationsService } from '../notifications/notifications.service';
import type { StaffService } from '../staff/staff.service';
import { AnswerBuilder } from './chat-answers';
import { ChatConversationEvent } from './chat-conversation-event.entity';
import { ChatConversation } from './chat-conversation.entity';
import { ChatFiguresService } from './chat-figures.service';
import { LiveAnswers } from './chat-live-answers';
import { ChatMessage } from './chat-message.entity';
import { CHAT_PAGES } from './chat.pages';
import { chatRoutes } from './chat.routes';
import { ChatService } from './chat.service';
import { ConversationWaiter } from './chat.waiter';
import { buildKnowledge, knowledgeEntities, knowledgeMigrations, knowledgeRoutes } from './knowledge/knowledge.part';
import { contentRecheckJob } from './content-check.job';
import { ContentCheckService } from './content-check.service';
import { ChatChannelState } from './cs-channel-state.entity';
import { CHAT_MESSAGE_FILE_OWNER, CsInboundService } from './cs-inbound.service';
import { ChatChannelPush } from './cs-push.entity';
import { csPushesJob } from './cs-pushes.job';
import { CsReplyService } from './cs-replies.service';
import { csRepliesJob } from './cs-replies.job';
import { ChatChannelReply } from './cs-reply.entity';
import { csRoutes } from './cs.routes';
import { CHAT_TEMPLATES } from './inbox/inbox.notices';
import { buildInbox, inboxEntities, inboxMigrations, type InboxUses } from './inbox/inbox.part';
import { readChatMessageFile } from './inbox/inbox.policy';
import { inboxRoutes, withPresence } from './inbox/inbox.routes';
import { chatPersonalData } from './chat.personal-data';

/** The customer-service channel's tables. */
const CS_ENTITIES = [ChatChannelPush, ChatChannelState, ChatChannelReply];

interface Uses extends InboxUses {
  auth: AuthService;
  notifications: NotificationsService;
  staff: StaffService;
  applications: ApplicationsService;
  cards: CardService;
  browse: BrowseService;
  providers: ProvidersService;
  booking: BookingService;
  files: FilesService;
  appeals: AppealsService;
  postings: PostingsService;
  lodging: LodgingService;
}

/** Builds the module's services from the core and the services it uses. */
function build(c: Core, u: Uses) {
  const { knowledge } = buildKnowledge(c);
  // Polls wake when the transaction that wrote their message commits, whichever module opened it.
  const waiter = new ConversationWaiter();
  const live = new LiveAnswers({
    applications: u.applications,
    cards: u.cards,
    browse: u.browse,
    providers: u.providers,
    booking: u.booking,
    notifications: u.notifications,
    staff: u.staff,
    appeals: u.appeals,
    postings: u.postings,
    lodging: u.lodging,
  });
  // Holders' free text passes the content check before staff see it, by either channel.
  const contentCheck = new ContentCheckService(c.db, c.clock, c.logger, c.ports.contentSecurity, u.auth);
  const chat = new ChatService(c.db, c.clock, knowledge, new AnswerBuilder(live), waiter, contentCheck);
  // Every notice also appears in the holder's conversation, written in the notice's transaction.
  // A staff reply's subscribe message is the reply itself, already in the stream: not copied again.
  u.notifications.onNotice(async (em, notice) => {
    if (notice.templateKey !== 'chat_reply') await chat.recordNotice(em, notice);
  });
  // Handovers place the conversation in its station's queue; staff answer it from the inbox.
  const cs = buildCustomerService(c, u, chat, contentCheck);
  const inbox = buildInbox(c, u, waiter, cs.csReplies);
  chat.useHandover(inbox.handover);
  return { chat, chatFigures: new ChatFiguresService(c.db, c.clock), knowledge, contentCheck, ...cs, ...inbox };
}

/**
 * WeChat's customer-service chat (客服消息) into the same conversation: the push endpoint's checks
 * (only with WECHAT_CS_TOKEN), the inbound processing and the replies' outbox.
 */
function buildCustomerService(c: Core, u: Uses, chat: ChatService, contentCheck: ContentCheckService) {
  const settings = c.config.wechat.customerService;
  const csCrypto = settings
    ? new CustomerServiceCrypto(
        {
          token: settings.token,
          appId: settings.appId,
          encodingAesKey: settings.aesKey,
          previousEncodingAesKey: settings.previousAesKey,
        },
        c.clock,
      )
    : null;
  const csReplies = new CsReplyService(c.db, c.clock, c.logger, c.ports.csChannel, u.auth, u.notifications);
  const csInbound = new CsInboundService({
    db: c.db,
    clock: c.clock,
    logger: c.logger,
    crypto: csCrypto,
    chat,
    replies: csReplies,
    contentCheck,
    auth: u.auth,
    channel: c.ports.csChannel,
    files: u.files,
  });
  return { csInbound, csReplies };
}

/** The chat-style home: the holder's conversation, the service assistant and its knowledge base. */
export const chatModule: ModuleOf<typeof build, typeof CHAT_TEMPLATES> = {
  name: 'chat',
  pages: CHAT_PAGES,
  templates: CHAT_TEMPLATES,
  entities: [
    ChatConversation,
    ChatConversationEvent,
    ChatMessage,
    ...knowledgeEntities,
    ...CS_ENTITIES,
    ...inboxEntities,
  ],
  migrations: [
    Chat1765200000000,
    ...knowledgeMigrations,
    ...inboxMigrations,
    CustomerService1765600000000,
    ChatImages1765700000000,
  ],
  jobs: [csPushesJob, csRepliesJob, contentRecheckJob],
  fileReadRules: { [CHAT_MESSAGE_FILE_OWNER]: readChatMessageFile },
  personalData: () => chatPersonalData,
  build,
  routes: (s, c) => [
    ...withPresence(chatRoutes(s.chat, s.chatFigures, c.rateLimits), s.handover),
    ...inboxRoutes(s),
    ...knowledgeRoutes({ knowledge: s.knowledge }),
    // The push endpoint exists only when WeChat has been given its token (dev mode included).
    ...(s.csInbound.enabled ? csRoutes(s.csInbound) : []),
  ],
};
