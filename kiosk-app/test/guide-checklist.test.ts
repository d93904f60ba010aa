/** 打印材料清单 on paper: what the printer receives, read back through the ESC/POS decoder. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { layoutReceipt } from '@linli/device-drivers/receipt-printer/receipt-layout';
import { createEscPosDecoder, printedText } from '../../device-drivers/src/receipt-printer/escpos-decoder';
import { checklistReceipt, guideLink } from '../host/catalog/guide-checklist';
import { localizeGuide } from '../host/catalog/traditional';
import { guide } from './fixtures';

function printed(receipt: ReturnType<typeof checklistReceipt>) {
  const decoder = createEscPosDecoder();
  const events = [...decoder.push(layoutReceipt(receipt, { paperWidthMm: 58 }).bytes), ...decoder.end()];
  // Lines wrap at the paper's width: read the slip as one line.
  const text = printedText(events).replace(/\s+/g, ' ');
  return { text, qr: events.find((event) => event.type === 'qr') };
}

test('the slip lists every material with whether it is needed, then where, when and whom to ask, and a QR code to the guide', () => {
  const sample = {
    ...guide('jzz-shenling', '居住证申领'),
    materials: [
      { name: '本人有效居民身份证', copies: '原件1份', required: true },
      { name: '居住登记满半年的证明', required: false },
    ],
    office: {
      name: '和平社区居委会',
      address: '临江市安和区和平路120号',
      hours: '周一至周五 8:30-17:30',
      phone: '0710-86231201',
    },
  };
  const link = guideLink('https://linli.example.gov.cn/', sample.id);
  assert.equal(link, 'https://linli.example.gov.cn/guides/jzz-shenling');
  const { text, qr } = printed(checklistReceipt(sample, 'zh-Hans', link));
  assert.match(text, /居住证申领/);
  assert.match(text, /1\. 本人有效居民身份证 · 原件1份 · 必需/);
  assert.match(text, /2\. 居住登记满半年的证明 · 如有/);
  assert.match(text, /咨询电话 0710-86231201/);
  assert.match(text, /手机扫码查看完整办事指南/);
  assert.deepEqual(qr && qr.type === 'qr' && qr.data, link);
});

test('in 繁體 the guide and the labels are Traditional; in English the labels are English', () => {
  const sample = guide('jzz-shenling', '居住证申领');
  const traditional = printed(checklistReceipt(localizeGuide(sample, 'zh-Hant'), 'zh-Hant', 'https://x/guides/a')).text;
  assert.match(traditional, /居住證申領/);
  assert.match(traditional, /辦理地點/);
  assert.match(printed(checklistReceipt(sample, 'en', 'https://x/guides/a')).text, /Office/);
});
