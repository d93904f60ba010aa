/** TV slides' text: widths counted with CJK as full width, lines broken by the rules, layouts inside the picture. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { LINE_PITCH, charUnits, cleanText, slideLayout, textUnits, wrapText } from '../src/tv/slide-text';

const channel = { number: 8, name: '安和社区频道' };

describe('widths', () => {
  test('Han, kana, Hangul, full-width forms and CJK punctuation are full width; Latin and digits half', () => {
    for (const char of ['中', '〇', 'あ', '한', 'Ａ', '，', '。', '（', '𠀀']) assert.equal(charUnits(char), 2, char);
    for (const char of ['a', 'Z', '7', ' ', '-', ',', 'é']) assert.equal(charUnits(char), 1, char);
    assert.equal(textUnits('社区A1'), 6);
  });
});

describe('cleanText', () => {
  test('line breaks become \\n, tabs spaces; control and bidi characters go; blank runs shrink', () => {
    assert.equal(cleanText('一\r\n二\r三\t四\u0007\u202e五\n\n\n\n六  '), '一\n二\n三 四五\n\n六');
  });
});

describe('wrapText', () => {
  test('Chinese breaks between characters at the width', () => {
    assert.deepEqual(wrapText('社区服务中心办理居住证', 8, 5), ['社区服务', '中心办理', '居住证']);
  });

  test('closing punctuation never starts a line: it hangs at the end of the line before', () => {
    const lines = wrapText('请居民提前储水。谢谢配合', 8, 5);
    assert.deepEqual(lines, ['请居民提', '前储水。', '谢谢配合']);
    const hanging = wrapText('请居民储水，谢谢', 10, 5);
    assert.equal(hanging[0], '请居民储水，');
    for (const line of hanging) assert.ok(!/^[，。、；：？！）》」]/.test(line), line);
  });

  test('an opening bracket never ends a line: it moves to the next with what it opens', () => {
    const lines = wrapText('办理地点（社区服务中心）', 10, 5);
    for (const line of lines) assert.ok(!/[（《「]$/.test(line), line);
    assert.ok(lines.some((line) => line.startsWith('（')));
  });

  test('Latin words break at spaces; a word longer than a line is cut', () => {
    assert.deepEqual(wrapText('Water supply will stop', 12, 5), ['Water supply', 'will stop']);
    assert.deepEqual(wrapText('abcdefghijklmnop', 6, 5), ['abcdef', 'ghijkl', 'mnop']);
    assert.deepEqual(wrapText('电话 0571-88886666 咨询', 12, 5), ['电话', '0571-8888666', '6 咨询']);
  });

  test('no line is wider than asked (save one hanging punctuation mark)', () => {
    const text =
      '因市政供水管道维修改造，本周六（12月6日）上午8:00至下午17:00，安和小区1-12栋将暂停供水。Water supply stops.';
    for (const width of [6, 9, 14, 20, 31])
      for (const line of wrapText(text, width, 100)) {
        const hang = /[，。、；：？！）》」,.;:?!)]$/.test(line) ? 2 : 0;
        assert.ok(textUnits(line) <= width + hang, `${width}: ${line}`);
      }
  });

  test('paragraphs and one blank line between them stay', () => {
    assert.deepEqual(wrapText('第一段\n\n第二段', 20, 5), ['第一段', '', '第二段']);
  });

  test('text past the lines allowed ends in an ellipsis within the width', () => {
    const lines = wrapText('一二三四五六七八九十甲乙丙丁', 8, 2);
    assert.deepEqual(lines, ['一二三四', '五六七…']);
    assert.deepEqual(wrapText('短', 8, 0), []);
    assert.deepEqual(wrapText('', 8, 3), ['']);
  });
});

describe('slideLayout', () => {
  const sizes: [number, number][] = [
    [1280, 720],
    [1920, 1080],
    [320, 180],
  ];
  const long = '因市政供水管道维修改造，本周六上午八点至下午五点暂停供水，请各位居民提前做好储水准备。'.repeat(8);

  test('every block lies inside the picture, its lines within the margins', () => {
    const contents = [
      { kind: 'ident', number: 108, name: '安和社区频道' },
      { kind: 'card', text: long, channel },
      { kind: 'notice', title: `关于停水的通知${long}`, body: long, channel },
      { kind: 'guide', spotlight: { title: '居住证办理', lines: Array(8).fill(long.slice(0, 60)) }, channel },
    ] as const;
    for (const [width, height] of sizes)
      for (const content of contents) {
        const layout = slideLayout(content, width, height);
        for (const block of layout.blocks) {
          const bottom = block.y + block.lines.length * block.fontSize * LINE_PITCH;
          assert.ok(block.y >= 0 && bottom <= height, `${content.kind} ${width}x${height}: ${block.y}..${bottom}`);
          const left = block.x === 'center' ? 0 : block.x;
          for (const line of block.lines)
            assert.ok(left + (textUnits(line) - 2) * (block.fontSize / 2) <= width, `${content.kind}: ${line}`);
        }
      }
  });

  test('a notice shows its title, then its body, then the channel', () => {
    const layout = slideLayout({ kind: 'notice', title: '停水通知', body: '周六停水', channel }, 1280, 720);
    assert.deepEqual(
      layout.blocks.map((block) => block.lines),
      [['停水通知'], ['周六停水'], ['8 安和社区频道']],
    );
    const [title, body] = layout.blocks;
    assert.ok(title!.fontSize > body!.fontSize && body!.y > title!.y);
  });

  test('a guide lists its lines as bullets; the ident is the number over the name, centred', () => {
    const guide = slideLayout(
      { kind: 'guide', spotlight: { title: '居住证办理', lines: ['带身份证', '一楼3号窗口'] }, channel },
      1280,
      720,
    );
    assert.deepEqual(guide.blocks[1]!.lines, ['· 带身份证', '· 一楼3号窗口']);
    const ident = slideLayout({ kind: 'ident', number: 8, name: '安和社区频道' }, 1280, 720);
    assert.deepEqual(
      ident.blocks.map((block) => [block.lines, block.x]),
      [
        [['8'], 'center'],
        [['安和社区频道'], 'center'],
      ],
    );
    assert.notEqual(ident.background, guide.background);
  });
});
