import type { Container } from '../container';
import type { Principal } from '../lib/principal';
import { Appeal } from '../modules/appeals/appeal.entity';
import { Account } from '../modules/auth/account.entity';
import { DEMO_LOGINS } from './demo-credentials';

/**
 * A few appeals and errands at the first demo station (城关), so 诉求与代办 and 诉求统计 show
 * work at each stage: one waiting to be accepted, one errand under way, one resolved and rated.
 * Filed and handled through the appeals service as the demo holders (`dev-demo1` … `dev-demo3`,
 * bound by demo-cards.ts), `station1` and its 代办员 `runner1` would. Idempotent: nothing is made once any appeal exists.
 */
export async function seedDemoAppeals(c: Container): Promise<void> {
  const em = c.db.manager;
  if ((await em.count(Appeal)) > 0) return;
  const staff = await em.findOneBy(Account, { username: DEMO_LOGINS.station1.username });
  const holders = await Promise.all(
    ['dev-demo1', 'dev-demo2', 'dev-demo3'].map((openid) => em.findOneBy(Account, { openid })),
  );
  if (!staff || holders.some((h) => !h)) return;
  const [waiting, errand, settled] = holders.map((h): Principal => ({ accountId: h!.id, roles: ['holder'] }));
  const clerk: Principal = { accountId: staff.id, roles: ['station_staff'] };
  const appeals = c.services.appeals;
  const requestId = 'demo-seed';
  const inDays = (n: number) =>
    new Date(c.clock.now().getTime() + 8 * 3_600_000 + n * 86_400_000).toISOString().slice(0, 10);

  await appeals.file(waiting, {
    kind: 'appeal',
    category: '待遇保障',
    text: '本月的优抚补助金还没有到账，往常每月十日前就到了，请帮忙查一下是什么原因。',
    contactTime: 'morning',
  });

  const e = await appeals.file(errand, {
    kind: 'errand',
    category: '代取证件',
    text: '腿脚不便，请帮忙到区局代取补办的退役军人证，取回后送到服务站即可。',
    contactTime: 'afternoon',
  });
  // The errand goes to the station's 代办员, who starts it.
  const runnerAccount = await em.findOneBy(Account, { username: DEMO_LOGINS.runner.username });
  const runner: Principal = runnerAccount ? { accountId: runnerAccount.id, roles: ['errand_runner'] } : clerk;
  await appeals.accept(clerk, e.appeal.id, { promisedDate: inDays(5), handlerAccountId: runner.accountId }, requestId);
  await appeals.start(runner, e.appeal.id, requestId);

  const s = await appeals.file(settled, {
    kind: 'appeal',
    category: '生活困难',
    text: '老伴住院，医药费负担较重，想了解有没有临时救助可以申请。',
  });
  await appeals.accept(clerk, s.appeal.id, { promisedDate: inDays(3) }, requestId);
  await appeals.start(clerk, s.appeal.id, requestId);
  await appeals.resolve(
    clerk,
    s.appeal.id,
    '已协助提交临时救助申请，街道已审核通过，救助金将在 5 个工作日内发放。',
    requestId,
  );
  await appeals.rate(settled, s.appeal.id, 5, '办得很快，谢谢服务站');
}
