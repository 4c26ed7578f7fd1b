import type { EntityManager } from 'typeorm';
import type { Notice, NotificationsService } from '../server/modules/notifications/notifications.service';
import { TEMPLATES } from '../server/modules';
import { CARD_TEMPLATES } from '../server/modules/cards/cards.notices';
import { SHARED_TEMPLATES, type TemplateData } from '../server/modules/notifications/templates';

/**
 * Type-level checks of `notify`, run by the typecheck (`tsc` covers test/): each
 * `@ts-expect-error` line must fail to compile, or the typecheck fails. Nothing here sends a notice.
 * A call spans several lines, so each directive sits right above the line the compiler blames:
 * the template key, the data, or the call itself.
 */
function callSites(notifications: NotificationsService, em: EntityManager) {
  const base = { recipient: 1, idempotencyKey: 'k' };

  // Accepted: each template with exactly its fields, the optional `detail` given or not.
  void notifications.notify(em, {
    ...base,
    templateKey: 'application_status',
    data: { subject: '优待证申请', status: '已通过', time: 't', remark: 'r' },
  });
  void notifications.notify(em, {
    ...base,
    templateKey: 'application_status',
    data: { subject: 's', status: 's', time: 't', remark: 'r', detail: 'd' },
  });
  void notifications.notify(em, {
    ...base,
    templateKey: 'appointment_reminder',
    data: { service: 's', time: 't', place: 'p', remark: 'r' },
    page: 'pages/index/index',
  });
  void notifications.notify(em, {
    ...base,
    templateKey: 'service_notice',
    data: { title: 't', remark: 'r', time: 't' },
  });

  void notifications.notify(em, {
    ...base,
    // @ts-expect-error a template that does not exist
    templateKey: 'application_statuss',
    data: { subject: 's', status: 's', time: 't', remark: 'r' },
  });
  void notifications.notify(em, {
    ...base,
    templateKey: 'application_status',
    // @ts-expect-error a field missing (time)
    data: { subject: 's', status: 's', remark: 'r' },
  });
  void notifications.notify(em, {
    ...base,
    templateKey: 'application_status',
    // @ts-expect-error a field the template does not have
    data: { subject: 's', status: 's', time: 't', remark: 'r', place: 'p' },
  });
  void notifications.notify(em, {
    ...base,
    templateKey: 'service_notice',
    // @ts-expect-error another template's data
    data: { subject: 's', status: 's', time: 't', remark: 'r' },
  });
  void notifications.notify(em, {
    ...base,
    templateKey: 'service_notice',
    // @ts-expect-error a value that is not text
    data: { title: 't', remark: 'r', time: new Date() },
  });
  // @ts-expect-error no idempotency key
  void notifications.notify(em, {
    recipient: 1,
    templateKey: 'service_notice',
    data: { title: 't', remark: 'r', time: 't' },
  });
}

// A notice held in a variable keeps its template's data shape.
const approved: Notice<'application_status'> = {
  recipient: 1,
  templateKey: 'application_status',
  data: { subject: '优待证申请', status: '已通过', time: '2026年11月23日 10:00', remark: '请到服务站领取' },
  idempotencyKey: 'types:approved',
};
// @ts-expect-error a notice of one template cannot carry another's key
const mixed: Notice<'service_notice'> = { ...approved };

// @ts-expect-error render reads the data its template declares
const rendered = SHARED_TEMPLATES.service_notice.render({ title: 't', time: 't' });

// The map of template key → data names every template and each field.
const shapes: { [K in keyof TemplateData]: Array<keyof TemplateData[K]> } = {
  application_status: ['subject', 'status', 'time', 'remark', 'detail'],
  appointment_reminder: ['service', 'time', 'place', 'remark', 'detail'],
  chat_reply: ['agent', 'excerpt', 'time'],
  service_notice: ['title', 'remark', 'time', 'detail'],
  voucher_paid: ['title', 'amount', 'time', 'remark', 'detail'],
  voucher_redeemed: ['title', 'time', 'remark', 'detail'],
  voucher_refunded: ['title', 'amount', 'time', 'remark', 'detail'],
};

describe('typed notices', () => {
  it('derive each template’s data from the fields it reads', () => {
    void callSites;
    void mixed;
    void rendered;
    for (const [key, fields] of Object.entries(shapes)) {
      const template = TEMPLATES[key];
      const read = [...Object.values(template.fields).map((f) => f.from), ...template.extras];
      expect(new Set(fields)).toEqual(new Set(read));
    }
    expect(Object.keys(TEMPLATES).sort()).toEqual(Object.keys(shapes).sort());
    expect(CARD_TEMPLATES.application_status.render(approved.data)).toEqual({ title: '优待证申请：已通过', body: '请到服务站领取' });
  });
});
