import { isoTime } from '../../lib/time';
import type { OutboxMessage } from './outbox-message.entity';

export const presentTimelineItem = (m: OutboxMessage) => ({
  id: m.id,
  templateKey: m.templateKey,
  title: m.title,
  body: m.body,
  page: m.page,
  at: isoTime(m.createdAt),
});

export const presentOutboxItem = (m: OutboxMessage) => ({
  id: m.id,
  recipientAccountId: m.recipientAccountId,
  templateKey: m.templateKey,
  title: m.title,
  status: m.status,
  attempts: m.attempts,
  lastError: m.lastError,
  nextAttemptAt: isoTime(m.nextAttemptAt),
  sentAt: m.sentAt ? isoTime(m.sentAt) : null,
  createdAt: isoTime(m.createdAt),
});
