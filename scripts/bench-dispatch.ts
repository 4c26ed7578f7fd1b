import 'reflect-metadata';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mysql from 'mysql2/promise';
import { loadConfig } from '../server/config';
import { createContainer } from '../server/container';
import { FakeClock } from '../server/lib/clock';
import { createLogger } from '../server/lib/logger';
import { Account } from '../server/modules/auth/account.entity';
import { OutboxMessage } from '../server/modules/notifications/outbox-message.entity';
import { SubscriptionGrant } from '../server/modules/notifications/subscription-grant.entity';
import { TEMPLATES } from '../server/modules';
import { FakeWeChatServer } from '../test/fakes/fake-wechat';

/**
 * Dispatch throughput: notices per second from the outbox through the real WeChat adapter to a
 * WeChat server on loopback, next to a baseline measured in the same run: the same number of
 * subscribeMessage.send calls made directly with fetch at the same concurrency.
 *
 *   npm run bench:dispatch                      # SQLite file
 *   DATABASE_URL=mysql://root@127.0.0.1:3306/rongyou_bench npm run bench:dispatch
 *   BENCH_NOTICES=5000 BENCH_CONCURRENCY=16 npm run bench:dispatch
 *   BENCH_RTT_MS=50 npm run bench:dispatch      # WeChat's answers delayed as across the network
 *
 * Without BENCH_CONCURRENCY the server's default concurrency and batch size are measured.
 */
const N = Number(process.env.BENCH_NOTICES ?? 2000);
const defaults = loadConfig({}).dispatch;
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? defaults.concurrency);
const BATCH = Number(process.env.BENCH_BATCH ?? defaults.batchSize);
const RTT_MS = Number(process.env.BENCH_RTT_MS ?? 0);

async function databaseUrl(): Promise<string> {
  const given = process.env.DATABASE_URL;
  if (given?.startsWith('mysql://')) {
    const url = new URL(given);
    const name = url.pathname.slice(1) || 'rongyou_bench';
    url.pathname = '/';
    const conn = await mysql.createConnection(url.toString());
    await conn.query(`DROP DATABASE IF EXISTS \`${name}\``);
    await conn.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    await conn.end();
    return given;
  }
  return `sqlite:${path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'rongyou-bench-')), 'bench.sqlite')}`;
}

async function main(): Promise<void> {
  const wx = await new FakeWeChatServer().start();
  wx.latencyMs = RTT_MS;
  const templateId = 'TPL_BENCH';
  wx.templates.set(
    templateId,
    Object.fromEntries(Object.entries(TEMPLATES.service_notice.fields).map(([f, s]) => [f, s.type])),
  );
  const config = loadConfig({
    DATABASE_URL: await databaseUrl(),
    WECHAT_APP_ID: wx.appId,
    WECHAT_APP_SECRET: wx.appSecret,
    WECHAT_API_BASE: wx.baseUrl,
    WECHAT_TEMPLATE_IDS: `service_notice:${templateId}`,
    // Live WeChat refuses the development secrets: this run gets throwaway ones.
    JWT_SECRET: crypto.randomBytes(32).toString('hex'),
    ENCRYPTION_KEYS: `bench:${crypto.randomBytes(32).toString('base64')}`,
    BLIND_INDEX_KEY: crypto.randomBytes(32).toString('base64'),
    DISPATCH_BATCH_SIZE: String(BATCH),
    DISPATCH_CONCURRENCY: String(CONCURRENCY),
    LOG_LEVEL: 'error',
  });
  const clock = new FakeClock(new Date());
  const c = await createContainer(config, { clock, logger: createLogger('error') });
  const now = clock.now();

  // Seed: N holders, one grant and one notice each.
  await c.db.transaction(async (em) => {
    for (let i = 0; i < N; i += 500) {
      const slice = Array.from({ length: Math.min(500, N - i) }, (_, j) => i + j);
      await em.insert(
        Account,
        slice.map((k) => ({
          openid: `bench-${k}`,
          unionid: null,
          username: null,
          passwordHash: null,
          displayName: 'bench',
          stationId: null,
          districtId: null,
          disabled: false,
          lastLoginAt: null,
          createdAt: now,
          updatedAt: now,
        })),
      );
    }
  });
  const accounts = await c.db.manager.find(Account, { select: { id: true, openid: true }, order: { id: 'ASC' } });
  await c.db.transaction(async (em) => {
    for (let i = 0; i < accounts.length; i += 500) {
      const slice = accounts.slice(i, i + 500);
      await em.insert(
        SubscriptionGrant,
        slice.map((a) => ({
          accountId: a.id,
          templateKey: 'service_notice',
          remaining: 1,
          createdAt: now,
          updatedAt: now,
        })),
      );
    }
    for (const a of accounts) {
      await c.services.notifications.notify(em, {
        recipient: a.id,
        templateKey: 'service_notice',
        data: { title: '优待证已制作完成', remark: '请到服务站领取', time: '2026年11月23日 10:00' },
        idempotencyKey: `bench:${a.id}`,
      });
    }
  });

  // Baseline: the same sends made directly, same concurrency, same token.
  const tokenResponse = await fetch(`${wx.baseUrl}/cgi-bin/stable_token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ grant_type: 'client_credential', appid: wx.appId, secret: wx.appSecret }),
  });
  const token = ((await tokenResponse.json()) as { access_token: string }).access_token;
  let next = 0;
  const t0 = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < N) {
        const i = next++;
        const res = await fetch(`${wx.baseUrl}/cgi-bin/message/subscribe/send?access_token=${token}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            touser: `bench-${i}`,
            template_id: templateId,
            data: {
              thing1: { value: '优待证已制作完成' },
              thing2: { value: '请到服务站领取' },
              time3: { value: '2026年11月23日 10:00' },
            },
          }),
        });
        await res.text();
      }
    }),
  );
  const baselineSeconds = Number(process.hrtime.bigint() - t0) / 1e9;
  wx.delivered.length = 0;

  const t1 = process.hrtime.bigint();
  const counts = await c.services.dispatcher.dispatchDue(Math.ceil(N / BATCH) + 2);
  const dispatchSeconds = Number(process.hrtime.bigint() - t1) / 1e9;
  const sent = await c.db.manager.countBy(OutboxMessage, { status: 'sent' });

  const baselineRate = N / baselineSeconds;
  const dispatchRate = counts.sent / dispatchSeconds;
  const rows = [
    ['database', config.database.type],
    ['notices', String(N)],
    ['concurrency / batch', `${CONCURRENCY} / ${BATCH}`],
    ['WeChat round trip added (ms)', String(RTT_MS)],
    ['baseline: direct sends/s', baselineRate.toFixed(0)],
    ['dispatcher: notices/s', dispatchRate.toFixed(0)],
    ['ratio dispatcher / baseline', (dispatchRate / baselineRate).toFixed(2)],
    ['sent (rows) / delivered (fake)', `${sent} / ${wx.delivered.length}`],
  ];
  for (const [k, v] of rows) process.stdout.write(`${k.padEnd(32)} ${v}\n`);
  if (sent !== N || wx.delivered.length !== N) process.exitCode = 1;
  await c.db.close();
  await wx.stop();
}

void main();
