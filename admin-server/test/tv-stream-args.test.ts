/** The HLS output's command lines: what each run's encoder and the segmenter are told, and what never goes in. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { slideLayout } from '../src/tv/slide-text';
import {
  AAC_FRAME,
  AUDIO_RATE,
  DEFAULT_FORMAT,
  LIVE_PROTOCOLS,
  SLIDE_FONT,
  assertPlainPath,
  audioSamples,
  encoderArgs,
  keyframeExpression,
  keyframeInterval,
  liveUrlAllowed,
  probeArgs,
  readProbe,
  segmenterArgs,
} from '../src/tv/stream-args';
import { FPS } from '../src/tv/stream-plan';

const run = { from: 1_796_506_491_320, to: 1_796_506_494_320 };
const valueAfter = (args: string[], option: string) => args[args.indexOf(option) + 1];

describe('segmenterArgs', () => {
  test('copies MPEG-TS from stdin keeping its timestamps, cuts at keyframes, lists segments as CSV on stdout', () => {
    const args = segmenterArgs('/srv/tv/tv-1', 42);
    assert.equal(valueAfter(args, '-i'), 'pipe:0');
    assert.ok(args.includes('-copyts'));
    assert.equal(valueAfter(args, '-c'), 'copy');
    // Nothing dropped or shifted, below zero either (a segmenter started in the minute before the wrap).
    assert.equal(valueAfter(args, '-segment_format_options'), 'mpegts_copyts=1:avoid_negative_ts=disabled');
    assert.equal(valueAfter(args, '-avoid_negative_ts'), 'disabled');
    assert.equal(valueAfter(args, '-copypriorss'), '1');
    assert.equal(valueAfter(args, '-segment_time_delta'), '100000');
    assert.equal(valueAfter(args, '-segment_start_number'), '42');
    assert.equal(valueAfter(args, '-segment_list'), 'pipe:1');
    assert.equal(valueAfter(args, '-segment_list_type'), 'csv');
    assert.deepEqual(
      args.filter((_, index) => args[index - 1] === '-map'),
      ['0:v:0', '0:a:0'],
    );
    assert.equal(args.at(-1), '/srv/tv/tv-1/seg-%d.ts');
  });

  test('an output folder with characters ffmpeg would read as syntax is refused', () => {
    for (const dir of ['relative/dir', '/tmp/a%d', '/tmp/a b', '/tmp/a:b', "/tmp/a'b", '/tmp/../etc'])
      assert.throws(() => segmenterArgs(dir, 0), /not usable/, dir);
    assert.equal(assertPlainPath('/tmp/linli-tv-Ab_1.x/text-3.txt'), '/tmp/linli-tv-Ab_1.x/text-3.txt');
  });
});

describe('encoderArgs', () => {
  const common = (args: string[]) => {
    assert.equal(valueAfter(args, '-c:v'), 'libx264');
    assert.equal(valueAfter(args, '-c:a'), 'aac');
    assert.equal(valueAfter(args, '-r'), String(FPS));
    assert.equal(valueAfter(args, '-bf'), '0');
    assert.equal(valueAfter(args, '-ar'), String(AUDIO_RATE));
    assert.equal(valueAfter(args, '-output_ts_offset'), '1796506491.320');
    assert.equal(valueAfter(args, '-t'), '3.000');
    assert.equal(valueAfter(args, '-f'), 'mpegts');
    assert.equal(args.at(-1), 'pipe:1');
    assert.match(valueAfter(args, '-filter_complex')!, /scale=1280:720|s=1280x720/);
  };

  test('a video is read as a local file only, from its offset, at the pace of the clock', () => {
    const args = encoderArgs(
      { kind: 'video', file: '/var/media/ab12', hasAudio: true, offsetMs: 4000 },
      run,
      DEFAULT_FORMAT,
    );
    common(args);
    assert.ok(args.indexOf('-re') < args.indexOf('-i'));
    assert.equal(valueAfter(args, '-protocol_whitelist'), 'file');
    assert.equal(valueAfter(args, '-ss'), '4.000');
    assert.equal(valueAfter(args, '-i'), 'file:/var/media/ab12');
    assert.match(valueAfter(args, '-filter_complex')!, /\[0:a:0\]aresample=48000/);
  });

  test('a video without sound gets silence; a video from its start is not sought', () => {
    const args = encoderArgs({ kind: 'video', file: '/m/x', hasAudio: false, offsetMs: 0 }, run, DEFAULT_FORMAT);
    assert.ok(!args.includes('-ss'));
    assert.match(valueAfter(args, '-filter_complex')!, /anullsrc=r=48000:cl=stereo/);
    assert.doesNotMatch(valueAfter(args, '-filter_complex')!, /0:a/);
  });

  test('a slide draws its text from files with the CJK font, expansion off; the text is not on the command line', () => {
    const notice = { title: "停水通知：%{localtime} \\ ' , ; [x]", body: '周六 -i http://evil/ 停水' };
    const layout = slideLayout({ kind: 'notice', ...notice, channel: { number: 8, name: '社区' } }, 1280, 720);
    const textFiles = layout.blocks.map((_, index) => `/tmp/linli-tv-x/text-${index}.txt`);
    const args = encoderArgs({ kind: 'slide', layout, textFiles }, run, DEFAULT_FORMAT);
    common(args);
    const joined = args.join(' ');
    for (const words of ['停水', 'evil', 'localtime', '社区']) assert.ok(!joined.includes(words), words);
    const graph = valueAfter(args, '-filter_complex')!;
    for (const file of textFiles) assert.ok(graph.includes(`textfile=${file}:expansion=none`));
    assert.equal(graph.split(`font='${SLIDE_FONT}'`).length - 1, layout.blocks.length);
    assert.match(graph, /loop=loop=-1:size=1:start=0,setpts=N\/25\/TB,realtime/);
    assert.ok(!args.includes('-i'), 'a slide reads no input');
  });

  test('an image is read once as a local file and held', () => {
    const args = encoderArgs({ kind: 'image', file: '/var/media/cd34' }, run, DEFAULT_FORMAT);
    assert.equal(valueAfter(args, '-protocol_whitelist'), 'file');
    assert.equal(valueAfter(args, '-i'), 'file:/var/media/cd34');
    assert.match(valueAfter(args, '-filter_complex')!, /loop=loop=-1:size=1/);
  });

  test('a live source is read as HLS over the web protocols only, with a timeout', () => {
    const url = 'https://live.example.cn/council/index.m3u8';
    const args = encoderArgs({ kind: 'live', url, hasAudio: true }, run, DEFAULT_FORMAT);
    assert.equal(valueAfter(args, '-protocol_whitelist'), LIVE_PROTOCOLS);
    assert.ok(!LIVE_PROTOCOLS.split(',').includes('file'));
    assert.equal(valueAfter(args, '-f'), 'hls');
    assert.equal(valueAfter(args, '-i'), url);
    assert.ok(args.includes('-rw_timeout'));
  });

  test('a live address that is not plain http(s) is refused', () => {
    for (const url of ['file:///etc/passwd', 'concat:a|b', 'https://a b', 'http://x\n-i', 'rtmp://x/y', 'HTTP://x'])
      assert.ok(!liveUrlAllowed(url), url);
    assert.throws(() => encoderArgs({ kind: 'live', url: 'file:///etc/passwd', hasAudio: false }, run, DEFAULT_FORMAT));
    assert.throws(() => probeArgs({ kind: 'live', url: 'subfile:x' }));
  });

  test('keyframes fall on the channel grid of segment lengths whatever the run start', () => {
    assert.equal(keyframeInterval(DEFAULT_FORMAT), 50);
    assert.equal(keyframeInterval({ ...DEFAULT_FORMAT, segmentSec: 1 }), 25);
    // 491.320 s is frame 12283 of the grid: 33 frames past a multiple of 50.
    assert.equal(keyframeExpression(run.from, 50), 'expr:eq(mod(n+33,50),0)');
    assert.equal(
      valueAfter(encoderArgs({ kind: 'image', file: '/m/i' }, run, DEFAULT_FORMAT), '-force_key_frames'),
      'expr:eq(mod(n+33,50),0)',
    );
  });

  test('audio stops a frame short, so it never overlaps the next run’s first (primed) frame', () => {
    assert.equal(audioSamples(3), (Math.floor((3 * 48_000) / 1024) - 1) * 1024);
    for (const seconds of [0.04, 0.5, 2, 2.04, 3.3, 60]) {
      const samples = audioSamples(seconds);
      assert.equal(samples % AAC_FRAME, 0);
      assert.ok(samples + AAC_FRAME <= seconds * AUDIO_RATE || samples === AAC_FRAME, String(seconds));
    }
  });
});

describe('probes', () => {
  test('files are probed as local files only, live sources as HLS over the web', () => {
    const file = probeArgs({ kind: 'file', file: '/var/media/ab' });
    assert.equal(valueAfter(file, '-protocol_whitelist'), 'file');
    assert.equal(valueAfter(file, '-i'), 'file:/var/media/ab');
    const live = probeArgs({ kind: 'live', url: 'http://10.0.0.5/live.m3u8' });
    assert.equal(valueAfter(live, '-protocol_whitelist'), LIVE_PROTOCOLS);
    assert.equal(valueAfter(live, '-f'), 'hls');
  });

  test("ffprobe's answer read: picture, sound and duration", () => {
    const json = JSON.stringify({
      streams: [{ codec_type: 'video' }, { codec_type: 'audio' }],
      format: { duration: '12.480000' },
    });
    assert.deepEqual(readProbe(json), { video: true, audio: true, durationSec: 12.48 });
    assert.deepEqual(readProbe('{"streams":[{"codec_type":"video"}],"format":{}}'), {
      video: true,
      audio: false,
      durationSec: undefined,
    });
    assert.deepEqual(readProbe('{}'), { video: false, audio: false, durationSec: undefined });
    assert.equal(readProbe('not json'), undefined);
    assert.equal(readProbe('null'), undefined);
  });
});
