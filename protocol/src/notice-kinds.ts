/** The two kinds of notice and their names on screens (plain values: the player page carries no schemas). */
export const NOTICE_KINDS = ['announcement', 'open-government'] as const;

export const NOTICE_KIND_NAMES: Record<'zh-Hans' | 'zh-Hant' | 'en', Record<(typeof NOTICE_KINDS)[number], string>> = {
  'zh-Hans': { announcement: '通知公告', 'open-government': '政府信息公开' },
  'zh-Hant': { announcement: '通知公告', 'open-government': '政府資訊公開' },
  en: { announcement: 'Announcement', 'open-government': 'Government information' },
};
