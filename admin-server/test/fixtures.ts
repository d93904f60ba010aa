/** Small, realistic guides for tests. */
import type { GuideInput } from '@linli/protocol';

export function guideInput(overrides: Partial<GuideInput> = {}): GuideInput {
  return {
    id: 'shebao-card-loss',
    category: 'social-security',
    title: '社会保障卡挂失',
    summary: '社会保障卡遗失或被盗后，可申请正式挂失，挂失后卡片停止使用。',
    audience: '本市社会保障卡持卡人',
    materials: [{ name: '本人有效居民身份证', copies: '原件1份', required: true }],
    steps: [
      { title: '提出申请', detail: '到街道便民服务中心社保窗口提出挂失申请' },
      { title: '确认挂失', detail: '窗口核验身份后办理正式挂失' },
    ],
    office: {
      name: '安和街道便民服务中心',
      address: '临江市安和区安和路88号',
      hours: '周一至周五 9:00-17:00',
      phone: '0571-86000001',
    },
    fees: '不收费',
    timeLimit: '即时办结',
    legalBasis: ['《中华人民共和国社会保险法》'],
    forms: [{ name: '社会保障卡挂失申请表', code: 'SB-03' }],
    keywords: ['社保卡', '挂失', '丢失'],
    aliases: ['社保', '社保卡丢了'],
    published: true,
    ...overrides,
  };
}
