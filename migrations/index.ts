import { Foundation1763900000000 } from './1763900000000-foundation';
import { Notifications1764000000000 } from './1764000000000-notifications';
import { Cards1764100000000 } from './1764100000000-cards';
import { Merchants1764200000000 } from './1764200000000-merchants';
import { LegalAid1764300000000 } from './1764300000000-legal-aid';
import { Identity1764500000000 } from './1764500000000-identity';
import { SessionsAndQuotas1764600000000 } from './1764600000000-sessions-and-quotas';
import { ComplaintsAndBounds1764700000000 } from './1764700000000-complaints-and-bounds';
import { BatchExports1764800000000 } from './1764800000000-batch-exports';
import { RateLimits1764900000000 } from './1764900000000-rate-limits';
import { LifecycleHistory1765000000000 } from './1765000000000-lifecycle-history';
import { FileUse1765100000000 } from './1765100000000-file-use';

/** Every migration, in order. Listed explicitly so tsx, jest and the compiled server load the same set. */
export const migrations = [
  Foundation1763900000000,
  Notifications1764000000000,
  Cards1764100000000,
  Merchants1764200000000,
  LegalAid1764300000000,
  Identity1764500000000,
  SessionsAndQuotas1764600000000,
  ComplaintsAndBounds1764700000000,
  BatchExports1764800000000,
  RateLimits1764900000000,
  LifecycleHistory1765000000000,
  FileUse1765100000000,
];
