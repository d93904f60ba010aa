/** The admin UI's calls to the admin API; errors arrive as coded LinliErrors. */
import {
  type ReleaseChannel,
  type ReleaseInput,
  type ReleaseList,
  type ReleasePlatform,
  type ReleaseView,
  type RolloutInput,
  CSRF_HEADER,
  EDIT_VERSION_HEADER,
  IDEMPOTENCY_KEY_HEADER,
  LinliError,
  etagOf,
  errorFromBody,
  type AlertFeedInput,
  type AlertList,
  type AlertSourceCreated,
  type AlertSourceInput,
  type AlertSourceList,
  type AlertSourceView,
  type AuditPage,
  type BillProviderInput,
  type BillProviderList,
  type BillProviderView,
  type CaseActionInput,
  type CaseCatalogue,
  type CaseContactView,
  type CaseList,
  type CaseNature,
  type CaseReceipt,
  type CaseState,
  type CaseView,
  type DeviceGroup,
  type DeviceGroupList,
  type DeviceList,
  type DeviceLocation,
  type EnrollmentCodeInput,
  type EnrollmentCodeList,
  type EnrollmentCodeView,
  type CommandKind,
  type CommandList,
  type CommandView,
  type DeviceSettings,
  type SettingsView,
  type ManualAlertInput,
  type ManualAlertList,
  type ManualAlertView,
  type MediaItem,
  type MediaList,
  type NoticeApprovers,
  type NoticeHistory,
  type NoticeInput,
  type NoticeList,
  type NoticeView,
  type FormHistory,
  type FormInput,
  type FormList,
  type FormView,
  type GuideHistory,
  type GuideInput,
  type GuideList,
  type GuideView,
  type IndicatorCatalogue,
  type IndicatorCatalogueInput,
  type IndicatorFigures,
  type IndicatorFiguresQuery,
  type IndicatorImportReport,
  type IndicatorReport,
  type IndicatorReportDecision,
  type IndicatorReportList,
  type SearchGaps,
  type TableFormat,
  type UsageQuery,
  type UsageSummary,
  type ImportReply,
  type OrgNode,
  type OrgNodeInput,
  type OrgNodeUpdate,
  type OrgTree,
  type ProofOfPlayExportQuery,
  type ProofOfPlayQuery,
  type ProofOfPlayReport,
  type SessionView,
  type SheetImportReport,
  type SignageHistory,
  type SignageInput,
  type SignageList,
  type SignageView,
  type TvChannelHistory,
  type TvChannelInput,
  type TvChannelList,
  type TvChannelView,
  type TvStreamList,
  type IssuedKeyCreated,
  type IssuedKeyInput,
  type IssuedKeyList,
  type IssuedKeyView,
  type StaffCaseInput,
  type TotpSetup,
  type UserInput,
  type UserList,
  type UserUpdate,
  type UserView,
  type BasemapBounds,
  type BasemapReply,
  type BasemapView,
  type GridEdit,
  type QueueActionInput,
  type QueueHall,
  type QueueHallInput,
  type QueueHallState,
  type QueueRating,
  type QueueRatingInput,
  type QueueStats,
  type QueueStatsQuery,
  type QueueTicket,
  type GridList,
  type GridView,
  type CaseReminderList,
  type CaseRemindersRead,
  type WorkCalendarEntry,
  type WorkCalendarList,
  type WorkCalendarYear,
  type Locale,
  type ReportDefinition,
  type ReportDocument,
  type ReportFormat,
  type SavedReport,
  type SavedReportList,
} from '@linli/protocol';

/** The session's CSRF token, learnt at sign-in or from the session; sent with every change. */
let csrfToken = '';

/** `version`: the version a save or review is made on, sent as If-Match (a newer one is EDIT_CONFLICT). */
async function call<T>(method: string, path: string, body?: unknown, version?: number): Promise<T> {
  const headers: Record<string, string> = body === undefined ? {} : { 'content-type': 'application/json' };
  if (method !== 'GET') headers[CSRF_HEADER] = csrfToken;
  if (version !== undefined) headers[EDIT_VERSION_HEADER] = etagOf(version);
  const response = await fetch(`/api/v1/admin${path}`, {
    method,
    credentials: 'same-origin',
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status === 204) return undefined as T;
  const data: unknown = await response.json().catch(() => undefined);
  if (!response.ok) throw errorFromBody(data) ?? new LinliError('INTERNAL', `HTTP ${response.status}`);
  return data as T;
}

/**
 * Sends a file as the request body, reporting upload progress (fetch cannot), with the same
 * CSRF header and error handling as every other call.
 */
export function upload<T>(
  path: string,
  file: Blob,
  onProgress: (fraction: number) => void,
  method: 'POST' | 'PUT' = 'POST',
  headers: Record<string, string> = {},
): Promise<T> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open(method, `/api/v1/admin${path}`);
    request.setRequestHeader('content-type', 'application/octet-stream');
    request.setRequestHeader(CSRF_HEADER, csrfToken);
    for (const [name, value] of Object.entries(headers)) request.setRequestHeader(name, value);
    request.upload.onprogress = (event) => event.lengthComputable && onProgress(event.loaded / event.total);
    request.onload = () => {
      let data: unknown;
      try {
        data = JSON.parse(request.responseText);
      } catch {
        data = undefined;
      }
      if (request.status >= 200 && request.status < 300) resolve(data as T);
      // A gateway's own answer (no error of ours in it): the server was not reached, or went away.
      else if (!errorFromBody(data) && GATEWAY_STATUSES.has(request.status))
        reject(new LinliError('SERVER_UNREACHABLE', `HTTP ${request.status}`));
      else reject(errorFromBody(data) ?? new LinliError('INTERNAL', `HTTP ${request.status}`));
    };
    request.onerror = () => reject(new LinliError('SERVER_UNREACHABLE'));
    request.send(file);
  });
}

const GATEWAY_STATUSES = new Set([502, 503, 504]);
/** Pauses before an upload is sent again, in ms: the reply never came (a restart, a broken link). */
const UPLOAD_RETRY_MS = [1000, 3000];

/**
 * A media upload that is sent again, under the same Idempotency-Key, when its reply never came or
 * the server was away: the server answers a retry with the item the first attempt made, so a file
 * is never stored twice for one choice.
 */
async function uploadOnce<T>(path: string, file: Blob, onProgress: (fraction: number) => void): Promise<T> {
  // getRandomValues, unlike randomUUID, is there on a page served over plain http too.
  const key = Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, '0')).join(
    '',
  );
  for (let attempt = 0; ; attempt++) {
    try {
      return await upload<T>(path, file, onProgress, 'POST', { [IDEMPOTENCY_KEY_HEADER]: key });
    } catch (error) {
      const retriable =
        error instanceof LinliError && (error.code === 'SERVER_UNREACHABLE' || error.code === 'DATABASE_UNAVAILABLE');
      if (!retriable || attempt >= UPLOAD_RETRY_MS.length) throw error;
      await new Promise((resolve) => setTimeout(resolve, UPLOAD_RETRY_MS[attempt]));
    }
  }
}

function remember(session: SessionView): SessionView {
  csrfToken = session.csrfToken;
  return session;
}

/** `?a=1&b=2` from the filled-in entries of a filter. */
export function queryString(filter: Record<string, string | number | undefined>): string {
  const query = new URLSearchParams(
    Object.entries(filter)
      .filter((entry) => entry[1] !== undefined && entry[1] !== '')
      .map(([key, value]) => [key, String(value)]),
  );
  return query.size > 0 ? `?${query}` : '';
}

/** `/notices/<id>/submit`: an item of a reviewed content type, or one of its steps. */
const contentPath = (plural: string, id: string, step = '') => `/${plural}/${encodeURIComponent(id)}${step}`;

/** The review steps every reviewed content type has, by id. */
function reviewSteps<View, History>(plural: 'guides' | 'forms' | 'notices' | 'signage' | 'tv-channels') {
  const at = (id: string, step?: string) => contentPath(plural, id, step);
  return {
    submit: (id: string) => call<View>('POST', at(id, '/submit')),
    review: (id: string, version: number, approve: boolean, comment?: string) =>
      call<View>('POST', at(id, '/review'), { approve, ...(comment ? { comment } : {}) }, version),
    history: (id: string) => call<History>('GET', at(id, '/history')),
    rollback: (id: string, version: number) => call<View>('POST', at(id, '/rollback'), { version }),
    remove: (id: string) => call<void>('DELETE', at(id)),
  };
}

/** Guides and forms: reviewers may publish their own work, and take it off devices. */
function reviewedContent<View, History>(plural: 'guides' | 'forms') {
  return {
    ...reviewSteps<View, History>(plural),
    publish: (id: string, published: boolean) => call<View>('POST', contentPath(plural, id, '/publish'), { published }),
  };
}
export type ReviewedContentApi = ReturnType<typeof reviewedContent>;

/** Notices, signage and TV channels: the server names them, a second person approves every version, reviewers withdraw what is live. */
function approvedContent<Input, View, History>(plural: 'notices' | 'signage' | 'tv-channels') {
  return {
    ...reviewSteps<View, History>(plural),
    create: (input: Input) => call<View>('POST', `/${plural}`, input),
    update: (id: string, input: Input, version: number) => call<View>('PUT', contentPath(plural, id), input, version),
    withdraw: (id: string) => call<View>('POST', contentPath(plural, id, '/withdraw')),
  };
}
export type ApprovedContentApi<Input, View, History> = ReturnType<typeof approvedContent<Input, View, History>>;

export const api = {
  login: (username: string, password: string, totp?: string) =>
    call<SessionView>('POST', '/login', { username, password, ...(totp ? { totp } : {}) }).then(remember),
  logout: () => call<void>('POST', '/logout'),
  session: () => call<SessionView>('GET', '/session').then(remember),
  changePassword: (currentPassword: string, newPassword: string) =>
    call<void>('POST', '/account/password', { currentPassword, newPassword }),
  startTotp: (currentPassword: string) => call<TotpSetup>('POST', '/account/totp', { currentPassword }),
  confirmTotp: (code: string) => call<void>('POST', '/account/totp/confirm', { code }),
  disableTotp: (currentPassword: string) => call<void>('POST', '/account/totp/disable', { currentPassword }),
  listGuides: (filter: { q?: string; category?: string; state?: string; offset?: number; limit?: number }) =>
    call<GuideList>('GET', `/guides${queryString(filter)}`),
  getGuide: (id: string) => call<GuideView>('GET', `/guides/${encodeURIComponent(id)}`),
  createGuide: (input: GuideInput) => call<GuideView>('POST', '/guides', input),
  updateGuide: (input: GuideInput, version: number) =>
    call<GuideView>('PUT', `/guides/${encodeURIComponent(input.id)}`, input, version),
  guides: reviewedContent<GuideView, GuideHistory>('guides'),
  /** An unused id spelt in pinyin from a new guide's title ('' when the title spells nothing). */
  suggestGuideId: (title: string) => call<{ id: string }>('GET', `/guides/suggested-id${queryString({ title })}`),
  importGuides: (file: unknown) => call<ImportReply>('POST', '/guides/import', file),
  listForms: (filter: { q?: string; category?: string; state?: string; offset?: number; limit?: number }) =>
    call<FormList>('GET', `/forms${queryString(filter)}`),
  createForm: (input: FormInput) => call<FormView>('POST', '/forms', input),
  updateForm: (input: FormInput, version: number) =>
    call<FormView>('PUT', `/forms/${encodeURIComponent(input.id)}`, input, version),
  forms: reviewedContent<FormView, FormHistory>('forms'),
  devices: () => call<DeviceList>('GET', '/devices'),
  revokeDevice: (id: string) => call<void>('POST', `/devices/${encodeURIComponent(id)}/revoke`),
  setUpdateChannel: (id: string, channel: ReleaseChannel) =>
    call<void>('PUT', `/devices/${encodeURIComponent(id)}/update-channel`, { channel }),
  releases: () => call<ReleaseList>('GET', '/releases'),
  createRelease: (input: ReleaseInput) => call<ReleaseView>('POST', '/releases', input),
  uploadReleaseFile: (
    id: number,
    platform: ReleasePlatform,
    file: File,
    signature: string,
    onProgress: (fraction: number) => void,
  ) =>
    upload<ReleaseView>(
      `/releases/${id}/files/${platform}${queryString({ name: file.name, signature: signature.trim() })}`,
      file,
      onProgress,
      'PUT',
    ),
  setRollout: (id: number, input: RolloutInput) => call<ReleaseView>('PUT', `/releases/${id}/rollout`, input),
  withdrawRelease: (id: number) => call<ReleaseView>('POST', `/releases/${id}/withdraw`),
  setDeviceLocation: (id: string, location: DeviceLocation | null) =>
    call<void>('PUT', `/devices/${encodeURIComponent(id)}/location`, { location }),
  listNotices: (filter: { state?: string; q?: string; offset?: number; limit?: number }) =>
    call<NoticeList>('GET', `/notices${queryString(filter)}`),
  notices: approvedContent<NoticeInput, NoticeView, NoticeHistory>('notices'),
  /** How many people could approve a notice the signed-in user writes (they included). */
  noticeApprovers: () => call<NoticeApprovers>('GET', '/notices/approvers'),
  listSignage: (filter: { state?: string; q?: string; offset?: number; limit?: number }) =>
    call<SignageList>('GET', `/signage${queryString(filter)}`),
  signage: approvedContent<SignageInput, SignageView, SignageHistory>('signage'),
  listTvChannels: (filter: { state?: string; q?: string; offset?: number; limit?: number }) =>
    call<TvChannelList>('GET', `/tv-channels${queryString(filter)}`),
  tvChannels: approvedContent<TvChannelInput, TvChannelView, TvChannelHistory>('tv-channels'),
  tvStreams: () => call<TvStreamList>('GET', '/tv-channels/streams'),
  /** Where the admin UI plays a stream from (`path` as TvStreamStatus gives it). */
  tvStreamUrl: (path: string) => `/api/v1/admin${path}`,
  tvFeedKeys: () => call<IssuedKeyList>('GET', '/tv-feed-keys'),
  issueTvFeedKey: (input: IssuedKeyInput) => call<IssuedKeyCreated>('POST', '/tv-feed-keys', input),
  revokeTvFeedKey: (id: string) => call<IssuedKeyView>('POST', `/tv-feed-keys/${encodeURIComponent(id)}/revoke`),
  /** Emergency alerts received and issued in the last 30 days, active ones first. */
  alerts: () => call<AlertList>('GET', '/alerts'),
  manualAlerts: () => call<ManualAlertList>('GET', '/manual-alerts'),
  createManualAlert: (input: ManualAlertInput) => call<ManualAlertView>('POST', '/manual-alerts', input),
  reviewManualAlert: (id: string, approve: boolean, comment?: string) =>
    call<ManualAlertView>('POST', `/manual-alerts/${encodeURIComponent(id)}/review`, {
      approve,
      ...(comment ? { comment } : {}),
    }),
  cancelManualAlert: (id: string) => call<ManualAlertView>('POST', `/manual-alerts/${encodeURIComponent(id)}/cancel`),
  alertSources: () => call<AlertSourceList>('GET', '/alert-sources'),
  createAlertSource: (input: AlertSourceInput) => call<AlertSourceCreated>('POST', '/alert-sources', input),
  setAlertSourceFeed: (id: string, input: AlertFeedInput) =>
    call<AlertSourceView>('PUT', `/alert-sources/${encodeURIComponent(id)}/feed`, input),
  revokeAlertSource: (id: string) => call<AlertSourceView>('POST', `/alert-sources/${encodeURIComponent(id)}/revoke`),
  billProviders: () => call<BillProviderList>('GET', '/bill-providers'),
  /** Connects a utility by its file, or replaces the file with the same id. */
  saveBillProvider: (input: BillProviderInput) => call<BillProviderView>('PUT', '/bill-providers', input),
  removeBillProvider: (id: string) => call<void>('DELETE', `/bill-providers/${encodeURIComponent(id)}`),
  caseCatalogue: () => call<CaseCatalogue>('GET', '/case-catalogue'),
  grids: () => call<GridList>('GET', '/grids'),
  /** A GeoJSON FeatureCollection of grids (all or nothing). */
  importGrids: (file: unknown) => call<{ grids: number }>('PUT', '/grids', file),
  /** One grid's boundary and addresses, on the version the editor started from (0: it had no boundary). */
  saveGrid: (orgId: number, edit: GridEdit, version: number) => call<GridView>('PUT', `/grids/${orgId}`, edit, version),
  /** The basemap the user's map lies on (their node's, else the nearest above it). */
  basemap: () => call<BasemapReply>('GET', '/basemap'),
  /** Lays an image under a node's map at `bounds` (empty fields left out: the server names them). */
  uploadBasemap: (orgId: number, file: File, bounds: Partial<BasemapBounds>, onProgress: (fraction: number) => void) =>
    upload<BasemapView>(`/basemaps/${orgId}${queryString(bounds)}`, file, onProgress, 'PUT'),
  removeBasemap: (orgId: number) => call<void>('DELETE', `/basemaps/${orgId}`),
  basemapImageUrl: (basemap: BasemapView) =>
    `/api/v1/admin/basemaps/${basemap.orgId}/image${queryString({ v: basemap.sha256 })}`,
  caseReminders: () => call<CaseReminderList>('GET', '/case-reminders'),
  markRemindersRead: (input: CaseRemindersRead) => call<CaseReminderList>('POST', '/case-reminders/read', input),
  queueHalls: () => call<{ halls: QueueHall[] }>('GET', '/queue/halls'),
  createQueueHall: (input: QueueHallInput) => call<QueueHall>('POST', '/queue/halls', input),
  saveQueueHall: (id: number, input: QueueHallInput, version: number) =>
    call<QueueHall>('PUT', `/queue/halls/${id}`, input, version),
  deleteQueueHall: (id: number, version: number) => call<void>('DELETE', `/queue/halls/${id}`, undefined, version),
  /** A counter's step at one window; the reply carries the hall as it is after it. */
  queueAction: (hallId: number, window: number, input: QueueActionInput) =>
    call<{ ticket?: QueueTicket; state: QueueHallState }>(
      'POST',
      `/queue/halls/${hallId}/windows/${window}/actions`,
      input,
    ),
  /** The resident's 好差评 of a ticket finished at the window, from its rating pad. */
  rateQueueTicket: (hallId: number, window: number, input: QueueRatingInput) =>
    call<QueueRating>('POST', `/queue/halls/${hallId}/windows/${window}/rating`, input),
  /** A hall's statistics over service days (Beijing), both included. */
  queueStats: (hallId: number, query: QueueStatsQuery) =>
    call<QueueStats>('GET', `/queue/halls/${hallId}/stats${queryString(query)}`),
  workCalendars: () => call<WorkCalendarList>('GET', '/work-calendars'),
  saveWorkCalendar: (calendar: WorkCalendarYear, version: number) =>
    call<WorkCalendarEntry>('PUT', `/work-calendars/${calendar.year}`, calendar, version),
  revertWorkCalendar: (year: number) => call<void>('DELETE', `/work-calendars/${year}`),
  /** `state` "open": every state before 办结; `q`: a tracking number or words of the description. */
  listCases: (filter: {
    state?: CaseState | 'open';
    nature?: CaseNature;
    mine?: boolean;
    q?: string;
    offset?: number;
    limit?: number;
  }) => call<CaseList>('GET', `/cases${queryString({ ...filter, mine: filter.mine ? 'true' : undefined })}`),
  getCase: (id: number) => call<CaseView>('GET', `/cases/${id}`),
  /** A walk-in or a phone call written up (answered on the spot when it carries an answer). */
  registerCase: (input: StaffCaseInput) => call<CaseReceipt>('POST', '/cases', input),
  /** A workflow step on the version the user saw (CASE_CHANGED when someone moved it meanwhile). */
  actOnCase: (id: number, input: CaseActionInput) => call<CaseView>('POST', `/cases/${id}/actions`, input),
  /** The resident's name and phone in full: each read is on the audit trail. */
  caseContact: (id: number) => call<CaseContactView>('GET', `/cases/${id}/contact`),
  /** The page a resident reads the case on (the ticket's QR code opens the same). */
  caseStatusUrl: (receipt: CaseReceipt) => `/case-status${queryString({ no: receipt.tracking, v: receipt.code })}`,
  /** A subtree's service usage over whole Beijing days (the user's node when orgId is absent). */
  usageSummary: (query: UsageQuery) => call<UsageSummary>('GET', `/usage/summary${queryString(query)}`),
  /** The same figures as a download (a link: the browser saves the server's file). */
  usageExportUrl: (query: UsageQuery, format: TableFormat) =>
    `/api/v1/admin/usage/export${queryString({ ...query, format })}`,
  /** Searches that found nothing and the guides opened least, over the months the period touches. */
  searchGaps: (query: UsageQuery) => call<SearchGaps>('GET', `/usage/search-gaps${queryString(query)}`),
  /** Adds words residents searched for as a guide's alias (published at once for reviewers). */
  addGuideAlias: (id: string, alias: string) =>
    call<GuideView>('POST', `/guides/${encodeURIComponent(id)}/aliases`, { alias }),
  /** The indicator catalogue (指标体系) with its version. */
  indicatorCatalogue: () => call<IndicatorCatalogue>('GET', '/indicators'),
  saveIndicatorCatalogue: (input: IndicatorCatalogueInput, version: number) =>
    call<IndicatorCatalogue>('PUT', '/indicators', input, version),
  /** The reporting nodes of the subtree and their figures for a period. */
  indicatorReports: (period: string, orgId?: number) =>
    call<IndicatorReportList>('GET', `/indicator-reports${queryString({ period, orgId })}`),
  saveIndicatorReport: (orgId: number, period: string, values: Record<string, number | null>, version: number) =>
    call<IndicatorReport>('PUT', `/indicator-reports/${orgId}/${period}`, { values }, version),
  submitIndicatorReport: (orgId: number, period: string) =>
    call<IndicatorReport>('POST', `/indicator-reports/${orgId}/${period}/submit`),
  reviewIndicatorReport: (orgId: number, period: string, decision: IndicatorReportDecision, version: number) =>
    call<IndicatorReport>('POST', `/indicator-reports/${orgId}/${period}/review`, decision, version),
  /** The spreadsheet to fill for a period (a link: the browser saves it). */
  indicatorTemplateUrl: (period: string, orgId?: number) =>
    `/api/v1/admin/indicator-reports/template${queryString({ period, orgId })}`,
  /** A node's figures for a period, and its children's (统计查询). */
  indicatorFigures: (query: IndicatorFiguresQuery) =>
    call<IndicatorFigures>('GET', `/indicator-figures${queryString(query)}`),
  indicatorFiguresExportUrl: (query: IndicatorFiguresQuery, format: TableFormat) =>
    `/api/v1/admin/indicator-figures/export${queryString({ ...query, format })}`,
  /** The reports saved at the user's node and below (统计报表). */
  reports: () => call<SavedReportList>('GET', '/reports'),
  /** Saves a report: a new one (id undefined) or a new version over `version`. */
  saveReport: (id: number | undefined, definition: ReportDefinition, version: number) =>
    id === undefined
      ? call<SavedReport>('POST', '/reports', { definition, baseVersion: 0 })
      : call<SavedReport>('PUT', `/reports/${id}`, { definition, baseVersion: version }),
  deleteReport: (id: number) => call<void>('DELETE', `/reports/${id}`),
  previewReport: (definition: ReportDefinition, locale: Locale) =>
    call<ReportDocument>('POST', '/reports/preview', { definition, locale }),
  /** A saved report run now, as a file (a link: the browser saves it). */
  reportExportUrl: (id: number, format: ReportFormat, locale: Locale) =>
    `/api/v1/admin/reports/${id}/export${queryString({ format, locale })}`,
  /** A month a monthly report kept, as a file. */
  keptReportUrl: (id: number, period: string, format: ReportFormat) =>
    `/api/v1/admin/reports/${id}/runs/${period}/export${queryString({ format })}`,
  /** 一键月报 of a unit's month, as a file. */
  monthlyReportUrl: (month: string, orgId: number | undefined, format: ReportFormat, locale: Locale) =>
    `/api/v1/admin/reports/monthly${queryString({ month, orgId, format, locale })}`,
  /** What played on which screen, per item, over whole days in China Standard Time. */
  proofOfPlay: (query: ProofOfPlayQuery) => call<ProofOfPlayReport>('GET', `/proof-of-play${queryString(query)}`),
  /** The same report as a download (a link: the browser saves it with the server's file name). */
  proofOfPlayExportUrl: (query: ProofOfPlayQuery, format: ProofOfPlayExportQuery['format']) =>
    `/api/v1/admin/proof-of-play/export${queryString({ ...query, format })}`,
  enrollmentCodes: () => call<EnrollmentCodeList>('GET', '/enrollment-codes'),
  createEnrollmentCode: (input: EnrollmentCodeInput) => call<EnrollmentCodeView>('POST', '/enrollment-codes', input),
  revokeEnrollmentCode: (code: string) => call<void>('POST', `/enrollment-codes/${encodeURIComponent(code)}/revoke`),
  deviceGroups: () => call<DeviceGroupList>('GET', '/device-groups'),
  createDeviceGroup: (orgId: number, name: string) => call<DeviceGroup>('POST', '/device-groups', { orgId, name }),
  setGroupMembers: (id: number, deviceIds: string[]) =>
    call<DeviceGroup>('PUT', `/device-groups/${id}/members`, { deviceIds }),
  settings: (scope: 'device' | 'group', id: string | number) =>
    call<SettingsView>('GET', `/settings/${scope}/${encodeURIComponent(String(id))}`),
  saveSettings: (scope: 'device' | 'group', id: string | number, settings: DeviceSettings) =>
    call<SettingsView>('PUT', `/settings/${scope}/${encodeURIComponent(String(id))}`, settings),
  sendCommand: (deviceId: string, kind: CommandKind) =>
    call<CommandView>('POST', `/devices/${encodeURIComponent(deviceId)}/commands`, { kind }),
  commands: (deviceId: string) => call<CommandList>('GET', `/devices/${encodeURIComponent(deviceId)}/commands`),
  screenshotUrl: (commandId: string) => `/api/v1/admin/commands/${encodeURIComponent(commandId)}/screenshot`,
  listMedia: (filter: { q?: string; kind?: string; category?: string; offset?: number; limit?: number }) =>
    call<MediaList>('GET', `/media${queryString(filter)}`),
  uploadMedia: (file: File, onProgress: (fraction: number) => void, category = '') =>
    uploadOnce<MediaItem>(`/media${queryString({ name: file.name, category })}`, file, onProgress),
  setMediaCategory: (id: number, category: string) => call<MediaItem>('PATCH', `/media/${id}`, { category }),
  deleteMedia: (id: number) => call<void>('DELETE', `/media/${id}`),
  orgTree: () => call<OrgTree>('GET', '/orgs'),
  createOrg: (input: OrgNodeInput) => call<OrgNode>('POST', '/orgs', input),
  updateOrg: (id: number, input: OrgNodeUpdate) => call<OrgNode>('PUT', `/orgs/${id}`, input),
  deleteOrg: (id: number) => call<void>('DELETE', `/orgs/${id}`),
  listUsers: (filter: { orgId?: number; q?: string; offset?: number; limit?: number }) =>
    call<UserList>('GET', `/users${queryString(filter)}`),
  createUser: (input: UserInput) => call<UserView>('POST', '/users', input),
  updateUser: (username: string, input: UserUpdate) =>
    call<UserView>('PATCH', `/users/${encodeURIComponent(username)}`, input),
  importSheet: (
    kind: 'orgs' | 'users' | 'indicator-reports',
    file: File,
    dryRun: boolean,
    onProgress: (fraction: number) => void,
  ) =>
    upload<SheetImportReport | IndicatorImportReport>(
      `/${kind}/import${queryString({ fileName: file.name, dryRun: String(dryRun) })}`,
      file,
      onProgress,
    ),
  audit: (filter: Record<string, string | number | undefined>) =>
    call<AuditPage>('GET', `/audit${queryString(filter)}`),
  auditExportUrl: (filter: Record<string, string | number | undefined>) =>
    `/api/v1/admin/audit/export${queryString({ ...filter, offset: undefined, limit: undefined })}`,
};
