/** What the 电视频道 page says, in the three languages. */
import type { Locale, TvItemKind } from '@linli/protocol';

interface TvWords {
  hint: string;
  newChannel: string;
  search: string;
  nothingYet: string;
  number: string;
  name: string;
  group: string;
  visibility: string;
  isPublic: string;
  isPrivate: string;
  publicHint: string;
  timeZone: string;
  stream: string;
  streamStates: Record<'starting' | 'running' | 'restarting' | 'stopped' | 'none', string>;
  bitrate: (kbps: number) => string;
  lastError: string;
  preview: string;
  closePreview: string;
  previewUnsupported: string;
  subscribe: string;
  subscribeHint: string;
  lineup: string;
  guide: string;
  // the editor
  editTitle: (name: string) => string;
  newTitle: string;
  save: string;
  cancel: string;
  saved: (name: string) => string;
  programmes: string;
  timelineHint: string;
  timelineKeys: string;
  day: string;
  addProgramme: string;
  programme: string;
  programmeTitle: string;
  description: string;
  category: string;
  start: string;
  durationMin: string;
  repeat: string;
  repeats: Record<'day' | 'week' | 'once', string>;
  weekdays: readonly string[];
  date: string;
  firstDate: string;
  lastDate: string;
  items: string;
  itemsHint: string;
  filler: string;
  fillerHint: string;
  addItem: string;
  kinds: Record<TvItemKind, string>;
  seconds: string;
  videoLength: string;
  file: string;
  chooseFile: string;
  notice: string;
  chooseNotice: string;
  guideItem: string;
  chooseGuide: string;
  liveUrl: string;
  cardText: string;
  moveUp: string;
  moveDown: string;
  remove: string;
  removeProgramme: string;
  epg: string;
  epgHint: string;
  gap: string;
  minutes: (count: number) => string;
  // line-up keys
  keys: string;
  keysHint: string;
  keyName: string;
  keyOrg: string;
  issue: string;
  issued: (name: string) => string;
  keyShownOnce: string;
  revoke: string;
  revoked: string;
  confirmRevoke: (name: string) => string;
  noKeys: string;
}

const zhHans: TvWords = {
  hint: '社区电视频道按时间表线性播出：每个机顶盒按时钟播放同一节目；也以 HLS 直播流、M3U 频道表和 XMLTV 节目单提供给 IPTV 平台。',
  newChannel: '新建频道',
  search: '搜索频道名称',
  nothingYet: '还没有电视频道。',
  number: '频道号',
  name: '频道名称',
  group: '分组',
  visibility: '公开范围',
  isPublic: '公开',
  isPrivate: '内部（凭密钥）',
  publicHint: '公开频道列入无需登录的频道表；内部频道只对持本单位线路密钥的 IPTV 平台可见。',
  timeZone: '时区',
  stream: '直播流',
  streamStates: { starting: '启动中', running: '正常', restarting: '重启中', stopped: '已停止', none: '未上线' },
  bitrate: (kbps) => `${kbps} kbit/s`,
  lastError: '最近错误',
  preview: '预览直播',
  closePreview: '关闭预览',
  previewUnsupported: '此浏览器不能直接播放 HLS，请用 VLC 等播放器打开下面的地址。',
  subscribe: '订阅地址',
  subscribeHint: 'IPTV 平台、机顶盒或 VLC 订阅以下地址：',
  lineup: '频道表（M3U）',
  guide: '节目单（XMLTV）',
  editTitle: (name) => `编辑频道：${name}`,
  newTitle: '新建电视频道',
  save: '保存',
  cancel: '取消',
  saved: (name) => `已保存「${name}」，提交后由他人审核上线`,
  programmes: '节目编排',
  timelineHint: '拖动节目块可调整开始时间，拖动右边缘可调整时长（以 5 分钟为单位）；点选节目块编辑详情。',
  timelineKeys: '键盘：← → 移动 5 分钟，Shift + ← → 调整时长，回车编辑',
  day: '查看日期',
  addProgramme: '添加节目',
  programme: '节目',
  programmeTitle: '节目名称',
  description: '节目简介',
  category: '节目类别',
  start: '开始时间',
  durationMin: '时长（分钟）',
  repeat: '重复',
  repeats: { day: '每天', week: '每周指定日', once: '仅一次' },
  weekdays: ['一', '二', '三', '四', '五', '六', '日'],
  date: '播出日期',
  firstDate: '起始日期',
  lastDate: '结束日期',
  items: '节目内容（依次循环播放）',
  itemsHint: '节目时段内，内容从头依次播放并循环，直到节目结束。',
  filler: '垫片（无节目时循环）',
  fillerHint: '没有节目的时段循环播放这些内容；不填则显示频道台标。',
  addItem: '添加内容',
  kinds: {
    video: '视频',
    image: '图片',
    notice: '通知公告',
    guide: '办事指南',
    live: '直播信号',
    card: '文字卡',
  },
  seconds: '秒',
  videoLength: '视频长度（秒）',
  file: '文件',
  chooseFile: '选择媒体库文件',
  notice: '通知',
  chooseNotice: '选择已发布的通知',
  guideItem: '指南',
  chooseGuide: '选择已发布的办事指南',
  liveUrl: '直播地址（HLS，http/https）',
  cardText: '文字',
  moveUp: '上移',
  moveDown: '下移',
  remove: '删除',
  removeProgramme: '删除此节目',
  epg: '节目单预览（7 天）',
  epgHint: '按当前编辑内容计算，保存后各机顶盒与 XMLTV 节目单相同。',
  gap: '（垫片）',
  minutes: (count) => `${count} 分钟`,
  keys: '线路密钥',
  keysHint: 'IPTV 平台凭本单位的线路密钥订阅内部频道（地址加 ?key=密钥）。密钥只显示一次。',
  keyName: '使用方',
  keyOrg: '所属单位',
  issue: '签发密钥',
  issued: (name) => `已为「${name}」签发密钥，请立即复制，关闭后不再显示：`,
  keyShownOnce: '密钥',
  revoke: '吊销',
  revoked: '已吊销',
  confirmRevoke: (name) => `吊销「${name}」的密钥？使用它的平台将无法再订阅内部频道。`,
  noKeys: '还没有签发线路密钥。',
};

const zhHant: TvWords = {
  ...zhHans,
  hint: '社區電視頻道按時間表線性播出：每個機頂盒按時鐘播放同一節目；也以 HLS 直播流、M3U 頻道表和 XMLTV 節目單提供給 IPTV 平台。',
  newChannel: '新建頻道',
  search: '搜尋頻道名稱',
  nothingYet: '還沒有電視頻道。',
  number: '頻道號',
  name: '頻道名稱',
  group: '分組',
  visibility: '公開範圍',
  isPublic: '公開',
  isPrivate: '內部（憑密鑰）',
  publicHint: '公開頻道列入無需登入的頻道表；內部頻道只對持本單位線路密鑰的 IPTV 平台可見。',
  timeZone: '時區',
  stream: '直播流',
  streamStates: { starting: '啟動中', running: '正常', restarting: '重啟中', stopped: '已停止', none: '未上線' },
  lastError: '最近錯誤',
  preview: '預覽直播',
  closePreview: '關閉預覽',
  previewUnsupported: '此瀏覽器不能直接播放 HLS，請用 VLC 等播放器開啟下面的地址。',
  subscribe: '訂閱地址',
  subscribeHint: 'IPTV 平台、機頂盒或 VLC 訂閱以下地址：',
  lineup: '頻道表（M3U）',
  guide: '節目單（XMLTV）',
  editTitle: (name) => `編輯頻道：${name}`,
  newTitle: '新建電視頻道',
  save: '儲存',
  saved: (name) => `已儲存「${name}」，提交後由他人審核上線`,
  programmes: '節目編排',
  timelineHint: '拖動節目塊可調整開始時間，拖動右邊緣可調整時長（以 5 分鐘為單位）；點選節目塊編輯詳情。',
  timelineKeys: '鍵盤：← → 移動 5 分鐘，Shift + ← → 調整時長，Enter 編輯',
  day: '查看日期',
  addProgramme: '新增節目',
  programme: '節目',
  programmeTitle: '節目名稱',
  description: '節目簡介',
  category: '節目類別',
  start: '開始時間',
  durationMin: '時長（分鐘）',
  repeat: '重複',
  repeats: { day: '每天', week: '每週指定日', once: '僅一次' },
  date: '播出日期',
  firstDate: '起始日期',
  lastDate: '結束日期',
  items: '節目內容（依次循環播放）',
  itemsHint: '節目時段內，內容從頭依次播放並循環，直到節目結束。',
  filler: '墊片（無節目時循環）',
  fillerHint: '沒有節目的時段循環播放這些內容；不填則顯示頻道台標。',
  addItem: '新增內容',
  kinds: { video: '影片', image: '圖片', notice: '通知公告', guide: '辦事指南', live: '直播訊號', card: '文字卡' },
  videoLength: '影片長度（秒）',
  file: '檔案',
  chooseFile: '選擇媒體庫檔案',
  chooseNotice: '選擇已發佈的通知',
  guideItem: '指南',
  chooseGuide: '選擇已發佈的辦事指南',
  liveUrl: '直播地址（HLS，http/https）',
  cardText: '文字',
  moveUp: '上移',
  moveDown: '下移',
  remove: '刪除',
  removeProgramme: '刪除此節目',
  epg: '節目單預覽（7 天）',
  epgHint: '按目前編輯內容計算，儲存後各機頂盒與 XMLTV 節目單相同。',
  gap: '（墊片）',
  minutes: (count) => `${count} 分鐘`,
  keys: '線路密鑰',
  keysHint: 'IPTV 平台憑本單位的線路密鑰訂閱內部頻道（地址加 ?key=密鑰）。密鑰只顯示一次。',
  keyName: '使用方',
  keyOrg: '所屬單位',
  issue: '簽發密鑰',
  issued: (name) => `已為「${name}」簽發密鑰，請立即複製，關閉後不再顯示：`,
  keyShownOnce: '密鑰',
  revoke: '吊銷',
  revoked: '已吊銷',
  confirmRevoke: (name) => `吊銷「${name}」的密鑰？使用它的平台將無法再訂閱內部頻道。`,
  noKeys: '還沒有簽發線路密鑰。',
};

const en: TvWords = {
  hint: 'Community TV channels air on a linear schedule: every set-top box shows the same programme by the clock. Each channel is also an HLS live stream, listed in an M3U line-up and an XMLTV guide for IPTV platforms.',
  newChannel: 'New channel',
  search: 'Search channel names',
  nothingYet: 'No TV channels yet.',
  number: 'Number',
  name: 'Channel name',
  group: 'Group',
  visibility: 'Audience',
  isPublic: 'Public',
  isPrivate: 'Private (with a key)',
  publicHint:
    'Public channels are in the line-up anyone may read; private ones only for IPTV platforms holding a line-up key of this organisation.',
  timeZone: 'Time zone',
  stream: 'Live stream',
  streamStates: {
    starting: 'Starting',
    running: 'Running',
    restarting: 'Restarting',
    stopped: 'Stopped',
    none: 'Not live',
  },
  bitrate: (kbps) => `${kbps} kbit/s`,
  lastError: 'Last error',
  preview: 'Watch live',
  closePreview: 'Close preview',
  previewUnsupported: 'This browser cannot play HLS itself; open the address below in VLC or another player.',
  subscribe: 'Subscription addresses',
  subscribeHint: 'IPTV platforms, set-top boxes or VLC subscribe to:',
  lineup: 'Line-up (M3U)',
  guide: 'Programme guide (XMLTV)',
  editTitle: (name) => `Edit channel: ${name}`,
  newTitle: 'New TV channel',
  save: 'Save',
  cancel: 'Cancel',
  saved: (name) => `Saved "${name}"; submit it for someone else to approve`,
  programmes: 'Programme schedule',
  timelineHint:
    'Drag a programme to move its start, drag its right edge to change its length (5-minute steps); click it to edit the details.',
  timelineKeys: 'Keyboard: ← → move by 5 minutes, Shift + ← → change the length, Enter to edit',
  day: 'Day shown',
  addProgramme: 'Add programme',
  programme: 'Programme',
  programmeTitle: 'Title',
  description: 'Description',
  category: 'Category',
  start: 'Starts at',
  durationMin: 'Length (minutes)',
  repeat: 'Repeats',
  repeats: { day: 'Every day', week: 'On weekdays', once: 'Once' },
  weekdays: ['Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa', 'Su'],
  date: 'Date',
  firstDate: 'From',
  lastDate: 'Until',
  items: 'What it plays (in order, looped)',
  itemsHint: 'Within the programme the items play from the first and loop until it ends.',
  filler: 'Filler (loops when nothing is on)',
  fillerHint: 'Plays in a loop where no programme runs; empty: the channel ident.',
  addItem: 'Add item',
  kinds: {
    video: 'Video',
    image: 'Image',
    notice: 'Notice',
    guide: 'Service guide',
    live: 'Live source',
    card: 'Text card',
  },
  seconds: 's',
  videoLength: 'Video length (s)',
  file: 'File',
  chooseFile: 'Choose a media file',
  notice: 'Notice',
  chooseNotice: 'Choose a published notice',
  guideItem: 'Guide',
  chooseGuide: 'Choose a published guide',
  liveUrl: 'Live address (HLS, http/https)',
  cardText: 'Text',
  moveUp: 'Up',
  moveDown: 'Down',
  remove: 'Remove',
  removeProgramme: 'Remove this programme',
  epg: 'Programme guide preview (7 days)',
  epgHint: 'Worked out from the channel as edited; once saved, boxes and the XMLTV guide show the same.',
  gap: '(filler)',
  minutes: (count) => `${count} min`,
  keys: 'Line-up keys',
  keysHint:
    'IPTV platforms read private channels with a line-up key of the organisation (add ?key=KEY). A key is shown once.',
  keyName: 'Used by',
  keyOrg: 'Organisation',
  issue: 'Issue key',
  issued: (name) => `Key issued for "${name}". Copy it now; it is not shown again:`,
  keyShownOnce: 'Key',
  revoke: 'Revoke',
  revoked: 'Revoked',
  confirmRevoke: (name) => `Revoke the key of "${name}"? Platforms using it can no longer read private channels.`,
  noKeys: 'No line-up keys issued yet.',
};

export const TV_WORDS: Record<Locale, TvWords> = { 'zh-Hans': zhHans, 'zh-Hant': zhHant, en };
export type TvPageWords = TvWords;
