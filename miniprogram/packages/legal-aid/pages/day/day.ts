import { servingPage } from '../../lib/serving-page';

/**
 * 我的服务日程 (lawyers, mediators, counsellors): today's and the coming appointments, a day at a
 * time, with who booked, the number to call, what they want to talk about, the notes, the video
 * meeting, and the steps the desk allows now (签到, 完成, 未到场).
 */
servingPage({ desk: false });
