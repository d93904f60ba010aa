/** Shows Simplified content in Traditional characters for residents who chose 繁體. */
import { Converter } from 'opencc-js/cn2t';
import type { DeviceNotice, Guide, Locale } from '@linli/protocol';

let converter: ((text: string) => string) | undefined;
/**
 * Traditional as residents read it ('tw' variants, characters only, no Taiwan phrasing): 審核,
 * 核實 and 裡面, where OpenCC's dictionary standard ('t') writes 審覈, 覈實 and 裏面, which few
 * readers use; and 戶口, where the Hong Kong variant keeps 户.
 * Made on the first Traditional screen, not at start: OpenCC files its phrases in a tree of maps
 * (about 40 MB), which a kiosk whose residents never choose 繁體 need not carry.
 */
function toTraditional(text: string): string {
  converter ??= Converter({ from: 'cn', to: 'tw' });
  return converter(text);
}

/** Converts every string in a value; ids and codes are ASCII and pass through unchanged. */
function convertDeep<T>(value: T): T {
  if (typeof value === 'string') return toTraditional(value) as T;
  if (Array.isArray(value)) return value.map(convertDeep) as T;
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, convertDeep(inner)])) as T;
  return value;
}

export function localizeGuide(guide: Guide, locale: Locale | undefined): Guide {
  return locale === 'zh-Hant'
    ? { ...convertDeep(guide), id: guide.id, category: guide.category, updatedAt: guide.updatedAt }
    : guide;
}

/** Title, body, issuer and file names; the kind, id, times and hashes are codes and pass through unchanged. */
export function localizeNotice(notice: DeviceNotice, locale: Locale | undefined): DeviceNotice {
  if (locale !== 'zh-Hant') return notice;
  return {
    ...notice,
    title: toTraditional(notice.title),
    body: toTraditional(notice.body),
    issuer: toTraditional(notice.issuer),
    attachments: notice.attachments.map((file) => ({ ...file, name: toTraditional(file.name) })),
  };
}

export function localizeText(text: string, locale: Locale | undefined): string {
  return locale === 'zh-Hant' ? toTraditional(text) : text;
}
