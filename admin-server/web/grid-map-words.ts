/** What the grid map says, and how a case shows on it (pure). */
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

interface GridMapWords {
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
    noGrids: '还没有导入网格边界（网格 GeoJSON 导入：PUT /api/v1/admin/grids）',
    legend: '图例',
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
    noGrids: '還沒有匯入網格邊界（網格 GeoJSON 匯入：PUT /api/v1/admin/grids）',
    legend: '圖例',
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
    noGrids: 'No grid boundaries imported yet (GeoJSON: PUT /api/v1/admin/grids)',
    legend: 'Legend',
  },
};
