/** Admin UI text: Simplified Chinese by default, Traditional Chinese and English switchable. */
import type { Locale, PeripheralState } from '@linli/protocol';

const zhHans = {
  title: '邻里 · 管理后台', signIn: '登录', username: '用户名', password: '密码', signOut: '退出登录',
  guides: '办事指南', devices: '设备', search: '搜索指南', newGuide: '新建指南', importFile: '导入 JSON', exportFile: '导出 JSON',
  id: '编号', category: '分类', guideTitle: '标题', state: '状态', version: '版本', updatedAt: '更新时间', actions: '操作',
  published: '已发布', draft: '草稿', publish: '发布', unpublish: '撤回', edit: '编辑', remove: '删除', save: '保存', cancel: '取消',
  confirmDelete: (title: string) => `确定删除「${title}」吗？终端将同步移除。`,
  summary: '简介', audience: '适用对象', materials: '申请材料（每行一项：名称 | 份数 | 备注 | 必需/可选）',
  steps: '办理流程（每行一步：步骤 | 说明）', officeName: '办理地点', address: '地址', hours: '办公时间', phone: '电话',
  fees: '收费标准', timeLimit: '办理时限', legalBasis: '办理依据（每行一条）', forms: '相关表格（每行：名称 | 编号）',
  keywords: '关键词（逗号分隔）', aliases: '别名/简称（逗号分隔）',
  imported: (c: number, u: number, n: number) => `导入完成：新增 ${c}，更新 ${u}，未变 ${n}`,
  saved: '已保存，终端将在几秒内更新', enrollmentCode: '终端注册码', deviceName: '名称', lastSeen: '最近在线', appVersion: '版本',
  cursor: '同步位置', revoke: '停用', revoked: '已停用', total: (n: number) => `共 ${n} 条`,
  allCategories: '全部分类', allStates: '全部状态', importing: '正在导入…',
  peripherals: '外设', peripheralStates: { starting: '启动中', ok: '正常', offline: '离线', 'paper-out': '缺纸', error: '故障' } as Record<PeripheralState, string>,
};
type Strings = { [K in keyof typeof zhHans]: (typeof zhHans)[K] };

const zhHant: Strings = {
  ...zhHans,
  title: '鄰里 · 管理後台', signIn: '登入', username: '用戶名', password: '密碼', signOut: '登出',
  guides: '辦事指南', devices: '設備', search: '搜尋指南', newGuide: '新建指南', importFile: '匯入 JSON', exportFile: '匯出 JSON',
  id: '編號', category: '分類', guideTitle: '標題', state: '狀態', version: '版本', updatedAt: '更新時間', actions: '操作',
  published: '已發佈', draft: '草稿', publish: '發佈', unpublish: '撤回', edit: '編輯', remove: '刪除', save: '儲存', cancel: '取消',
  confirmDelete: (title) => `確定刪除「${title}」嗎？終端將同步移除。`,
  summary: '簡介', audience: '適用對象', materials: '申請材料（每行一項：名稱 | 份數 | 備註 | 必需/可選）',
  steps: '辦理流程（每行一步：步驟 | 說明）', officeName: '辦理地點', address: '地址', hours: '辦公時間', phone: '電話',
  fees: '收費標準', timeLimit: '辦理時限', legalBasis: '辦理依據（每行一條）', forms: '相關表格（每行：名稱 | 編號）',
  keywords: '關鍵詞（逗號分隔）', aliases: '別名/簡稱（逗號分隔）',
  imported: (c, u, n) => `匯入完成：新增 ${c}，更新 ${u}，未變 ${n}`,
  saved: '已儲存，終端將在幾秒內更新', enrollmentCode: '終端註冊碼', deviceName: '名稱', lastSeen: '最近在線',
  cursor: '同步位置', revoke: '停用', revoked: '已停用', total: (n) => `共 ${n} 條`,
  allCategories: '全部分類', allStates: '全部狀態', importing: '正在匯入…',
  peripherals: '外設', peripheralStates: { starting: '啟動中', ok: '正常', offline: '離線', 'paper-out': '缺紙', error: '故障' },
};

const en: Strings = {
  title: 'Linli · Admin', signIn: 'Sign in', username: 'User name', password: 'Password', signOut: 'Sign out',
  guides: 'Service guides', devices: 'Devices', search: 'Search guides', newGuide: 'New guide', importFile: 'Import JSON', exportFile: 'Export JSON',
  id: 'Id', category: 'Category', guideTitle: 'Title', state: 'State', version: 'Version', updatedAt: 'Updated', actions: 'Actions',
  published: 'Published', draft: 'Draft', publish: 'Publish', unpublish: 'Unpublish', edit: 'Edit', remove: 'Delete', save: 'Save', cancel: 'Cancel',
  confirmDelete: (title) => `Delete "${title}"? Kiosks will drop it too.`,
  summary: 'Summary', audience: 'Who it is for', materials: 'Materials (one per line: name | copies | note | required/optional)',
  steps: 'Steps (one per line: step | detail)', officeName: 'Office', address: 'Address', hours: 'Opening hours', phone: 'Phone',
  fees: 'Fees', timeLimit: 'Time limit', legalBasis: 'Legal basis (one per line)', forms: 'Forms (one per line: name | code)',
  keywords: 'Keywords (comma separated)', aliases: 'Aliases (comma separated)',
  imported: (c, u, n) => `Imported: ${c} new, ${u} updated, ${n} unchanged`,
  saved: 'Saved; kiosks update within seconds', enrollmentCode: 'Kiosk enrollment code', deviceName: 'Name', lastSeen: 'Last seen', appVersion: 'Version',
  cursor: 'Sync cursor', revoke: 'Revoke', revoked: 'Revoked', total: (n) => `${n} in all`,
  allCategories: 'All categories', allStates: 'Any state', importing: 'Importing…',
  peripherals: 'Devices attached', peripheralStates: { starting: 'Starting', ok: 'OK', offline: 'Offline', 'paper-out': 'Paper out', error: 'Error' },
};

export const ADMIN_STRINGS: Record<Locale, Strings> = { 'zh-Hans': zhHans, 'zh-Hant': zhHant, en };
export type AdminStrings = Strings;
