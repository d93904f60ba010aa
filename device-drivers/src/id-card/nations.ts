/** Nation (民族) codes on resident ID cards, GB 3304-1991; 97 and 98 are the two extra categories. */
const NATION_NAMES = [
  '汉',
  '蒙古',
  '回',
  '藏',
  '维吾尔',
  '苗',
  '彝',
  '壮',
  '布依',
  '朝鲜',
  '满',
  '侗',
  '瑶',
  '白',
  '土家',
  '哈尼',
  '哈萨克',
  '傣',
  '黎',
  '傈僳',
  '佤',
  '畲',
  '高山',
  '拉祜',
  '水',
  '东乡',
  '纳西',
  '景颇',
  '柯尔克孜',
  '土',
  '达斡尔',
  '仫佬',
  '羌',
  '布朗',
  '撒拉',
  '毛南',
  '仡佬',
  '锡伯',
  '阿昌',
  '普米',
  '塔吉克',
  '怒',
  '乌孜别克',
  '俄罗斯',
  '鄂温克',
  '德昂',
  '保安',
  '裕固',
  '京',
  '塔塔尔',
  '独龙',
  '鄂伦春',
  '赫哲',
  '门巴',
  '珞巴',
  '基诺',
];
const EXTRA: Record<string, string> = { '97': '其他', '98': '外国血统中国籍人士' };

/** The nation's name for a two-digit code, or undefined for a code the standard does not define. */
export function nationName(code: string): string | undefined {
  if (EXTRA[code]) return EXTRA[code];
  if (!/^\d\d$/.test(code)) return undefined;
  return NATION_NAMES[Number(code) - 1];
}

export function nationCode(name: string): string | undefined {
  const index = NATION_NAMES.indexOf(name);
  if (index >= 0) return String(index + 1).padStart(2, '0');
  return Object.entries(EXTRA).find(([, extra]) => extra === name)?.[0];
}
