import { Cards1764100000000 } from '../../../migrations/1764100000000-cards';
import { BatchExports1764800000000 } from '../../../migrations/1764800000000-batch-exports';
import { CardHistory1765400000000 } from '../../../migrations/1765400000000-card-history';
import { BankCardNumbers1766300000000 } from '../../../migrations/1766300000000-bank-card-numbers';
import type { Core, ModuleOf } from '../../module';
import type { FilesService } from '../files/files.service';
import type { NotificationsService } from '../notifications/notifications.service';
import type { PeopleService } from '../people/people.service';
import { ApplicationsService } from './applications.service';
import { BatchesService } from './batches.service';
import { cardDeadlinesJob } from './card-deadlines.job';
import { CardApplicationEvent } from './card-application-event.entity';
import { CardApplication } from './card-application.entity';
import { ApplicationWorkflow } from './card-application.workflow';
import { CardBatch } from './card-batch.entity';
import { CardEvent } from './card-event.entity';
import { cardReadyRemindersJob } from './card-ready-reminders.job';
import { CardRemindersService } from './card-reminders.service';
import { CardStatsService } from './card-stats.service';
import { Card } from './card.entity';
import { CardService } from './card.service';
import { readApplicationFile } from './cards.policy';
import { cardsRoutes } from './cards.routes';
import { QrTokenUse } from './qr-token-use.entity';
import { QrTokens } from './qr-token.service';
import { ReviewService } from './review.service';
import { staffCardsRoutes } from './staff-cards.routes';
import { staffDigestJob } from './staff-digest.job';
import { PersonSearchIndex } from './person-search-index.entity';
import { CardBankNumber } from './card-bank-number.entity';
import { StaffQueueService } from './staff-queue.service';
import { CARD_PAGES } from './cards.pages';
import { CARD_TEMPLATES } from './cards.notices';
import { cardsPersonalData } from './cards.personal-data';

interface Uses {
  notifications: NotificationsService;
  people: PeopleService;
  files: FilesService;
}

/** Builds the module's services from the core and the services it uses. */
function build(c: Core, u: Uses) {
  const workflow = new ApplicationWorkflow(u.notifications, c.clock);
  const review = new ReviewService(c.db, workflow, u.notifications, c.clock, c.config.cards.needsInfoDays, u.people);
  const qrTokens = new QrTokens(c.config.jwt.secret, c.clock);
  return {
    workflow,
    review,
    qrTokens,
    applications: new ApplicationsService(c.db, workflow, c.clock),
    batches: new BatchesService(c.db, workflow, review, u.people, u.files, c.clock),
    cards: new CardService(c.db, qrTokens, u.notifications, c.clock),
    cardStats: new CardStatsService(c.db, c.clock),
    cardReminders: new CardRemindersService(c.db, workflow, u.notifications),
    staffQueue: new StaffQueueService(c.db, c.fieldCrypto, u.people, c.clock),
  };
}

/** 优待证: applications and their review, production batches with the bank, cards and their QR codes. */
export const cardsModule: ModuleOf<typeof build, typeof CARD_TEMPLATES> = {
  name: 'cards',
  pages: CARD_PAGES,
  templates: CARD_TEMPLATES,
  entities: [
    CardApplication,
    CardApplicationEvent,
    CardBatch,
    Card,
    CardEvent,
    QrTokenUse,
    PersonSearchIndex,
    CardBankNumber,
  ],
  migrations: [Cards1764100000000, BatchExports1764800000000, CardHistory1765400000000, BankCardNumbers1766300000000],
  jobs: [cardDeadlinesJob, cardReadyRemindersJob, staffDigestJob],
  fileReadRules: { card_application: readApplicationFile },
  personalData: () => cardsPersonalData,
  build,
  routes: (s, c) => [
    ...cardsRoutes(s.applications, s.cards),
    ...staffCardsRoutes(s.review, s.batches, s.cardStats, c.clock, s.staffQueue),
  ],
};
