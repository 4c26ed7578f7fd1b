import type { Config } from '../../server/config';
import type { BenchDb, Value } from './db';
import { dist } from './dist';

/** A city centre (Hangzhou) and the area merchants and searches spread over: about 30 × 30 km. */
export const CENTRE = { lat: 30.2741, lng: 120.1551 };
const SPAN = { lat: 0.27, lng: 0.31 };

/** A small deterministic generator, so two runs seed (and search) the same places. */
export function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const pointAt = (rnd: () => number) => ({
  lat: CENTRE.lat + (rnd() - 0.5) * SPAN.lat,
  lng: CENTRE.lng + (rnd() - 0.5) * SPAN.lng,
});

/** What the load needs to know of the seed. */
export interface Seeded {
  holders: { accountId: number; personId: number; cardId: number }[];
  clerks: { accountId: number; merchantId: number; offerId: number }[];
  categories: number[];
  slots: number[];
  merchants: number;
}

const ID_NUMBER_CONTEXT = 'person.id_number';
const PHONE_CONTEXT = 'person.phone';

/** A valid 18-character ID number (GB 11643), distinct per i, born 1950–2004. */
function idNumber(i: number, checkDigit: (first17: string) => string): string {
  const born = new Date(Date.UTC(1950, 0, 1) + (i % 19_000) * 86_400_000);
  const ymd = born.toISOString().slice(0, 10).replaceAll('-', '');
  const first17 = `330102${ymd}${String(Math.floor(i / 19_000) * 100 + (i % 100)).padStart(3, '0')}`;
  return first17 + checkDigit(first17);
}

/**
 * What the seed encrypts and checks ID numbers with: the server's own code, by default as built in
 * dist/ (what the benchmark runs); a run that imports the sources passes them in instead.
 */
export interface SeedTools {
  crypto: { encrypt(value: string, context: string): string; blindIndex(value: string, context: string): string };
  checkDigit(first17: string): string;
}

const builtTools = (config: Config): SeedTools => ({
  crypto: new (dist.fieldCrypto().FieldCrypto)(config.encryption),
  checkDigit: (first17) => dist.idNumber().checkDigit(first17),
});

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
const GIVEN = '建国志强卫东红军海涛永明秀英桂兰立新文华宝山';

/**
 * Holders with accounts, identities (ID and phone numbers encrypted with the server's own keys) and
 * active cards, as approvals and issuing would have left them; multi-row inserts, not the API.
 */
export async function seedHolders(
  db: BenchDb,
  config: Config,
  count: number,
  issuedBy: number,
  tools: SeedTools = builtTools(config),
) {
  const { crypto } = tools;
  const now = db.time(new Date());
  const accounts: Value[][] = [];
  for (let i = 0; i < count; i++) accounts.push([`bench-holder-${i}`, `持证人${i}`, 0, 0, now, now]);
  await db.insertMany(
    'account',
    ['openid', 'display_name', 'disabled', 'token_version', 'created_at', 'updated_at'],
    accounts,
  );
  const first = (await lastId(db, 'account')) - count + 1;
  const roles: Value[][] = accounts.map((_, i) => [first + i, 'holder', now]);
  await db.insertMany('account_role', ['account_id', 'role', 'created_at'], roles);
  const people: Value[][] = [];
  for (let i = 0; i < count; i++) {
    const id = idNumber(i, tools.checkDigit);
    const phone = `139${String(10_000_000 + i).slice(-8)}`;
    const name = SURNAMES[i % SURNAMES.length] + GIVEN[(i * 7) % GIVEN.length] + GIVEN[(i * 13 + 1) % GIVEN.length];
    people.push([
      first + i,
      name,
      crypto.encrypt(id, ID_NUMBER_CONTEXT),
      crypto.blindIndex(id, ID_NUMBER_CONTEXT),
      crypto.encrypt(phone, PHONE_CONTEXT),
      crypto.blindIndex(phone, PHONE_CONTEXT),
      phone.slice(-4),
      'veteran',
      1,
      now,
      now,
    ]);
  }
  await db.insertMany(
    'person',
    [
      'account_id',
      'name',
      'id_number_cipher',
      'id_number_hash',
      'phone_cipher',
      'phone_hash',
      'phone_last4',
      'category',
      'verified',
      'created_at',
      'updated_at',
    ],
    people,
  );
  const firstPerson = (await lastId(db, 'person')) - count + 1;
  const cards: Value[][] = [];
  for (let i = 0; i < count; i++) {
    const personId = firstPerson + i;
    cards.push([
      personId,
      0,
      `YDZ${String(personId).padStart(10, '0')}`,
      'veteran',
      'active',
      personId,
      'pickup',
      now,
      issuedBy,
      now,
      now,
      people[i][1],
    ]);
  }
  await db.insertMany(
    'card',
    [
      'person_id',
      'application_id',
      'card_number',
      'category',
      'status',
      'current_person_id',
      'handover',
      'issued_at',
      'issued_by',
      'created_at',
      'updated_at',
      'holder_name',
    ],
    cards,
  );
  const firstCard = (await lastId(db, 'card')) - count + 1;
  return Array.from({ length: count }, (_, i) => ({
    openid: `bench-holder-${i}`,
    accountId: first + i,
    personId: firstPerson + i,
    cardId: firstCard + i,
  }));
}

/**
 * A conversation for each holder, as the home page leaves it on a first visit: the chat load then
 * measures sending in a conversation, not opening one. False when the table's shape has moved on.
 */
export async function seedConversations(db: BenchDb, holders: { accountId: number }[]): Promise<boolean> {
  const now = db.time(new Date());
  try {
    await db.insertMany(
      'chat_conversation',
      ['account_id', 'status', 'last_seq', 'read_seq', 'unknown_streak', 'created_at', 'updated_at'],
      holders.map((h) => [h.accountId, 'bot', 0, 0, 0, now, now]),
    );
    return true;
  } catch (err) {
    process.stderr.write(
      `conversations not seeded (${(err as Error).message}); the first message of each holder opens one\n`,
    );
    return false;
  }
}

/**
 * The id of the last row inserted: a bulk insert from one connection with nothing else writing
 * gets consecutive ids, so the first is this less the count.
 */
async function lastId(db: BenchDb, table: string): Promise<number> {
  const [row] = await db.query<{ m: number | null }>(`SELECT MAX(id) AS m FROM ${table}`);
  return Number(row.m ?? 0);
}

/** An account with one role (the merchant owner, clerks). */
async function staffAccount(db: BenchDb, username: string, role: string): Promise<number> {
  const now = db.time(new Date());
  await db.run(
    'INSERT INTO account (username, display_name, disabled, token_version, created_at, updated_at) VALUES (?, ?, 0, 0, ?, ?)',
    [username, username, now, now],
  );
  const [row] = await db.query<{ id: number }>('SELECT id FROM account WHERE username = ?', [username]);
  const id = Number(row.id);
  await db.run('INSERT INTO account_role (account_id, role, created_at) VALUES (?, ?, ?)', [id, role, now]);
  return id;
}

export async function seedOwner(db: BenchDb): Promise<number> {
  return staffAccount(db, 'bench-owner', 'merchant_owner');
}

/** `count` active merchants spread over the city, each with `offersEach` active offers. */
export async function seedMerchants(db: BenchDb, count: number, ownerId: number, offersEach = 3) {
  const { toE6 } = dist.geo();
  const categories = (await db.query<{ id: number }>('SELECT id FROM merchant_category ORDER BY id')).map((r) =>
    Number(r.id),
  );
  const now = db.time(new Date());
  const rnd = prng(7);
  const merchants: Value[][] = [];
  for (let i = 0; i < count; i++) {
    const p = pointAt(rnd);
    merchants.push([
      ownerId,
      `拥军商户${i}`,
      '913301020000000000',
      categories[i % categories.length],
      `拥军路 ${i} 号`,
      toE6(p.lat),
      toE6(p.lng),
      '0571-80000000',
      'active',
      now,
      now,
    ]);
  }
  await db.insertMany(
    'merchant',
    [
      'owner_account_id',
      'name',
      'license_no',
      'category_id',
      'address',
      'lat_e6',
      'lng_e6',
      'contact_phone',
      'status',
      'created_at',
      'updated_at',
    ],
    merchants,
  );
  const first = (await lastId(db, 'merchant')) - count + 1;
  const offers: Value[][] = [];
  for (let i = 0; i < count; i++) {
    for (let k = 0; k < offersEach; k++) {
      offers.push([
        first + i,
        ['退役军人九折', '持证免排队', '节日满减'][k % 3],
        '凭优待证享受',
        'discount',
        '9 折',
        '',
        'active',
        now,
        now,
      ]);
    }
  }
  await db.insertMany(
    'merchant_offer',
    [
      'merchant_id',
      'title',
      'description',
      'kind',
      'discount_text',
      'eligible_categories',
      'status',
      'created_at',
      'updated_at',
    ],
    offers,
  );
  if (db.kind === 'mysql') await db.run('ANALYZE TABLE merchant, merchant_offer');
  else await db.run('ANALYZE');
  return { categories, firstMerchant: first };
}

/** Removes every merchant, offer, redemption and membership (the scale check re-seeds). */
export async function clearMerchants(db: BenchDb): Promise<void> {
  for (const t of [
    'redemption_daily_count',
    'redemption',
    'merchant_member',
    'merchant_offer',
    'merchant_event',
    'merchant',
  ]) {
    await db.run(`DELETE FROM ${t}`);
  }
}

/** Clerks at the first `count` merchants, each with the first offer of their merchant. */
export async function seedClerks(db: BenchDb, count: number, firstMerchant: number) {
  const now = db.time(new Date());
  const clerks: Seeded['clerks'] = [];
  for (let i = 0; i < count; i++) {
    const merchantId = firstMerchant + i;
    const accountId = await staffAccount(db, `bench-clerk-${i}`, 'merchant_clerk');
    await db.run(
      'INSERT INTO merchant_member (merchant_id, account_id, role, active, created_at) VALUES (?, ?, ?, 1, ?)',
      [merchantId, accountId, 'clerk', now],
    );
    const [offer] = await db.query<{ id: number }>('SELECT MIN(id) AS id FROM merchant_offer WHERE merchant_id = ?', [
      merchantId,
    ]);
    clerks.push({ accountId, merchantId, offerId: Number(offer.id) });
  }
  return clerks;
}

/**
 * One provider offering every service and mode, with a month of half-hour slots (9:00–17:00
 * Asia/Shanghai) from tomorrow. Each slot takes many places: the load books thousands of times a
 * run, and a full slot would measure the refusal, not the booking.
 */
export async function seedLegalAid(db: BenchDb, capacity: number): Promise<number[]> {
  const now = db.time(new Date());
  const services = 'consultation,legal_aid,mediation,counselling';
  const modes = 'onsite,phone,video';
  await db.run(
    `INSERT INTO legal_provider (name, kind, firm, specialties, service_types, modes, languages, intro, active,
       rating_sum, rating_count, served_count, created_at, updated_at)
     VALUES (?, 'lawyer', ?, ?, ?, ?, ?, ?, 1, 0, 0, 0, ?, ?)`,
    ['周律师', '拥军律师事务所', '劳动争议,婚姻家庭', services, modes, '普通话', '退役军人法律服务志愿律师', now, now],
  );
  const [provider] = await db.query<{ id: number }>('SELECT MAX(id) AS id FROM legal_provider');
  const slots: Value[][] = [];
  // Midnight in Shanghai is 16:00 UTC the day before.
  const today = new Date();
  const base = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate()) - 8 * 3_600_000;
  for (let day = 1; day <= 30; day++) {
    for (let half = 0; half < 16; half++) {
      const start = new Date(base + day * 86_400_000 + (9 * 60 + half * 30) * 60_000);
      const end = new Date(start.getTime() + 30 * 60_000);
      slots.push([Number(provider.id), db.time(start), db.time(end), capacity, 0, services, modes, 'open', now]);
    }
  }
  await db.insertMany(
    'legal_slot',
    ['provider_id', 'starts_at', 'ends_at', 'capacity', 'booked', 'service_types', 'modes', 'status', 'created_at'],
    slots,
  );
  return (await db.query<{ id: number }>('SELECT id FROM legal_slot ORDER BY id')).map((r) => Number(r.id));
}

/** Frees every place booked by the last run, so each booking run starts from the same state. */
export async function resetBookings(db: BenchDb): Promise<void> {
  await db.run('DELETE FROM appointment_event');
  await db.run('DELETE FROM legal_appointment');
  await db.run('UPDATE legal_slot SET booked = 0');
}

/** The voucher a holder buys: 30 元 for 50 元. */
export const VOUCHER = { priceFen: 3000, faceValueFen: 5000 } as const;

/**
 * One active merchant selling one voucher offer, with stock the seeded orders take. It stands
 * outside the area searches cover, so nearby search finds the same merchants with or without it.
 */
export async function seedVoucherOffer(db: BenchDb, ownerId: number, stockTotal: number | null = null) {
  const { toE6 } = dist.geo();
  const now = db.time(new Date());
  const [category] = await db.query<{ id: number }>('SELECT MIN(id) AS id FROM merchant_category');
  const name = '拥军超市';
  await db.run(
    `INSERT INTO merchant (owner_account_id, name, license_no, category_id, address, lat_e6, lng_e6, contact_phone,
       status, created_at, updated_at)
     VALUES (?, ?, '913301020000000000', ?, '拥军路 1 号', ?, ?, '0571-80000000', 'active', ?, ?)`,
    [ownerId, name, Number(category.id), toE6(CENTRE.lat + SPAN.lat), toE6(CENTRE.lng + SPAN.lng), now, now],
  );
  const merchantId = await lastId(db, 'merchant');
  const title = '50 元代金券';
  await db.run(
    `INSERT INTO merchant_offer (merchant_id, title, description, kind, discount_text, eligible_categories, status,
       price_fen, face_value_fen, stock_total, stock_taken, created_at, updated_at)
     VALUES (?, ?, '凭优待证购买', 'voucher', '30 元买 50 元', '', 'active', ?, ?, ?, 0, ?, ?)`,
    [merchantId, title, VOUCHER.priceFen, VOUCHER.faceValueFen, stockTotal, now, now],
  );
  return { merchantId, offerId: await lastId(db, 'merchant_offer'), title: `${name} · ${title}` };
}

export type VoucherOffer = Awaited<ReturnType<typeof seedVoucherOffer>>;

/** An order as buying leaves it before payment: its holder, how many, what WeChat Pay's prepay gave the client. */
export interface PendingOrder {
  outTradeNo: string;
  holder: { accountId: number; personId: number };
  quantity: number;
  paymentParams: string | null;
}

/**
 * Orders waiting for payment, as buying leaves them: the order (15 minutes to pay), its `create`
 * history row, and the stock it took from the offer.
 */
export async function seedVoucherOrders(db: BenchDb, offer: VoucherOffer, orders: PendingOrder[]): Promise<void> {
  if (orders.length === 0) return;
  const created = new Date();
  const now = db.time(created);
  const payBy = db.time(new Date(created.getTime() + 15 * 60_000));
  await db.insertMany(
    'voucher_order',
    [
      'out_trade_no',
      'account_id',
      'person_id',
      'merchant_id',
      'offer_id',
      'title',
      'quantity',
      'unit_price_fen',
      'face_value_fen',
      'amount_fen',
      'status',
      'pay_by',
      'payment_params',
      'created_at',
      'updated_at',
    ],
    orders.map((o): Value[] => [
      o.outTradeNo,
      o.holder.accountId,
      o.holder.personId,
      offer.merchantId,
      offer.offerId,
      offer.title,
      o.quantity,
      VOUCHER.priceFen,
      VOUCHER.faceValueFen,
      VOUCHER.priceFen * o.quantity,
      'created',
      payBy,
      o.paymentParams,
      now,
      now,
    ]),
  );
  const first = (await lastId(db, 'voucher_order')) - orders.length + 1;
  await db.insertMany(
    'voucher_order_event',
    ['order_id', 'action', 'from_status', 'to_status', 'actor_account_id', 'actor_role', 'created_at'],
    orders.map((o, i): Value[] => [first + i, 'create', null, 'created', o.holder.accountId, 'holder', now]),
  );
  await db.run('UPDATE merchant_offer SET stock_taken = stock_taken + ? WHERE id = ?', [
    orders.reduce((n, o) => n + o.quantity, 0),
    offer.offerId,
  ]);
}
