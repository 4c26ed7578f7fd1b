import path from 'node:path';

/**
 * The compiled server's own code, loaded from `dist/` (the build the benchmark runs), typed from
 * the sources. Seeding encrypts with the server's FieldCrypto, tokens are signed by its
 * TokenService and QrTokens, and the baseline segments and searches with its knowledge index, so
 * both servers read and check exactly what the other wrote.
 */
export const ROOT = path.join(__dirname, '..', '..');

const load = <T>(rel: string): T => require(path.join(ROOT, 'dist', rel)) as T;

export const dist = {
  config: () => load<typeof import('../../server/config')>('server/config.js'),
  fieldCrypto: () => load<typeof import('../../server/lib/field-crypto')>('server/lib/field-crypto.js'),
  clock: () => load<typeof import('../../server/lib/clock')>('server/lib/clock.js'),
  idNumber: () => load<typeof import('../../server/lib/id-number')>('server/lib/id-number.js'),
  mask: () => load<typeof import('../../server/lib/mask')>('server/lib/mask.js'),
  tokens: () => load<typeof import('../../server/modules/auth/tokens')>('server/modules/auth/tokens.js'),
  qrTokens: () =>
    load<typeof import('../../server/modules/cards/qr-token.service')>('server/modules/cards/qr-token.service.js'),
  geo: () => load<typeof import('../../server/modules/merchants/geo')>('server/modules/merchants/geo.js'),
  orders: () =>
    load<typeof import('../../server/modules/payments/orders.service')>('server/modules/payments/orders.service.js'),
  classify: () =>
    load<typeof import('../../server/modules/chat/assistant/classify')>('server/modules/chat/assistant/classify.js'),
  knowledgeIndex: () =>
    load<typeof import('../../server/modules/chat/assistant/knowledge-index')>(
      'server/modules/chat/assistant/knowledge-index.js',
    ),
};
