/**
 * The organisation tree (city → district → street → community → grid) with its division codes,
 * and the roles people hold on it. Codes follow GB/T 2260 (6 digits) for the city and district,
 * the NBS statistical division code (12 digits) for streets and communities, and the unit-grid
 * code (15 digits: district 6 + street 3 + community 3 + grid 3) for grids.
 */
import Type from 'typebox';

export const ORG_LEVELS = ['city', 'district', 'street', 'community', 'grid'] as const;
export const OrgLevel = Type.Enum(ORG_LEVELS);
export type OrgLevel = (typeof ORG_LEVELS)[number];

/** The level of a node created under a parent of `level`; undefined below a grid. */
export function childLevel(level: OrgLevel): OrgLevel | undefined {
  return ORG_LEVELS[ORG_LEVELS.indexOf(level) + 1];
}

/** The rule a division code breaks; `value` is the digits count or the prefix it must start with. */
export type OrgCodeProblem =
  { rule: 'digits' | 'prefix'; value: string } | { rule: 'city-00' | 'district-00' | 'street-000' | 'part-000' };

/** The rules in English, for API error messages (the admin UI words them per language). */
export function describeOrgCodeProblem(problem: OrgCodeProblem): string {
  switch (problem.rule) {
    case 'digits':
      return `must be ${problem.value} digits`;
    case 'prefix':
      return `must start with ${problem.value}, taken from the parent's code`;
    case 'city-00':
      return 'a city code (GB/T 2260) ends in 00';
    case 'district-00':
      return 'a district code (GB/T 2260) does not end in 00';
    case 'street-000':
      return 'a street code ends in 000 (9 digits for the street, then 000)';
    case 'part-000':
      return 'the last 3 digits (the node itself) must not be 000';
  }
}

/**
 * Why `code` cannot be the code of a node at `level` under a parent with `parentCode`, or
 * undefined when it can. Checks shape and prefix only: division codes change every year, so
 * whether a code exists is the office's knowledge, not a table shipped with the software.
 */
export function orgCodeProblem(
  level: OrgLevel,
  code: string,
  parentCode: string | undefined,
): OrgCodeProblem | undefined {
  const digits = { city: 6, district: 6, street: 12, community: 12, grid: 15 }[level];
  if (!new RegExp(`^\\d{${digits}}$`).test(code)) return { rule: 'digits', value: String(digits) };
  // The part of the parent's code a child repeats: city 4, district 6, street 9, community 12.
  const inherited = { city: 0, district: 4, street: 6, community: 9, grid: 12 }[level];
  const prefix = (parentCode ?? '').slice(0, inherited);
  if (parentCode && !code.startsWith(prefix)) return { rule: 'prefix', value: prefix };
  switch (level) {
    case 'city':
      return code.endsWith('00') ? undefined : { rule: 'city-00' };
    case 'district':
      return code.endsWith('00') ? { rule: 'district-00' } : undefined;
    case 'street':
      if (code.slice(6, 9) === '000') return { rule: 'part-000' };
      return code.endsWith('000') ? undefined : { rule: 'street-000' };
    case 'community':
    case 'grid':
      return code.endsWith('000') ? { rule: 'part-000' } : undefined;
  }
}

export const OrgNode = Type.Object({
  id: Type.Integer(),
  parentId: Type.Union([Type.Integer(), Type.Null()]),
  level: OrgLevel,
  name: Type.String(),
  code: Type.String(),
});
export type OrgNode = Type.Static<typeof OrgNode>;

export const OrgNodeInput = Type.Object(
  {
    parentId: Type.Integer({
      minimum: 1,
      description: 'The node this one sits under; its level follows from the parent',
    }),
    name: Type.String({ minLength: 1, maxLength: 60 }),
    code: Type.String({
      minLength: 6,
      maxLength: 15,
      description: 'GB/T 2260 / statistical / grid code for the level',
    }),
  },
  { additionalProperties: false },
);
export type OrgNodeInput = Type.Static<typeof OrgNodeInput>;

export const OrgNodeUpdate = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 60 }), code: Type.String({ minLength: 6, maxLength: 15 }) },
  { additionalProperties: false },
);
export type OrgNodeUpdate = Type.Static<typeof OrgNodeUpdate>;

export const OrgTree = Type.Object({
  nodes: Type.Array(OrgNode, {
    description: "The signed-in user's subtree and its ancestors, parents before children",
  }),
  rootId: Type.Integer({ description: 'The top of what the user may manage' }),
});
export type OrgTree = Type.Static<typeof OrgTree>;

// ---- roles and permissions -------------------------------------------------------------------

export const ROLES = [
  'system-admin',
  'street-admin',
  'community-operator',
  'query-clerk',
  'department-handler',
  'auditor',
  'hall-clerk',
] as const;
export const Role = Type.Enum(ROLES);
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  'org.manage',
  'user.manage',
  'content.view',
  'content.edit',
  'content.review',
  'device.manage',
  /** Which peripherals a kiosk drives and where they are: pushed by system administrators only. */
  'device.peripherals',
  'device.view',
  /** Uploading app releases and rolling them out to the fleet, pausing and withdrawing them. System administrators only. */
  'device.releases',
  'audit.view',
  /** Which utilities answer bill queries (计费机构): their addresses and secrets. System administrators only. */
  'bill.providers',
  /** Serving residents at a clerk desk (兼职查询员 on a community PC): bills, forms, the 咨询台账. */
  'desk.serve',
  /** Seeing residents' cases (诉求) taken at or dispatched into one's subtree, contact data masked. */
  'case.view',
  /** Taking cases and running them at the intake side: 受理, 派单, 审核, 回访, 办结. */
  'case.intake',
  /** Handling what was dispatched to one's node: 签收, 办理, 答复, 退单, 延期申请. */
  'case.handle',
  /** 督办, deciding extensions, reopening closed cases. */
  'case.supervise',
  /** Issuing and revoking the Open311 API keys apps and the city platform post cases with. */
  'open311.keys',
  /** The working-day calendar case deadlines count in (holidays, 调休). System administrators only. */
  'case.rules',
  /** Serving at a hall's window (窗口): calling, recalling, transferring and finishing queue tickets. */
  'queue.serve',
  /** A hall's queue set-up: businesses, windows, opening hours, the priority and reset rules. */
  'queue.manage',
  /** Reading the statistics of one's subtree: service usage from the kiosks and desks (使用统计), the reported figures. */
  'stats.view',
  /** Reporting one's node's figures (数据填报): by form or spreadsheet, submitted for review. */
  'stats.report',
  /** Approving or returning the figures of the nodes below one's own (审核). */
  'stats.review',
  /** The indicator catalogue (指标体系): the district's system administrators. */
  'stats.indicators',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** What each role may do; the scope (which subtree) comes from the user's node. */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  'system-admin': PERMISSIONS,
  'street-admin': [
    'org.manage',
    'user.manage',
    'content.view',
    'content.edit',
    'content.review',
    'device.manage',
    'device.view',
    'audit.view',
    'desk.serve',
    'case.view',
    'case.intake',
    'case.handle',
    'case.supervise',
    'open311.keys',
    'queue.serve',
    'queue.manage',
    'stats.view',
    'stats.report',
    'stats.review',
  ],
  'community-operator': [
    'user.manage',
    'content.view',
    'content.edit',
    'content.review',
    'device.manage',
    'device.view',
    'desk.serve',
    'case.view',
    'case.intake',
    'case.handle',
    'queue.serve',
    'queue.manage',
    'stats.view',
    'stats.report',
  ],
  'query-clerk': ['content.view', 'device.view', 'desk.serve', 'case.view', 'case.intake', 'case.handle'],
  'department-handler': ['content.view', 'case.view', 'case.handle'],
  auditor: ['content.view', 'device.view', 'audit.view', 'case.view', 'stats.view'],
  /** Staff at a service hall's windows (窗口工作人员): the queue and the cases residents bring. */
  'hall-clerk': ['content.view', 'queue.serve', 'case.view', 'case.intake'],
};

/** Roles a user of `role` may hand out (always within their own subtree). */
export const ASSIGNABLE_ROLES: Record<Role, readonly Role[]> = {
  'system-admin': ROLES,
  'street-admin': ['street-admin', 'community-operator', 'query-clerk', 'department-handler', 'auditor', 'hall-clerk'],
  'community-operator': ['query-clerk', 'hall-clerk'],
  'query-clerk': [],
  'department-handler': [],
  auditor: [],
  'hall-clerk': [],
};

/** The org levels a role may be placed at. */
export const ROLE_LEVELS: Record<Role, readonly OrgLevel[]> = {
  'system-admin': ['city', 'district'],
  'street-admin': ['district', 'street'],
  'community-operator': ['community'],
  'query-clerk': ['community', 'grid'],
  'department-handler': ['city', 'district', 'street'],
  auditor: ['city', 'district', 'street'],
  'hall-clerk': ['street', 'community'],
};

/** Role names as offices write them, also accepted in import sheets. */
export const ROLE_NAMES: Record<'zh-Hans' | 'zh-Hant' | 'en', Record<Role, string>> = {
  'zh-Hans': {
    'system-admin': '系统管理员',
    'street-admin': '街道管理员',
    'community-operator': '社区操作员',
    'query-clerk': '兼职查询员',
    'department-handler': '部门承办人',
    auditor: '审计员',
    'hall-clerk': '窗口工作人员',
  },
  'zh-Hant': {
    'system-admin': '系統管理員',
    'street-admin': '街道管理員',
    'community-operator': '社區操作員',
    'query-clerk': '兼職查詢員',
    'department-handler': '部門承辦人',
    auditor: '審計員',
    'hall-clerk': '窗口工作人員',
  },
  en: {
    'system-admin': 'System administrator',
    'street-admin': 'Street administrator',
    'community-operator': 'Community operator',
    'query-clerk': 'Part-time query clerk',
    'department-handler': 'Department handler',
    auditor: 'Auditor',
    'hall-clerk': 'Service hall clerk',
  },
};

export const ORG_LEVEL_NAMES: Record<'zh-Hans' | 'zh-Hant' | 'en', Record<OrgLevel, string>> = {
  'zh-Hans': { city: '市', district: '区', street: '街道', community: '社区', grid: '网格' },
  'zh-Hant': { city: '市', district: '區', street: '街道', community: '社區', grid: '網格' },
  en: { city: 'City', district: 'District', street: 'Street', community: 'Community', grid: 'Grid' },
};

export function can(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

// ---- users and sessions ----------------------------------------------------------------------

export const USERNAME_PATTERN = '^[a-z][a-z0-9._-]{2,31}$';
export const PASSWORD_MIN_LENGTH = 10;

export type PasswordRule = 'length' | 'letters-digits' | 'username';

/** The password rules in English, for API error messages (the admin UI words them per language). */
export const PASSWORD_RULES: Record<PasswordRule, string> = {
  length: `must have at least ${PASSWORD_MIN_LENGTH} characters`,
  'letters-digits': 'must contain letters and digits',
  username: 'must not contain the user name',
};

/**
 * The rule a password breaks, or undefined: at least 10 characters with letters and digits, and
 * not the user name, so a guessed pair of name and password does not open an office's account.
 */
export function passwordProblem(password: string, username: string): PasswordRule | undefined {
  if (password.length < PASSWORD_MIN_LENGTH) return 'length';
  if (!/[A-Za-z]/.test(password) || !/\d/.test(password)) return 'letters-digits';
  if (username && password.toLowerCase().includes(username.toLowerCase())) return 'username';
  return undefined;
}

export const UserView = Type.Object({
  username: Type.String(),
  displayName: Type.String(),
  role: Role,
  orgId: Type.Integer(),
  disabled: Type.Boolean(),
  lockedUntil: Type.Union([Type.String(), Type.Null()]),
  totpEnabled: Type.Boolean(),
  mustChangePassword: Type.Boolean({
    description: 'The password is one an administrator set; the user has not yet set their own',
  }),
  createdAt: Type.String(),
  lastSignInAt: Type.Union([Type.String(), Type.Null()]),
});
export type UserView = Type.Static<typeof UserView>;

export const UserInput = Type.Object(
  {
    username: Type.String({
      pattern: USERNAME_PATTERN,
      description: 'Lower-case letters, digits, . _ -; 3–32 characters, starting with a letter',
    }),
    displayName: Type.String({ minLength: 1, maxLength: 40 }),
    role: Role,
    orgId: Type.Integer({ minimum: 1 }),
    password: Type.String({ minLength: 1, maxLength: 200 }),
    mustChangePassword: Type.Optional(
      Type.Boolean({ default: true, description: 'The user must set their own password at first sign-in (default)' }),
    ),
  },
  { additionalProperties: false },
);
export type UserInput = Type.Static<typeof UserInput>;

export const UserUpdate = Type.Object(
  {
    displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
    role: Type.Optional(Role),
    orgId: Type.Optional(Type.Integer({ minimum: 1 })),
    disabled: Type.Optional(Type.Boolean()),
    password: Type.Optional(
      Type.String({ minLength: 1, maxLength: 200, description: 'A new password set by an administrator' }),
    ),
    mustChangePassword: Type.Optional(
      Type.Boolean({
        description: 'With `password`: the user must set their own at next sign-in (default true)',
      }),
    ),
    unlock: Type.Optional(Type.Boolean({ description: 'Clears a lockout after failed sign-ins' })),
  },
  { additionalProperties: false },
);
export type UserUpdate = Type.Static<typeof UserUpdate>;

export const UserList = Type.Object({ users: Type.Array(UserView), total: Type.Integer() });
export type UserList = Type.Static<typeof UserList>;

export const UserListQuery = Type.Object({
  orgId: Type.Optional(Type.Integer({ minimum: 1, description: 'Users of this node and below' })),
  q: Type.Optional(Type.String({ maxLength: 40 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
});
export type UserListQuery = Type.Static<typeof UserListQuery>;

export const PasswordChange = Type.Object(
  {
    currentPassword: Type.String({ minLength: 1, maxLength: 200 }),
    newPassword: Type.String({ minLength: 1, maxLength: 200 }),
  },
  { additionalProperties: false },
);
export type PasswordChange = Type.Static<typeof PasswordChange>;

/** Starting two-step sign-in asks for the password again, like turning it off. */
export const TotpStart = Type.Object(
  { currentPassword: Type.String({ minLength: 1, maxLength: 200 }) },
  { additionalProperties: false },
);
export type TotpStart = Type.Static<typeof TotpStart>;

export const TotpSetup = Type.Object({
  secret: Type.String(),
  uri: Type.String({ description: 'otpauth:// URI for an authenticator app' }),
  qrSvg: Type.String(),
});
export type TotpSetup = Type.Static<typeof TotpSetup>;
export const TotpConfirm = Type.Object({ code: Type.String({ pattern: '^\\d{6}$' }) }, { additionalProperties: false });
export type TotpConfirm = Type.Static<typeof TotpConfirm>;

/** Sent as `X-CSRF-Token` with every admin request that changes something. */
export const CSRF_HEADER = 'x-csrf-token';

// ---- audit ----------------------------------------------------------------------------------

export const AUDIT_OUTCOMES = ['ok', 'denied', 'failed'] as const;
export const AuditEntry = Type.Object({
  id: Type.Integer(),
  at: Type.String(),
  actor: Type.String({ description: 'User name, or device:<id>, or - when nobody signed in' }),
  action: Type.String({ description: 'e.g. user.create, org.update, session.sign-in' }),
  targetType: Type.String(),
  targetId: Type.String(),
  orgId: Type.Union([Type.Integer(), Type.Null()]),
  from: Type.String({ description: "The caller's address" }),
  outcome: Type.Enum(AUDIT_OUTCOMES),
  before: Type.Union([Type.Unknown(), Type.Null()]),
  after: Type.Union([Type.Unknown(), Type.Null()]),
});
export type AuditEntry = Type.Static<typeof AuditEntry>;

/**
 * What an audit entry is about, as the trail is filtered: one kind of record (a device covers its
 * groups, settings and enrollment codes), and sign-ins apart from the other changes to users.
 */
export const AUDIT_SUBJECTS = ['case', 'guide', 'form', 'notice', 'media', 'user', 'org', 'device', 'sign-in'] as const;
export type AuditSubject = (typeof AUDIT_SUBJECTS)[number];

export const AuditQuery = Type.Object({
  actor: Type.Optional(Type.String({ maxLength: 64 })),
  subject: Type.Optional(
    Type.Enum(AUDIT_SUBJECTS, { description: 'What the entries are about; sign-in: sign-ins and failed ones' }),
  ),
  action: Type.Optional(Type.String({ maxLength: 64, description: 'An action, or a prefix ending in a dot (user.)' })),
  outcome: Type.Optional(Type.Enum(AUDIT_OUTCOMES)),
  orgId: Type.Optional(Type.Integer({ minimum: 1 })),
  since: Type.Optional(Type.String({ format: 'date-time' })),
  until: Type.Optional(Type.String({ format: 'date-time' })),
  offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
});
export type AuditQuery = Type.Static<typeof AuditQuery>;

export const AuditPage = Type.Object({ entries: Type.Array(AuditEntry), total: Type.Integer() });
export type AuditPage = Type.Static<typeof AuditPage>;

// ---- spreadsheet import ----------------------------------------------------------------------

export const SheetImportQuery = Type.Object({
  fileName: Type.String({ minLength: 1, maxLength: 200 }),
  dryRun: Type.Optional(Type.Boolean({ default: true, description: 'Check every row and report, writing nothing' })),
});
export type SheetImportQuery = Type.Static<typeof SheetImportQuery>;

export const SheetImportReport = Type.Object({
  dryRun: Type.Boolean(),
  rows: Type.Integer({ description: 'Data rows read (the header row not counted)' }),
  created: Type.Integer(),
  updated: Type.Integer(),
  unchanged: Type.Integer(),
});
export type SheetImportReport = Type.Static<typeof SheetImportReport>;
