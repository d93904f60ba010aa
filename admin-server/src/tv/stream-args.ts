/**
 * The ffmpeg and ffprobe command lines of a channel's HLS output (pure).
 *
 * - One segmenter per channel reads MPEG-TS on its standard input and cuts it into segments at
 *   every keyframe, copying (never re-encoding); it reports each finished segment as a CSV line
 *   (file, start, end) on its standard output. It keeps the timestamps it is given (-copyts, and
 *   the segments' muxer adds no delay of its own), so they are the encoders' channel timeline.
 * - One encoder per run writes that run as MPEG-TS to its standard output, paced by the clock
 *   (-re, or the realtime filter for pictures made in the graph): H.264 with keyframes on the
 *   channel's grid of segment lengths and no B-frames (so a segment is one GOP, and decode and
 *   presentation order are the same), AAC at 48 kHz in stereo, stamped with the wall clock.
 *
 * Nothing from outside goes into a command line: media files come as paths our content resolver
 * gives (read as `file:` with only the file protocol allowed), a live source is an http(s) URL the
 * schema checked (read as HLS with only the web protocols allowed), and slide text is in files in
 * a private folder that drawtext reads (`textfile=`), with expansion off.
 */
import path from 'node:path';
import { LINE_SPACING, type SlideLayout } from './slide-text';
import { FPS, FRAME_MS, runSeconds, tsOffsetArg, type PlannedRun } from './stream-plan';

export interface OutputFormat {
  width: number;
  height: number;
  /** The target segment length; keyframes come this often. */
  segmentSec: number;
}

export const DEFAULT_FORMAT: OutputFormat = { width: 1280, height: 720, segmentSec: 2 };

/** The segments' names: `seg-<media sequence number>.ts`. */
export const SEGMENT_PATTERN = 'seg-%d.ts';
export const AUDIO_RATE = 48_000;
/** AAC's frame: the encoder also puts one frame of priming before the first sample. */
export const AAC_FRAME = 1024;
/** The font drawtext asks fontconfig for: Noto Sans CJK's Simplified Chinese face. */
export const SLIDE_FONT = 'Noto Sans CJK SC';
/** What a live source may be read over (HLS playlists, segments and their keys). */
export const LIVE_PROTOCOLS = 'http,https,tls,tcp,crypto';
/** A live source that sends nothing for this long has failed (microseconds, as ffmpeg takes it). */
export const LIVE_TIMEOUT_US = 10_000_000;

/** What a run's encoder reads. */
export type EncodeInput =
  | { kind: 'video'; file: string; hasAudio: boolean; offsetMs: number }
  | { kind: 'image'; file: string }
  | { kind: 'slide'; layout: SlideLayout; textFiles: string[] }
  | { kind: 'live'; url: string; hasAudio: boolean };

/** Paths that go into a filter graph or an output pattern: plain characters only, or refused. */
export function assertPlainPath(file: string): string {
  if (!/^\/[A-Za-z0-9._/-]+$/.test(file) || file.includes('..'))
    throw new Error(`path not usable in an ffmpeg graph: ${JSON.stringify(file)}`);
  return file;
}

/** A live source's address, as the schema allows it: http(s), no spaces or control characters. */
export function liveUrlAllowed(url: string): boolean {
  return /^https?:\/\/[^\s\u0000-\u001f\u007f]+$/.test(url) && url.length <= 2000;
}

const BASE = ['-hide_banner', '-nostats', '-nostdin', '-loglevel', 'error'];

/** The segmenter: MPEG-TS on stdin → `seg-<n>.ts` in `outDir` from `firstSequence`, CSV lines on stdout. */
export function segmenterArgs(outDir: string, firstSequence: number): string[] {
  return [
    '-hide_banner',
    '-nostats',
    '-loglevel',
    'error',
    // Find both streams in the first half second; the rest waits for nothing.
    '-probesize',
    '1000000',
    '-analyzeduration',
    '500000',
    '-copyts',
    '-f',
    'mpegts',
    '-i',
    'pipe:0',
    // Both streams by name: one missing from the probe fails loudly (and restarts) instead of going silent.
    '-map',
    '0:v:0',
    '-map',
    '0:a:0',
    '-c',
    'copy',
    // Timestamps as they come, also below zero: ffmpeg reads those of a segmenter started in the
    // last minute before the 33-bit wrap as negative (and those after it as going on from there);
    // nothing may be dropped or shifted for that, here or in the segments' muxer.
    '-copypriorss',
    '1',
    '-avoid_negative_ts',
    'disabled',
    '-f',
    'segment',
    '-segment_format',
    'mpegts',
    '-segment_format_options',
    'mpegts_copyts=1:avoid_negative_ts=disabled',
    // Cut at every keyframe (the encoders put them on the channel's grid), whatever the timestamp's
    // sign: the muxer cuts at a keyframe from segment_time × n - delta on.
    '-segment_time',
    '0.001',
    '-segment_time_delta',
    '100000',
    '-segment_start_number',
    String(firstSequence),
    '-segment_list',
    'pipe:1',
    '-segment_list_type',
    'csv',
    path.join(assertPlainPath(outDir), SEGMENT_PATTERN),
  ];
}

/** Audio samples a run carries: whole AAC frames that, with the priming frame, end before the next run's. */
export function audioSamples(seconds: number): number {
  return Math.max(AAC_FRAME, (Math.floor((seconds * AUDIO_RATE) / AAC_FRAME) - 1) * AAC_FRAME);
}

/** A bit rate cap for the picture size: 0.1 bit per pixel at 25 fps (about 2.3 Mbit/s at 720p). */
export function videoMaxKbps(format: OutputFormat): number {
  return Math.round((format.width * format.height * FPS * 0.1) / 1000);
}

/** Frames between keyframes: one segment. */
export function keyframeInterval(format: OutputFormat): number {
  return Math.max(1, Math.round(format.segmentSec * FPS));
}

/**
 * Keyframes on the channel's grid: at every multiple of the segment length on the wall clock (and
 * on each run's first frame, as always), so segments are whole segment lengths wherever items
 * begin and end on it, and the same whichever process made them.
 */
export function keyframeExpression(from: number, gop: number): string {
  const phase = Math.round(from / FRAME_MS) % gop;
  return `expr:eq(mod(n+${phase},${gop}),0)`;
}

/** Fit a picture inside the output, centred on black, at 25 fps. */
function fitFilter(format: OutputFormat): string {
  const { width: w, height: h } = format;
  return (
    `scale=${w}:${h}:force_original_aspect_ratio=decrease:force_divisible_by=2,` +
    `pad=${w}:${h}:(ow-iw)/2:(oh-ih)/2:color=black,setsar=1,format=yuv420p`
  );
}

/** One still frame repeated at 25 fps, paced by the clock. */
const HOLD_FRAME = `loop=loop=-1:size=1:start=0,setpts=N/${FPS}/TB,realtime`;

function drawtextFilter(layout: SlideLayout, textFiles: string[]): string {
  return layout.blocks
    .map((block, index) => {
      const x = block.x === 'center' ? '(w-text_w)/2' : String(block.x);
      const file = assertPlainPath(textFiles[index]!);
      return (
        `drawtext=font='${SLIDE_FONT}':textfile=${file}:expansion=none:fontsize=${block.fontSize}:` +
        `fontcolor=${block.color}:x=${x}:y=${block.y}:line_spacing=${Math.round(block.fontSize * LINE_SPACING)}`
      );
    })
    .join(',');
}

/** The filter graph's audio: the source's first stream, or silence, cut to the run's samples. */
function audioFilter(source: string | null, seconds: number): string {
  const trim = `apad,atrim=end_sample=${audioSamples(seconds)}`;
  return source
    ? `[${source}]aresample=${AUDIO_RATE},aformat=channel_layouts=stereo,${trim}[a]`
    : `anullsrc=r=${AUDIO_RATE}:cl=stereo,${trim}[a]`;
}

/** The encoder of one run (`run.to` is where its own content ends) writing MPEG-TS to stdout. */
export function encoderArgs(input: EncodeInput, run: Pick<PlannedRun, 'from' | 'to'>, format: OutputFormat): string[] {
  const seconds = runSeconds(run);
  const inputs: string[] = [];
  let video: string;
  let audioSource: string | null = null;
  switch (input.kind) {
    case 'video':
      inputs.push('-re', '-protocol_whitelist', 'file');
      if (input.offsetMs > 0) inputs.push('-ss', (input.offsetMs / 1000).toFixed(3));
      inputs.push('-i', `file:${input.file}`);
      video = `[0:v:0]${fitFilter(format)},fps=${FPS}[v]`;
      if (input.hasAudio) audioSource = '0:a:0';
      break;
    case 'image':
      inputs.push('-protocol_whitelist', 'file', '-i', `file:${input.file}`);
      video = `[0:v:0]${fitFilter(format)},${HOLD_FRAME}[v]`;
      break;
    case 'slide': {
      const { width, height } = format;
      const background = `color=c=${input.layout.background}:s=${width}x${height}:r=${FPS}:d=${1 / FPS}`;
      video = `${background},${drawtextFilter(input.layout, input.textFiles)},format=yuv420p,${HOLD_FRAME}[v]`;
      break;
    }
    case 'live':
      if (!liveUrlAllowed(input.url)) throw new Error('live source address refused');
      inputs.push(
        '-re',
        '-protocol_whitelist',
        LIVE_PROTOCOLS,
        '-rw_timeout',
        String(LIVE_TIMEOUT_US),
        '-f',
        'hls',
        '-i',
        input.url,
      );
      video = `[0:v:0]${fitFilter(format)},fps=${FPS}[v]`;
      if (input.hasAudio) audioSource = '0:a:0';
      break;
  }
  const gop = keyframeInterval(format);
  const maxKbps = videoMaxKbps(format);
  return [
    ...BASE,
    ...inputs,
    '-filter_complex',
    `${video};${audioFilter(audioSource, seconds)}`,
    '-map',
    '[v]',
    '-map',
    '[a]',
    '-c:v',
    'libx264',
    '-preset',
    'veryfast',
    '-tune',
    'zerolatency',
    '-profile:v',
    'main',
    '-pix_fmt',
    'yuv420p',
    '-r',
    String(FPS),
    '-g',
    String(gop),
    '-sc_threshold',
    '0',
    '-force_key_frames',
    keyframeExpression(run.from, gop),
    '-bf',
    '0',
    '-crf',
    '23',
    '-maxrate',
    `${maxKbps}k`,
    '-bufsize',
    `${maxKbps * 2}k`,
    '-c:a',
    'aac',
    '-b:a',
    '128k',
    '-ar',
    String(AUDIO_RATE),
    '-ac',
    '2',
    '-t',
    seconds.toFixed(3),
    '-output_ts_offset',
    tsOffsetArg(run.from),
    '-f',
    'mpegts',
    'pipe:1',
  ];
}

/** What a probe is asked about: a media file, or a live source. */
export type ProbeTarget = { kind: 'file'; file: string } | { kind: 'live'; url: string };

/** ffprobe's question: the streams' types and the container's duration, as JSON. */
export function probeArgs(target: ProbeTarget): string[] {
  const input =
    target.kind === 'file'
      ? ['-protocol_whitelist', 'file', '-i', `file:${target.file}`]
      : liveUrlAllowed(target.url)
        ? ['-protocol_whitelist', LIVE_PROTOCOLS, '-rw_timeout', String(LIVE_TIMEOUT_US), '-f', 'hls', '-i', target.url]
        : [];
  if (input.length === 0) throw new Error('live source address refused');
  return ['-hide_banner', '-v', 'error', ...input, '-show_entries', 'stream=codec_type:format=duration', '-of', 'json'];
}

/** What a probe found: a picture, sound, and the duration when the container says one. */
export interface ProbeResult {
  video: boolean;
  audio: boolean;
  durationSec: number | undefined;
}

/** ffprobe's JSON read; undefined when it is not what ffprobe writes. */
export function readProbe(json: string): ProbeResult | undefined {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const { streams, format } = value as { streams?: unknown; format?: { duration?: unknown } };
  const types = Array.isArray(streams)
    ? streams.map((stream) => (stream as { codec_type?: unknown } | null)?.codec_type)
    : [];
  const duration = Number(format?.duration);
  return {
    video: types.includes('video'),
    audio: types.includes('audio'),
    durationSec: Number.isFinite(duration) && duration > 0 ? duration : undefined,
  };
}
