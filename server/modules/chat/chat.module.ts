import { Chat1765200000000 } from '../../../migrations/1765200000000-chat';
import type { Core, ModuleOf } from '../../module';
import type { ApplicationsService } from '../cards/applications.service';
import type { CardService } from '../cards/card.service';
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

interface Uses {
  notifications: NotificationsService;
  staff: StaffService;
  applications: ApplicationsService;
  cards: CardService;
  browse: BrowseService;
  providers: ProvidersService;
  booking: BookingService;
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
  });
  const chat = new ChatService(c.db, c.clock, knowledge, new AnswerBuilder(live), waiter);
  // Every notice also appears in the holder's conversation, written in the notice's transaction.
  u.notifications.onNotice((em, notice) => chat.recordNotice(em, notice));
  return { chat, chatFigures: new ChatFiguresService(c.db, c.clock), knowledge };
}

/** The chat-style home: the holder's conversation, the service assistant and its knowledge base. */
export const chatModule: ModuleOf<typeof build> = {
  name: 'chat',
  pages: CHAT_PAGES,
  entities: [ChatConversation, ChatConversationEvent, ChatMessage, ...knowledgeEntities],
  migrations: [Chat1765200000000, ...knowledgeMigrations],
  build,
  routes: (s, c) => [
    ...chatRoutes(s.chat, s.chatFigures, c.rateLimits),
    ...knowledgeRoutes({ knowledge: s.knowledge }),
  ],
};
