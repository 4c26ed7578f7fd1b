import { servingPage } from '../../lib/serving-page';

/**
 * 法律服务窗口 (the legal desk's staff): every provider's appointments from today, a day at a time,
 * with whose appointment it is, what the holder wants to talk about, and what the desk may do
 * now (签到, 完成, 未到场, 取消 with a reason the holder is told, notes, the video meeting).
 * A provider who opens it is taken to their own day.
 */
servingPage({ desk: true });
