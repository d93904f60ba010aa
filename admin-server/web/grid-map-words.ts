/**
 * What the grid map says, how a case shows on it, and where in a grid file or a grid's form a
 * problem the server names lies, in words (pure).
 */
import type { CaseView, Locale } from '@linli/protocol';

/** new: not dispatched yet; handling: with a handler; answered: replied, waiting for 审核/回访; overdue: its light is red. */
export type CaseMark = 'new' | 'handling' | 'answered' | 'overdue' | 'closed';

export function caseMarkOf(view: Pick<CaseView, 'state' | 'lights'>): CaseMark {
  if (view.state === 'closed' || view.state === 'not-accepted') return 'closed';
  if (view.lights?.light === 'red') return 'overdue';
  if (view.state === 'registered' || view.state === 'accepted') return 'new';
  if (view.state === 'replied' || view.state === 'reviewed') return 'answered';
  return 'handling';
}

/** How strongly a grid is shaded for its open cases: none at 0, deeper with each, never opaque. */
export const gridShade = (openCases: number) => (openCases === 0 ? 0.04 : Math.min(0.6, 0.12 + openCases * 0.08));

export interface GridMapWords {
  title: string;
  filters: { state: string; age: string; view: string };
  states: Record<'open' | 'all', string>;
  ages: Record<'any' | 'week' | 'older', string>;
  views: Record<'points' | 'heat', string>;
  marks: Record<CaseMark, string>;
  gridTip: (name: string, open: number, overdue: number) => string;
  staff: string;
  noStaff: string;
  openCases: string;
  noCases: string;
  pickGrid: string;
  noGrids: string;
  legend: string;
  /** The GeoJSON import (org.manage). */
  importTitle: string;
  importHint: string;
  chooseGeojson: string;
  imported: (grids: number) => string;
  notJson: (name: string) => string;
  /** Where a problem lies in the file or the form. */
  place: {
    feature: (n: number) => string;
    features: string;
    code: string;
    addresses: string;
    addressRow: (n: number) => string;
    addressId: string;
    addressLabel: string;
    boundary: string;
    ring: (n: number) => string;
    point: (n: number) => string;
    longitude: string;
    latitude: string;
    type: string;
  };
  /** The server's own checks of a grid and of a basemap's bounds, in words. */
  problems: {
    notClosed: string;
    fewPoints: string;
    twice: (id: string) => string;
    taken: (id: string, grid: string) => string;
    noGrid: (code: string) => string;
    northOfSouth: string;
    eastOfWest: string;
  };
  /** Editing one grid on the map. */
  edit: {
    start: string;
    draw: string;
    title: (name: string) => string;
    withoutBoundary: string;
    dragHint: string;
    drawHint: string;
    finishDrawing: string;
    redraw: string;
    removeVertex: string;
    vertex: (n: number) => string;
    midpoint: (n: number) => string;
    corners: (n: number) => string;
    addresses: string;
    addRow: string;
    removeRow: string;
    save: string;
    cancel: string;
    saved: (name: string) => string;
  };
  basemap: {
    title: string;
    none: string;
    current: (org: string, by: string, at: string) => string;
    opacity: string;
    alt: string;
    file: string;
    bounds: string;
    south: string;
    west: string;
    north: string;
    east: string;
    fromMap: string;
    forSubtree: string;
    upload: string;
    replace: string;
    remove: string;
    confirmRemove: string;
    uploaded: string;
    removed: string;
    chooseFile: string;
    wrongType: string;
    tooBig: (mb: number) => string;
  };
}

export const GRID_MAP_WORDS: Record<Locale, GridMapWords> = {
  'zh-Hans': {
    title: '网格地图',
    filters: { state: '状态', age: '时间', view: '显示方式' },
    states: { open: '未办结', all: '全部' },
    ages: { any: '不限', week: '7 天内', older: '7 天以上' },
    views: { points: '点位', heat: '热力' },
    marks: { new: '待派单', handling: '办理中', answered: '已答复', overdue: '已超期', closed: '已办结' },
    gridTip: (name, open, overdue) => `${name}：未办结 ${open} 件，超期 ${overdue} 件`,
    staff: '网格员',
    noStaff: '尚未配备网格员',
    openCases: '本网格的事件',
    noCases: '没有符合条件的事件',
    pickGrid: '点击地图上的网格，查看网格员和事件',
    noGrids: '还没有网格边界：导入 GeoJSON 文件，或选中网格后绘制边界',
    legend: '图例',
    importTitle: '导入网格（GeoJSON）',
    importHint:
      '每个要素是一个网格：properties.code 为网格代码，properties.addresses 为地址列表。文件中的网格整体替换；有一处错误，一个也不导入。',
    chooseGeojson: '选择 GeoJSON 文件',
    imported: (grids) => `已导入 ${grids} 个网格`,
    notJson: (name) => `${name} 不是 JSON 文件，未导入`,
    place: {
      feature: (n) => `第 ${n} 个要素`,
      features: '要素列表',
      code: '网格代码',
      addresses: '地址列表',
      addressRow: (n) => `地址第 ${n} 行`,
      addressId: '编号',
      addressLabel: '名称',
      boundary: '边界',
      ring: (n) => (n === 1 ? '外边界' : `第 ${n - 1} 个内边界`),
      point: (n) => `第 ${n} 个点`,
      longitude: '经度',
      latitude: '纬度',
      type: '类型',
    },
    problems: {
      notClosed: '首尾两点不同，边界没有闭合',
      fewPoints: '至少要有三个不同的点',
      twice: (id) => `编号 ${id} 重复`,
      taken: (id, grid) => `编号 ${id} 已在「${grid}」中使用`,
      noGrid: (code) => `没有代码为 ${code} 的网格`,
      northOfSouth: '须在南边以北（大于南边纬度）',
      eastOfWest: '须在西边以东（大于西边经度）',
    },
    edit: {
      start: '编辑边界和地址',
      draw: '绘制边界',
      title: (name) => `编辑「${name}」`,
      withoutBoundary: '尚未绘制边界的网格',
      dragHint:
        '拖动圆点移动顶点；拖动或点击两点之间的小点添加顶点；点击顶点选中后可删除。键盘：Tab 选中顶点，方向键移动，Delete 删除。',
      drawHint: '在地图上依次点击边界的各个顶点（至少三个），然后点“完成绘制”。',
      finishDrawing: '完成绘制',
      redraw: '重新绘制',
      removeVertex: '删除所选顶点',
      vertex: (n) => `顶点 ${n}`,
      midpoint: (n) => `在顶点 ${n} 后添加顶点`,
      corners: (n) => `边界共 ${n} 个顶点`,
      addresses: '地址（楼栋、单元）',
      addRow: '添加一行',
      removeRow: '删除',
      save: '保存',
      cancel: '取消',
      saved: (name) => `已保存「${name}」`,
    },
    basemap: {
      title: '底图',
      none: '没有底图：地图只显示网格边界',
      current: (org, by, at) => `底图：${org}（${by} 于 ${at} 上传）`,
      opacity: '底图不透明度',
      alt: '底图',
      file: '图片（PNG、JPEG 或 WebP，20 MB 以内）',
      bounds: '覆盖范围（WGS84 坐标，单位：度）',
      south: '南边纬度',
      west: '西边经度',
      north: '北边纬度',
      east: '东边经度',
      fromMap: '使用当前地图范围',
      forSubtree: '上传的底图用于本单位及下级单位的网格地图，替换本单位原有的底图。',
      upload: '上传底图',
      replace: '替换底图',
      remove: '删除底图',
      confirmRemove: '删除本单位的底图？删除后显示上级单位的底图（如有）。',
      uploaded: '底图已上传',
      removed: '底图已删除',
      chooseFile: '请选择图片文件',
      wrongType: '底图须为 PNG、JPEG 或 WebP 图片',
      tooBig: (mb) => `图片不能超过 ${mb} MB`,
    },
  },
  'zh-Hant': {
    title: '網格地圖',
    filters: { state: '狀態', age: '時間', view: '顯示方式' },
    states: { open: '未辦結', all: '全部' },
    ages: { any: '不限', week: '7 天內', older: '7 天以上' },
    views: { points: '點位', heat: '熱力' },
    marks: { new: '待派單', handling: '辦理中', answered: '已答覆', overdue: '已超期', closed: '已辦結' },
    gridTip: (name, open, overdue) => `${name}：未辦結 ${open} 件，超期 ${overdue} 件`,
    staff: '網格員',
    noStaff: '尚未配備網格員',
    openCases: '本網格的事件',
    noCases: '沒有符合條件的事件',
    pickGrid: '點擊地圖上的網格，查看網格員和事件',
    noGrids: '還沒有網格邊界：匯入 GeoJSON 檔案，或選中網格後繪製邊界',
    legend: '圖例',
    importTitle: '匯入網格（GeoJSON）',
    importHint:
      '每個要素是一個網格：properties.code 為網格代碼，properties.addresses 為地址列表。檔案中的網格整體替換；有一處錯誤，一個也不匯入。',
    chooseGeojson: '選擇 GeoJSON 檔案',
    imported: (grids) => `已匯入 ${grids} 個網格`,
    notJson: (name) => `${name} 不是 JSON 檔案，未匯入`,
    place: {
      feature: (n) => `第 ${n} 個要素`,
      features: '要素列表',
      code: '網格代碼',
      addresses: '地址列表',
      addressRow: (n) => `地址第 ${n} 行`,
      addressId: '編號',
      addressLabel: '名稱',
      boundary: '邊界',
      ring: (n) => (n === 1 ? '外邊界' : `第 ${n - 1} 個內邊界`),
      point: (n) => `第 ${n} 個點`,
      longitude: '經度',
      latitude: '緯度',
      type: '類型',
    },
    problems: {
      notClosed: '首尾兩點不同，邊界沒有閉合',
      fewPoints: '至少要有三個不同的點',
      twice: (id) => `編號 ${id} 重複`,
      taken: (id, grid) => `編號 ${id} 已在「${grid}」中使用`,
      noGrid: (code) => `沒有代碼為 ${code} 的網格`,
      northOfSouth: '須在南邊以北（大於南邊緯度）',
      eastOfWest: '須在西邊以東（大於西邊經度）',
    },
    edit: {
      start: '編輯邊界和地址',
      draw: '繪製邊界',
      title: (name) => `編輯「${name}」`,
      withoutBoundary: '尚未繪製邊界的網格',
      dragHint:
        '拖動圓點移動頂點；拖動或點擊兩點之間的小點新增頂點；點擊頂點選中後可刪除。鍵盤：Tab 選中頂點，方向鍵移動，Delete 刪除。',
      drawHint: '在地圖上依次點擊邊界的各個頂點（至少三個），然後點「完成繪製」。',
      finishDrawing: '完成繪製',
      redraw: '重新繪製',
      removeVertex: '刪除所選頂點',
      vertex: (n) => `頂點 ${n}`,
      midpoint: (n) => `在頂點 ${n} 後新增頂點`,
      corners: (n) => `邊界共 ${n} 個頂點`,
      addresses: '地址（樓棟、單元）',
      addRow: '新增一行',
      removeRow: '刪除',
      save: '儲存',
      cancel: '取消',
      saved: (name) => `已儲存「${name}」`,
    },
    basemap: {
      title: '底圖',
      none: '沒有底圖：地圖只顯示網格邊界',
      current: (org, by, at) => `底圖：${org}（${by} 於 ${at} 上傳）`,
      opacity: '底圖不透明度',
      alt: '底圖',
      file: '圖片（PNG、JPEG 或 WebP，20 MB 以內）',
      bounds: '覆蓋範圍（WGS84 座標，單位：度）',
      south: '南邊緯度',
      west: '西邊經度',
      north: '北邊緯度',
      east: '東邊經度',
      fromMap: '使用目前地圖範圍',
      forSubtree: '上傳的底圖用於本單位及下級單位的網格地圖，替換本單位原有的底圖。',
      upload: '上傳底圖',
      replace: '替換底圖',
      remove: '刪除底圖',
      confirmRemove: '刪除本單位的底圖？刪除後顯示上級單位的底圖（如有）。',
      uploaded: '底圖已上傳',
      removed: '底圖已刪除',
      chooseFile: '請選擇圖片檔案',
      wrongType: '底圖須為 PNG、JPEG 或 WebP 圖片',
      tooBig: (mb) => `圖片不能超過 ${mb} MB`,
    },
  },
  en: {
    title: 'Grid map',
    filters: { state: 'State', age: 'Age', view: 'Show as' },
    states: { open: 'Open', all: 'All' },
    ages: { any: 'Any', week: 'Last 7 days', older: 'Older' },
    views: { points: 'Points', heat: 'Heat' },
    marks: { new: 'To dispatch', handling: 'In hand', answered: 'Answered', overdue: 'Overdue', closed: 'Closed' },
    gridTip: (name, open, overdue) => `${name}: ${open} open, ${overdue} overdue`,
    staff: 'Grid workers',
    noStaff: 'No grid worker yet',
    openCases: 'Events in this grid',
    noCases: 'No events match',
    pickGrid: 'Click a grid on the map to see its workers and events',
    noGrids: 'No grid boundaries yet: import a GeoJSON file, or pick a grid and draw its boundary',
    legend: 'Legend',
    importTitle: 'Import grids (GeoJSON)',
    importHint:
      'Each feature is a grid: properties.code is its division code, properties.addresses its address list. The grids in the file are replaced whole; with one mistake, none is imported.',
    chooseGeojson: 'Choose a GeoJSON file',
    imported: (grids) => `${grids} ${grids === 1 ? 'grid' : 'grids'} imported`,
    notJson: (name) => `${name} is not a JSON file; nothing was imported`,
    place: {
      feature: (n) => `Feature ${n}`,
      features: 'Features',
      code: 'Grid code',
      addresses: 'Address list',
      addressRow: (n) => `Address row ${n}`,
      addressId: 'Id',
      addressLabel: 'Name',
      boundary: 'Boundary',
      ring: (n) => (n === 1 ? 'Outer boundary' : `Inner boundary ${n - 1}`),
      point: (n) => `point ${n}`,
      longitude: 'longitude',
      latitude: 'latitude',
      type: 'Type',
    },
    problems: {
      notClosed: 'does not end where it starts: the boundary is not closed',
      fewPoints: 'needs three different points at least',
      twice: (id) => `id ${id} is listed twice`,
      taken: (id, grid) => `id ${id} is already used in ${grid}`,
      noGrid: (code) => `there is no grid with code ${code}`,
      northOfSouth: 'must lie north of the south edge',
      eastOfWest: 'must lie east of the west edge',
    },
    edit: {
      start: 'Edit boundary and addresses',
      draw: 'Draw boundary',
      title: (name) => `Editing ${name}`,
      withoutBoundary: 'Grids with no boundary yet',
      dragHint:
        'Drag a dot to move a corner; drag or click the small dot between two corners to add one; click a corner to select it for removal. Keyboard: Tab to a corner, arrow keys move it, Delete removes it.',
      drawHint: 'Click the corners of the boundary on the map in turn (three at least), then Finish drawing.',
      finishDrawing: 'Finish drawing',
      redraw: 'Draw again',
      removeVertex: 'Remove selected corner',
      vertex: (n) => `Corner ${n}`,
      midpoint: (n) => `Add a corner after corner ${n}`,
      corners: (n) => `The boundary has ${n} corners`,
      addresses: 'Addresses (buildings, units)',
      addRow: 'Add a row',
      removeRow: 'Remove',
      save: 'Save',
      cancel: 'Cancel',
      saved: (name) => `${name} saved`,
    },
    basemap: {
      title: 'Basemap',
      none: 'No basemap: the map shows the grid boundaries only',
      current: (org, by, at) => `Basemap: ${org} (uploaded by ${by} at ${at})`,
      opacity: 'Basemap opacity',
      alt: 'Basemap',
      file: 'Image (PNG, JPEG or WebP, 20 MB at most)',
      bounds: 'Area covered (WGS 84, degrees)',
      south: 'South latitude',
      west: 'West longitude',
      north: 'North latitude',
      east: 'East longitude',
      fromMap: 'Use the map as shown',
      forSubtree:
        "The basemap is used on the grid maps of your unit and the units below it, replacing your unit's own.",
      upload: 'Upload basemap',
      replace: 'Replace basemap',
      remove: 'Remove basemap',
      confirmRemove: "Remove your unit's basemap? The map then lies on the basemap of the unit above, if any.",
      uploaded: 'Basemap uploaded',
      removed: 'Basemap removed',
      chooseFile: 'Choose an image file',
      wrongType: 'A basemap is a PNG, JPEG or WebP image',
      tooBig: (mb) => `The image must be ${mb} MB at most`,
    },
  },
};

/** The server's own checks of a grid or a basemap's bounds in words (undefined: a message of the schema's). */
export function gridProblem(words: GridMapWords, message: string): string | undefined {
  const problems = words.problems;
  if (message === 'a ring must end where it starts') return problems.notClosed;
  if (message === 'a ring needs three different points') return problems.fewPoints;
  if (message === 'must be north of south') return problems.northOfSouth;
  if (message === 'must be east of west') return problems.eastOfWest;
  const twice = /^(\S+) is listed twice$/.exec(message);
  if (twice) return problems.twice(twice[1]!);
  const taken = /^(\S+) is already listed in (.+)$/.exec(message);
  if (taken) return problems.taken(taken[1]!, taken[2]!);
  const noGrid = /^no grid (\S+)$/.exec(message);
  if (noGrid) return problems.noGrid(noGrid[1]!);
  return undefined;
}

/**
 * Where a problem lies, from its path in a grid file (`features/1/geometry/coordinates/0/3/1`: 第 2
 * 个要素 · 外边界 · 第 4 个点 · 纬度) or in one grid's form (`addresses/2/id`: 地址第 3 行 · 编号).
 */
export function gridPlace(words: GridMapWords, path: string): string {
  const place = words.place;
  const names: Record<string, string> = {
    features: place.features,
    code: place.code,
    addresses: place.addresses,
    id: place.addressId,
    label: place.addressLabel,
    coordinates: place.boundary,
    boundary: place.boundary,
    type: place.type,
  };
  const steps = path.split('/').filter(Boolean);
  const labels: string[] = [];
  for (let at = 0; at < steps.length; at++) {
    const step = steps[at]!;
    const next = steps[at + 1];
    const index = next !== undefined && /^\d+$/.test(next) ? Number(next) + 1 : undefined;
    if (step === 'properties' || step === 'geometry') continue;
    if (step === 'features' && index !== undefined) {
      labels.push(place.feature(index));
      at++;
    } else if (step === 'addresses' && index !== undefined) {
      labels.push(place.addressRow(index));
      at++;
    } else if ((step === 'coordinates' || step === 'boundary') && index !== undefined) {
      labels.push(place.ring(index));
      at++;
      const point = steps[at + 1];
      if (point !== undefined && /^\d+$/.test(point)) {
        labels.push(place.point(Number(point) + 1));
        at++;
        const axis = steps[at + 1];
        if (axis === '0' || axis === '1') {
          labels.push(axis === '0' ? place.longitude : place.latitude);
          at++;
        }
      }
    } else labels.push(new Map(Object.entries(names)).get(step) ?? step);
  }
  return labels.join(' · ');
}
