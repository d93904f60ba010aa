/** The staff mobile app's words (网格员/社区主任), in the three interface languages. */
import type { CaseReminder, CaseState, Locale } from '@linli/protocol';

export interface MobileStrings {
  title: string;
  signIn: string;
  username: string;
  password: string;
  signOut: string;
  tasks: string;
  report: string;
  noTasks: string;
  due: (date: string) => string;
  states: Partial<Record<CaseState, string>>;
  sign: string;
  progress: string;
  reply: string;
  note: string;
  replyText: string;
  send: string;
  category: string;
  description: string;
  place: string;
  photos: string;
  photosChosen: (count: number) => string;
  locate: string;
  located: (lat: string, long: string) => string;
  locationUnavailable: string;
  submit: string;
  queued: (count: number) => string;
  sentAs: (tracking: string) => string;
  rejected: (message: string) => string;
  offline: string;
  back: string;
  failed: string;
  /** Reminders of limits above the tasks: one line each, late or soon. */
  reminders: string;
  reminder: (reminder: CaseReminder) => string;
  workPhotos: string;
  pickPhotos: string;
  uploading: string;
}

const zhHans: MobileStrings = {
  title: '邻里 · 网格员',
  signIn: '登录',
  username: '用户名',
  password: '密码',
  signOut: '退出',
  tasks: '我的任务',
  report: '上报事件',
  noTasks: '暂无派给您的任务',
  due: (date) => `答复期限 ${date}`,
  states: { dispatched: '待签收', handling: '办理中', replied: '已答复', closed: '已办结' },
  sign: '签收',
  progress: '记录进展',
  reply: '答复办结',
  note: '进展说明',
  replyText: '答复内容',
  send: '提交',
  category: '事件类别',
  description: '事件描述',
  place: '地点说明',
  photos: '现场照片（最多 6 张）',
  photosChosen: (count) => `已选 ${count} 张照片`,
  locate: '获取当前位置',
  located: (lat, long) => `已定位：${lat}, ${long}`,
  locationUnavailable: '无法获取位置，请填写地点说明',
  submit: '上报',
  queued: (count) => `${count} 条上报等待网络恢复后发送`,
  sentAs: (tracking) => `已上报，受理编号 ${tracking}`,
  rejected: (message) => `上报未被接受：${message}`,
  offline: '当前离线：上报会先保存在手机上',
  back: '返回',
  failed: '操作未成功，请稍后再试',
  reminders: '时限提醒',
  reminder: (r) =>
    `${r.light === 'red' ? '已超过' : '临近'}${{ dispatch: '派单', sign: '签收', reply: '答复', close: '办结' }[r.limit]}期限 ${r.due.slice(0, 10)} · ${r.tracking}${r.role === 'supervise' ? '（督办）' : ''}`,
  workPhotos: '办理照片（最多 6 张）',
  pickPhotos: '拍照或选择照片',
  uploading: '正在上传照片…',
};

const zhHant: MobileStrings = {
  ...zhHans,
  title: '鄰里 · 網格員',
  signIn: '登入',
  username: '使用者名稱',
  password: '密碼',
  signOut: '登出',
  tasks: '我的任務',
  report: '上報事件',
  noTasks: '暫無派給您的任務',
  due: (date) => `答覆期限 ${date}`,
  states: { dispatched: '待簽收', handling: '辦理中', replied: '已答覆', closed: '已辦結' },
  sign: '簽收',
  progress: '記錄進展',
  reply: '答覆辦結',
  note: '進展說明',
  replyText: '答覆內容',
  category: '事件類別',
  description: '事件描述',
  place: '地點說明',
  photos: '現場照片（最多 6 張）',
  photosChosen: (count) => `已選 ${count} 張照片`,
  locate: '取得目前位置',
  located: (lat, long) => `已定位：${lat}, ${long}`,
  locationUnavailable: '無法取得位置，請填寫地點說明',
  queued: (count) => `${count} 條上報等待網路恢復後傳送`,
  sentAs: (tracking) => `已上報，受理編號 ${tracking}`,
  rejected: (message) => `上報未被接受：${message}`,
  offline: '目前離線：上報會先保存在手機上',
  back: '返回',
  failed: '操作未成功，請稍後再試',
  reminders: '時限提醒',
  reminder: (r) =>
    `${r.light === 'red' ? '已超過' : '臨近'}${{ dispatch: '派單', sign: '簽收', reply: '答覆', close: '辦結' }[r.limit]}期限 ${r.due.slice(0, 10)} · ${r.tracking}${r.role === 'supervise' ? '（督辦）' : ''}`,
  workPhotos: '辦理照片（最多 6 張）',
  pickPhotos: '拍照或選擇照片',
  uploading: '正在上傳照片…',
};

const en: MobileStrings = {
  title: 'Linli · Grid worker',
  signIn: 'Sign in',
  username: 'User name',
  password: 'Password',
  signOut: 'Sign out',
  tasks: 'My tasks',
  report: 'Report',
  noTasks: 'Nothing is assigned to you',
  due: (date) => `Reply by ${date}`,
  states: { dispatched: 'To sign for', handling: 'In hand', replied: 'Answered', closed: 'Closed' },
  sign: 'Sign for it',
  progress: 'Note progress',
  reply: 'Answer and finish',
  note: 'Progress',
  replyText: 'Answer',
  send: 'Send',
  category: 'Category',
  description: 'What is it',
  place: 'Where',
  photos: 'Photos (6 at most)',
  photosChosen: (count) => `${count} photos chosen`,
  locate: 'Use my position',
  located: (lat, long) => `Position: ${lat}, ${long}`,
  locationUnavailable: 'No position: say where in words',
  submit: 'Report',
  queued: (count) => `${count} reports wait for the network`,
  sentAs: (tracking) => `Reported: tracking no. ${tracking}`,
  rejected: (message) => `Not accepted: ${message}`,
  offline: 'Offline: reports are kept on the phone',
  back: 'Back',
  failed: 'That did not work; try again later',
  reminders: 'Limits to mind',
  reminder: (r) =>
    `${r.light === 'red' ? 'Late' : 'Due soon'}: ${{ dispatch: 'dispatch', sign: 'sign for', reply: 'reply', close: 'close' }[r.limit]} by ${r.due.slice(0, 10)} · ${r.tracking}${r.role === 'supervise' ? ' (supervising)' : ''}`,
  workPhotos: 'Photos of the work (6 at most)',
  pickPhotos: 'Take or choose photos',
  uploading: 'Uploading photos…',
};

export const MOBILE_STRINGS: Record<Locale, MobileStrings> = { 'zh-Hans': zhHans, 'zh-Hant': zhHant, en };
