/**
 * Signage on screen: the gap between two videos in the web player (and in a naive single
 * `<video>` player), the player page's memory over 10,000 item switches on a sped-up clock, and
 * with the real admin server, 1,000 simulated players on the push channel and one real player in
 * Chromium: approval → on every player and on the screen, CAP POST → on every player and on the
 * screen. Waits are for events and page state, never for time.
 *
 * `npx tsx bench/signage-bench.ts` runs this bench alone, writes bench/results/signage.json and
 * rewrites the README's measured section; `npm run bench` runs it with the others.
 */
import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import {
  PROTOCOL_VERSION,
  PROTOCOL_VERSION_HEADER,
  deviceAuthorization,
  presetLayout,
  type Change,
  type ChangesPage,
  type Layout,
  type LayoutPreset,
  type PlayerNotice,
  type PlayerView,
  type PlaylistItem,
  type SignageInput,
} from '@linli/protocol';
import { startAdminServer, startPlayer, type LinliProcess } from '../build/scripts/processes';
import { apiAs } from '../build/scripts/admin-api';
import { launchChromium } from '../test/e2e/browser';
import { liveRainstorm } from '../admin-server/test/cap-fixtures';
import { buildPlayerPage } from '../signage-player/shells/browser/player-page';
import { startFakePlayerHost, type FakePlayerHost } from '../signage-player/test/web/fake-player-host';
import { openPlayerPage, SCREENS } from '../signage-player/test/web/player-page';
import { recordTestVideos } from '../signage-player/test/web/test-videos';
import { latencyStats, machineInfo, RESULTS_DIR, round, writeResult } from './machine';

type RendererBundle = Awaited<ReturnType<typeof buildPlayerPage>>;

const ADMIN_PASSWORD = 'Bench2026signage';
const STREET_PASSWORD = 'Anhe-bench-2026';

export interface GapFigures {
  switches: number;
  samples: number;
  /** Animation frames in which the screen showed no picture (nothing decoded, or a dark frame). */
  blackFrames: number;
  /** Black frames at each switch (a run of black frames counts for the switch it falls in). */
  blackFramesPerSwitch: { mean: number; max: number };
}

export interface MemoryPoint {
  switches: number;
  jsHeapUsedMB: number;
  /** Every DOM node the renderer holds (Performance.getMetrics `Nodes`: detached ones included). */
  domNodes: number;
  /** Elements in the document. */
  documentElements: number;
}

export interface PublishFigures {
  simulatedPlayers: number;
  realPlayers: number;
  rounds: number;
  /** How long the request itself took (approval or CAP POST). */
  replyMs: ReturnType<typeof latencyStats>;
  toEverySimulatedPlayerMs: ReturnType<typeof latencyStats>;
  toScreenMs: ReturnType<typeof latencyStats>;
  missed: number;
}

/** Page-side record of the zone switches and black frames, read back by the bench. */
interface VideoWatch {
  samples: number;
  blackFrames: number;
  switches: number;
  perSwitch: number[];
}

export async function runSignageBench(options: {
  videoSwitches: number;
  memorySwitches: number;
  simulatedPlayers: number;
  publishes: number;
  alerts: number;
}) {
  const [bundle, browser] = await Promise.all([buildPlayerPage([]), launchChromium()]);
  try {
    const switchGap = await measureSwitchGap(browser, bundle, options.videoSwitches);
    const memory = await measureMemory(browser, bundle, options.memorySwitches);
    const system = await measureSystem(browser, options);
    const first = memory[0]!;
    const last = memory.at(-1)!;
    const capP95 = system.cap.toEverySimulatedPlayerMs.p95Ms;
    const capScreenP95 = system.cap.toScreenMs.p95Ms;
    return {
      switchGap,
      memory: {
        targetSwitches: options.memorySwitches,
        /** The run stops here on the wall clock even if the target was not reached (see measureMemory). */
        wallClockBudgetSec: MEMORY_BUDGET_MS / 1000,
        itemSeconds: 1,
        zones: 2,
        points: memory,
        heapGrowthMB: round(last.jsHeapUsedMB - first.jsHeapUsedMB, 2),
        domNodeGrowth: last.domNodes - first.domNodes,
        /** From 1,000 switches on, when the page has shown every item once and is warm. */
        heapGrowthAfter1kMB: round(last.jsHeapUsedMB - memory[1]!.jsHeapUsedMB, 2),
        domNodeGrowthAfter1k: last.domNodes - memory[1]!.domNodes,
      },
      publish: system.publish,
      cap: system.cap,
      goals: {
        switchGap: 'no black frame between two videos',
        switchGapMet: switchGap.linli.blackFrames === 0,
        memory: `heap and DOM nodes flat over ${options.memorySwitches} item switches (growth < 5 MB, < 500 nodes)`,
        memoryMet:
          last.switches >= options.memorySwitches &&
          last.jsHeapUsedMB - first.jsHeapUsedMB < 5 &&
          last.domNodes - first.domNodes < 500,
        cap: `CAP POST → every player (${options.simulatedPlayers} simulated) and the real screen, p95 < 2000 ms`,
        capMet: system.cap.missed === 0 && capP95 < 2000 && capScreenP95 < 2000,
      },
    };
  } finally {
    await browser.close();
  }
}

// ─── 1. The gap between two videos ──────────────────────────────────────────

/**
 * Installed in the page: each animation frame, draws what `visible()` says is on top, small, and
 * counts it black when nothing is decoded or its brightest pixel is dark (the test videos never
 * are). `onSwitch` is called by the caller's switch detection. Sampling starts at the first frame.
 */
const SAMPLER = `(() => {
  const canvas = document.createElement('canvas');
  canvas.width = 16;
  canvas.height = 9;
  const context = canvas.getContext('2d', { willReadFrequently: true });
  const watch = { samples: 0, blackFrames: 0, switches: 0, perSwitch: [0] };
  window.videoWatch = watch;
  window.videoSwitched = () => {
    watch.switches += 1;
    watch.perSwitch.push(0);
  };
  const sample = () => {
    const visible = window.visibleVideo();
    let black = !visible || visible.readyState < HTMLMediaElement.HAVE_CURRENT_DATA;
    if (visible && !black) {
      context.drawImage(visible, 0, 0, 16, 9);
      const pixels = context.getImageData(0, 0, 16, 9).data;
      let brightest = 0;
      for (let index = 0; index < pixels.length; index += 4)
        brightest = Math.max(brightest, pixels[index], pixels[index + 1], pixels[index + 2]);
      black = brightest < 32;
    }
    watch.samples += 1;
    if (black) {
      watch.blackFrames += 1;
      watch.perSwitch[watch.perSwitch.length - 1] += 1;
    }
    requestAnimationFrame(sample);
  };
  requestAnimationFrame(sample);
})()`;

function gapFigures(watch: VideoWatch): GapFigures {
  // The count before the first switch belongs to the first item's start, not to a switch.
  const perSwitch = watch.perSwitch.slice(1);
  return {
    switches: watch.switches,
    samples: watch.samples,
    blackFrames: perSwitch.reduce((sum, each) => sum + each, 0),
    blackFramesPerSwitch: {
      mean: round(perSwitch.reduce((sum, each) => sum + each, 0) / Math.max(1, perSwitch.length), 2),
      max: Math.max(0, ...perSwitch),
    },
  };
}

async function waitForSwitches(page: Page, switches: number): Promise<VideoWatch> {
  await page.waitForFunction(
    (wanted) => (window as unknown as { videoWatch: VideoWatch }).videoWatch.switches >= wanted,
    switches,
    { timeout: switches * 4000 + 10_000 },
  );
  return page.evaluate(() => (window as unknown as { videoWatch: VideoWatch }).videoWatch);
}

async function measureSwitchGap(browser: Browser, bundle: RendererBundle, switches: number) {
  const host = await startFakePlayerHost(bundle, viewOf(null));
  const player = await openPlayerPage(browser, host, SCREENS.landscape);
  try {
    const [warm, cool] = await recordTestVideos(player.page, [10, 200], 2);
    const video = (id: string, name: string, bytes: Uint8Array): PlaylistItem => ({
      id,
      kind: 'video',
      media: host.addMedia(name, 'video/webm', bytes),
      lengthSec: 1.5,
      transition: 'none',
    });
    host.setView(
      viewOf(
        layoutOf('full', 'cinema', {
          main: [video('v1', 'first.webm', warm!), video('v2', 'second.webm', cool!)],
        }),
      ),
    );
    host.push('view-changed');
    await player.page.waitForFunction(() => {
      const shown = document.querySelector<HTMLVideoElement>('.zone[data-item-id="v1"] video');
      return shown !== null && shown.readyState >= HTMLMediaElement.HAVE_CURRENT_DATA;
    });
    // Linli: the video on top (two per zone, the next loading behind), a switch when it changes.
    await player.page.evaluate(() => {
      const videos = [...document.querySelectorAll<HTMLVideoElement>('.zone[data-zone-id="main"] video')];
      const onTop = () =>
        videos
          .filter((element) => getComputedStyle(element).visibility === 'visible')
          .sort((a, b) => Number(getComputedStyle(b).zIndex) - Number(getComputedStyle(a).zIndex))[0];
      let top = onTop();
      (window as unknown as { visibleVideo: () => HTMLVideoElement | undefined }).visibleVideo = () => {
        const visible = onTop();
        if (visible && visible !== top) {
          top = visible;
          (window as unknown as { videoSwitched: () => void }).videoSwitched();
        }
        return visible;
      };
    });
    await player.page.evaluate(SAMPLER);
    const linli = gapFigures(await waitForSwitches(player.page, switches));
    if (player.errors.length) throw new Error(`player page errors: ${player.errors.join('; ')}`);

    // The naive player: one <video>, its src swapped when the item ends, on a black page.
    const context = await browser.newContext({ viewport: SCREENS.landscape });
    try {
      const page = await context.newPage();
      await page.setContent(
        '<body style="margin:0;background:#000"><video muted playsinline style="width:100vw;height:100vh;object-fit:contain;display:block"></video></body>',
      );
      // tsx (esbuild, keepNames) wraps functions in page.evaluate() callbacks in a `__name` helper the page lacks.
      await page.evaluate('window.__name = (fn) => fn');
      const base64 = [warm!, cool!].map((bytes) => Buffer.from(bytes).toString('base64'));
      await page.evaluate(async (clips) => {
        const urls = clips.map((clip) => {
          const binary = atob(clip);
          const bytes = new Uint8Array(binary.length);
          for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index);
          return URL.createObjectURL(new Blob([bytes], { type: 'video/webm' }));
        });
        const element = document.querySelector('video')!;
        let next = 0;
        const playNext = () => {
          element.src = urls[next % urls.length]!;
          next += 1;
          void element.play();
        };
        const started = new Promise<void>((resolve) => element.requestVideoFrameCallback(() => resolve()));
        playNext();
        await started;
        (window as unknown as { visibleVideo: () => HTMLVideoElement }).visibleVideo = () => element;
        element.addEventListener('ended', () => {
          (window as unknown as { videoSwitched: () => void }).videoSwitched();
          playNext();
        });
      }, base64);
      await page.evaluate(SAMPLER);
      const naive = gapFigures(await waitForSwitches(page, switches));
      return { clipSec: 2, linli, naiveSingleVideo: naive };
    } finally {
      await context.close();
    }
  } finally {
    await player.close();
    await host.close();
  }
}

// ─── 2. Memory over 10,000 item switches ────────────────────────────────────

/** How long the memory run may take on the wall clock. */
const MEMORY_BUDGET_MS = 150_000;

const NOTICE: PlayerNotice = {
  id: 'notice-hours',
  kind: 'announcement',
  title: '服务站冬季开放时间调整',
  issuer: '安和街道临江社区居民委员会',
  publishAt: '2026-12-01T09:00:00+08:00',
  body: '自12月1日起，社区服务站开放时间调整为工作日8:30至17:00。',
};

async function measureMemory(browser: Browser, bundle: RendererBundle, switches: number): Promise<MemoryPoint[]> {
  const host = await startFakePlayerHost(bundle, viewOf(null));
  const context = await browser.newContext({ viewport: SCREENS.landscape });
  try {
    const images = await pictures(context.newPage(), host);
    const main: PlaylistItem[] = [
      { id: 'image-a', kind: 'image', media: images[0]!, durationSec: 1 },
      { id: 'text-a', kind: 'text', text: '临江社区服务站欢迎您', durationSec: 1 },
      { id: 'notice-a', kind: 'notice', noticeId: NOTICE.id, durationSec: 1 },
    ];
    const side: PlaylistItem[] = [
      { id: 'text-b', kind: 'text', text: '今日办理医保缴费', durationSec: 1 },
      { id: 'image-b', kind: 'image', media: images[1]!, durationSec: 1 },
    ];
    host.setView(viewOf(layoutOf('main-side', 'hall', { main, side })));

    const page = await context.newPage();
    await page.addInitScript('window.__name = (fn) => fn');
    // Every change of a zone's item is a switch.
    await page.addInitScript(() => {
      const counter = { switches: 0 };
      (window as unknown as { benchSwitches: typeof counter }).benchSwitches = counter;
      new MutationObserver((records) => {
        for (const record of records)
          if ((record.target as HTMLElement).classList.contains('zone') && record.oldValue !== null)
            counter.switches += 1;
      }).observe(document, {
        subtree: true,
        attributes: true,
        attributeFilter: ['data-item-id'],
        attributeOldValue: true,
      });
    });
    const errors: Error[] = [];
    page.on('pageerror', (error) => errors.push(error));
    await page.clock.install();
    await page.goto(host.url);
    await page.waitForSelector('.zone[data-zone-id="side"][data-item-id] .layer.shown');
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    const counted = () =>
      page.evaluate(() => (window as unknown as { benchSwitches: { switches: number } }).benchSwitches.switches);
    const measure = async (): Promise<MemoryPoint> => {
      await cdp.send('HeapProfiler.collectGarbage');
      const { metrics } = await cdp.send('Performance.getMetrics');
      const metric = (name: string) => metrics.find((each) => each.name === name)?.value ?? Number.NaN;
      return {
        switches: await counted(),
        jsHeapUsedMB: round(metric('JSHeapUsedSize') / 2 ** 20, 2),
        domNodes: metric('Nodes'),
        documentElements: await page.evaluate(() => document.getElementsByTagName('*').length),
      };
    };
    const points = [await measure()];
    const base = points[0]!.switches;
    // Two zones of 1 s items: about two switches a second of page time, so some 40 a step (the
    // count shows none is skipped); the page's own work between timers runs within runFor. The
    // page slows down as the run goes on, so the run stops at a wall-clock budget.
    const deadline = Date.now() + MEMORY_BUDGET_MS;
    for (const checkpoint of [1000, 5000, switches].filter((each) => each <= switches)) {
      while ((await counted()) - base < checkpoint && Date.now() < deadline) await page.clock.runFor(20_000);
      points.push({ ...(await measure()), switches: (await counted()) - base });
      if (Date.now() >= deadline) break;
    }
    points[0]!.switches = 0;
    if (errors.length) throw new Error(`player page errors: ${errors.join('; ')}`);
    return points;
  } finally {
    await context.close();
    await host.close();
  }
}

/** Two 960×540 pictures (PNG) drawn in the browser, held by the host. */
async function pictures(opening: Promise<Page>, host: FakePlayerHost) {
  const page = await opening;
  const refs = [];
  for (const [name, colours] of [
    ['a.png', '#d9480f, #f59f00'],
    ['b.png', '#1864ab, #38d9a9'],
  ] as const) {
    await page.setViewportSize({ width: 960, height: 540 });
    await page.setContent(
      `<body style="margin:0"><div style="width:960px;height:540px;background:linear-gradient(135deg, ${colours})"></div></body>`,
    );
    refs.push(host.addMedia(name, 'image/png', await page.screenshot({ type: 'png' })));
  }
  await page.close();
  return refs;
}

// ─── 3 and 4. The real system: approval and CAP alerts to every player ─────

interface SimulatedPlayer {
  authorization: string;
  cursor: number;
  pulling: boolean;
  again: boolean;
  /** When it first pulled each change (`entity:op:id`). */
  seen: Map<string, number>;
}

async function measureSystem(
  browser: Browser,
  options: { simulatedPlayers: number; publishes: number; alerts: number },
): Promise<{ publish: PublishFigures; cap: PublishFigures }> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'linli-signage-bench-'));
  // Pulls on a timer only every 5 minutes: what arrives within seconds came by push.
  const env = { ...process.env, LINLI_LOG_LEVEL: 'error', LINLI_PULL_INTERVAL_SEC: '300' };
  const started: LinliProcess[] = [];
  const sockets: http.ClientRequest[] = [];
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  try {
    const server = await startAdminServer({
      ...env,
      LINLI_DATA_DIR: path.join(dataDir, 'admin'),
      LINLI_ADMIN_PORT: '0',
      LINLI_ADMIN_PASSWORD: ADMIN_PASSWORD,
    });
    started.push(server);
    const url = server.ready.url!;
    const base = new URL(url);
    const request = (method: string, route: string, headers: Record<string, string>, body?: unknown) =>
      new Promise<{ status: number; text: string }>((resolve, reject) => {
        const payload = body === undefined ? undefined : JSON.stringify(body);
        const req = http.request(
          {
            host: base.hostname,
            port: base.port,
            path: route,
            method,
            agent,
            headers: {
              ...headers,
              ...(payload && { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }),
            },
          },
          (res) => {
            let text = '';
            res
              .setEncoding('utf8')
              .on('data', (chunk: string) => (text += chunk))
              .on('end', () => resolve({ status: res.statusCode ?? 0, text }));
          },
        );
        req.on('error', reject);
        req.end(payload);
      });

    const system = await apiAs(url, 'admin', ADMIN_PASSWORD);
    const nodes = (await system('GET', '/orgs')).json.nodes as { id: number; name: string }[];
    const anhe = nodes.find((node) => node.name === '安和街道')!;
    const linjiang = nodes.find((node) => node.name === '临江社区')!;
    const created = await system('POST', '/users', {
      username: 'anhe.bench',
      displayName: '安和街道管理员',
      role: 'street-admin',
      orgId: anhe.id,
      password: STREET_PASSWORD,
      mustChangePassword: false,
    });
    if (created.status !== 201) throw new Error(`user: ${created.status} ${JSON.stringify(created.json)}`);
    const street = await apiAs(url, 'anhe.bench', STREET_PASSWORD);
    const codeReply = await system('POST', '/enrollment-codes', { orgId: linjiang.id, validDays: 1, maxUses: null });
    if (codeReply.status !== 201) throw new Error(`code: ${codeReply.status} ${JSON.stringify(codeReply.json)}`);
    const code = codeReply.json.code as string;
    const source = await system('POST', '/alert-sources', { name: '临江市预警信息发布中心' });
    const sourceKey = source.json.key as string;

    // The simulated players: enrolled as players of 临江社区, each pulling on every push.
    const players: SimulatedPlayer[] = [];
    for (let next = 0; next < options.simulatedPlayers; next += 50) {
      const batch = await Promise.all(
        Array.from({ length: Math.min(50, options.simulatedPlayers - next) }, (_, i) =>
          request('POST', '/api/v1/devices/enroll', {}, { code, name: `基准信息屏 ${next + i + 1}`, kind: 'player' }),
        ),
      );
      for (const reply of batch) {
        if (reply.status !== 201 && reply.status !== 200) throw new Error(`enroll: ${reply.status} ${reply.text}`);
        const { deviceId, secret } = JSON.parse(reply.text) as { deviceId: string; secret: string };
        players.push({
          authorization: deviceAuthorization(deviceId, secret),
          cursor: 0,
          pulling: false,
          again: false,
          seen: new Map(),
        });
      }
    }
    // Who is waiting for which change: resolved when every simulated player has pulled it.
    const waiting = new Map<string, { count: number; lastAt: number; done: () => void }>();
    const expect = (key: string) =>
      new Promise<number>((resolve) => {
        const entry = { count: 0, lastAt: 0, done: () => resolve(entry.lastAt) };
        waiting.set(key, entry);
      });
    const headersOf = (player: SimulatedPlayer) => ({
      authorization: player.authorization,
      [PROTOCOL_VERSION_HEADER]: String(PROTOCOL_VERSION),
    });
    const pull = async (player: SimulatedPlayer): Promise<void> => {
      if (player.pulling) {
        player.again = true;
        return;
      }
      player.pulling = true;
      try {
        do {
          player.again = false;
          let page: ChangesPage;
          do {
            const reply = await request('GET', `/api/v1/sync/changes?cursor=${player.cursor}`, headersOf(player));
            if (reply.status !== 200) throw new Error(`changes: ${reply.status} ${reply.text}`);
            page = JSON.parse(reply.text) as ChangesPage;
            const at = Date.now();
            for (const change of page.changes) note(player, change, at);
            player.cursor = page.nextCursor;
          } while (page.hasMore);
        } while (player.again);
      } finally {
        player.pulling = false;
      }
    };
    const note = (player: SimulatedPlayer, change: Change, at: number) => {
      // A publication counts once its signed bundle is here.
      if (change.entity === 'signage' && change.op === 'upsert' && !(change.data.signature && change.data.payload))
        return;
      const key = `${change.entity}:${change.op}:${change.id}`;
      if (player.seen.has(key)) return;
      player.seen.set(key, at);
      const entry = waiting.get(key);
      if (!entry) return;
      entry.count += 1;
      entry.lastAt = Math.max(entry.lastAt, at);
      if (entry.count === players.length) entry.done();
    };
    // A first full pull each, as a player does after enrolling.
    for (let next = 0; next < players.length; next += 50) await Promise.all(players.slice(next, next + 50).map(pull));
    let pullFailures = 0;
    for (let next = 0; next < players.length; next += 250) {
      await Promise.all(
        players.slice(next, next + 250).map(
          (player) =>
            new Promise<void>((resolve, reject) => {
              const req = http.get(
                {
                  host: base.hostname,
                  port: base.port,
                  path: '/api/v1/sync/events',
                  agent: false,
                  headers: headersOf(player),
                },
                (res) => {
                  if (res.statusCode !== 200) return reject(new Error(`push stream ${res.statusCode}`));
                  let buffer = '';
                  res.setEncoding('utf8').on('data', (chunk: string) => {
                    buffer += chunk;
                    let end: number;
                    while ((end = buffer.indexOf('\n\n')) >= 0) {
                      const event = buffer.slice(0, end);
                      buffer = buffer.slice(end + 2);
                      const data = /^data: (.*)$/m.exec(event)?.[1];
                      if (data && (JSON.parse(data) as { latestSeq: number }).latestSeq > player.cursor)
                        pull(player).catch(() => pullFailures++);
                    }
                    resolve();
                  });
                },
              );
              req.on('error', reject);
              sockets.push(req);
            }),
        ),
      );
    }

    // The real player, enrolled in the same community, its screen in Chromium.
    const player = await startPlayer({
      ...env,
      LINLI_DATA_DIR: path.join(dataDir, 'player'),
      LINLI_PLAYER_PORT: '0',
      LINLI_SERVER_URL: url,
      LINLI_ENROLLMENT_CODE: code,
      LINLI_DEVICE_NAME: '临江社区大厅信息屏',
    });
    started.push(player);
    const screen = await browser.newPage({ viewport: SCREENS.landscape });
    await screen.addInitScript('window.__name = (fn) => fn');
    try {
      await screen.goto(`${player.ready.url}/`);
      await screen.locator('.player:not([data-state="loading"])').waitFor({ timeout: 30_000 });
      // The page notes, each animation frame, when what the bench waits for is first on screen.
      await screen.evaluate(() => {
        const seen: Record<string, number> = {};
        const wanted = new Set<string>();
        Object.assign(window, { benchSeen: seen, benchWanted: wanted });
        const look = () => {
          for (const selector of wanted)
            if (!(selector in seen) && document.querySelector(selector)) seen[selector] = Date.now();
          requestAnimationFrame(look);
        };
        requestAnimationFrame(look);
      });
      // Watched from before the request is sent (what an earlier round saw is forgotten); the
      // function returned resolves with when it was first on screen.
      const onScreen = async (selector: string) => {
        await screen.evaluate((wanted) => {
          const bench = window as unknown as { benchWanted: Set<string>; benchSeen: Record<string, number> };
          delete bench.benchSeen[wanted];
          bench.benchWanted.add(wanted);
        }, selector);
        return () => shownAt(selector);
      };
      const shownAt = async (selector: string) => {
        const handle = await screen.waitForFunction(
          (wanted) => (window as unknown as { benchSeen: Record<string, number> }).benchSeen[wanted],
          selector,
          { timeout: 20_000 },
        );
        return (await handle.jsonValue()) as number;
      };
      const allPulled = (key: string, sentAt: number) =>
        Promise.race([
          expect(key),
          new Promise<number>((_, reject) =>
            setTimeout(() => reject(new Error(`not every simulated player pulled ${key}`)), 30_000).unref(),
          ),
        ]).then((at) => at - sentAt);

      // 3. Publications approved one after another.
      const publishReply: number[] = [];
      const publishToAll: number[] = [];
      const publishToScreen: number[] = [];
      let missed = 0;
      for (let n = 0; n < options.publishes; n++) {
        const draft = await street('POST', '/signage', publication(linjiang.id, n));
        if (draft.status !== 201) throw new Error(`draft: ${draft.status} ${JSON.stringify(draft.json)}`);
        const id = draft.json.id as string;
        const submitted = await street('POST', `/signage/${id}/submit`);
        if (submitted.status !== 200) throw new Error(`submit: ${submitted.status}`);
        const everyone = allPulled(`signage:upsert:${id}`, 0);
        const shown = await onScreen(
          `.layout[data-layout-id="bench-${n}"] .zone[data-item-id="headline-${n}"] .layer.shown`,
        );
        const sentAt = Date.now();
        const approved = await system(
          'POST',
          `/signage/${id}/review`,
          { approve: true },
          { 'if-match': `"${submitted.json.version}"` },
        );
        const repliedAt = Date.now();
        if (approved.status !== 200) throw new Error(`approve: ${approved.status} ${JSON.stringify(approved.json)}`);
        publishReply.push(repliedAt - sentAt);
        try {
          publishToAll.push((await everyone) - repliedAt);
        } catch {
          missed++;
        }
        publishToScreen.push((await shown()) - repliedAt);
      }

      // 4. CAP alerts for 临江社区, each cancelled (and gone from every player and the screen) before the next.
      const capReply: number[] = [];
      const capToAll: number[] = [];
      const capToScreen: number[] = [];
      let capMissed = 0;
      const cap = async (xml: string) => {
        const reply = await fetch(`${url}/api/v1/alerts/cap`, {
          method: 'POST',
          headers: { authorization: `Bearer ${sourceKey}`, 'content-type': 'application/cap+xml' },
          body: xml,
        });
        const text = await reply.text();
        if (reply.status !== 201) throw new Error(`CAP: ${reply.status} ${text}`);
        return JSON.parse(text) as { alert: { id: string } };
      };
      for (let n = 0; n < options.alerts; n++) {
        const rainstorm = liveRainstorm(`33018841600000_bench${Date.now()}_${n}`);
        const shown = await onScreen('.alert-screen');
        // The alert's id is in the reply; the players may have it before the reply arrives.
        const sentAt = Date.now();
        const posting = cap(rainstorm.alert);
        const everyone = new Promise<number>((resolve, reject) => {
          posting.then(({ alert }) => allPulledKnown(`alert:upsert:${alert.id}`).then(resolve, reject), reject);
        });
        const { alert } = await posting;
        capReply.push(Date.now() - sentAt);
        try {
          capToAll.push((await everyone) - sentAt);
        } catch {
          capMissed++;
        }
        capToScreen.push((await shown()) - sentAt);

        const gone = allPulledKnown(`alert:delete:${alert.id}`);
        await cap(rainstorm.cancel());
        await gone.catch(() => capMissed++);
        await screen.locator('.alert-screen').waitFor({ state: 'detached', timeout: 20_000 });
      }
      // The players may have pulled a change before the bench heard the id: count those already seen.
      function allPulledKnown(key: string): Promise<number> {
        const already = players.flatMap((each) => each.seen.get(key) ?? []);
        const pending = allPulled(key, 0);
        const entry = waiting.get(key)!;
        entry.count += already.length;
        entry.lastAt = Math.max(entry.lastAt, ...already);
        if (entry.count === players.length) entry.done();
        return pending;
      }
      if (pullFailures) throw new Error(`${pullFailures} simulated pulls failed`);
      const figures = (reply: number[], toAll: number[], toScreen: number[], misses: number): PublishFigures => ({
        simulatedPlayers: players.length,
        realPlayers: 1,
        rounds: reply.length,
        replyMs: latencyStats(reply),
        toEverySimulatedPlayerMs: latencyStats(toAll),
        toScreenMs: latencyStats(toScreen),
        missed: misses,
      });
      return {
        publish: figures(publishReply, publishToAll, publishToScreen, missed),
        cap: figures(capReply, capToAll, capToScreen, capMissed),
      };
    } finally {
      await screen.close();
    }
  } finally {
    for (const socket of sockets) socket.destroy();
    agent.destroy();
    for (const each of started.reverse()) await each.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function publication(orgId: number, n: number): SignageInput {
  const layout = presetLayout('main-side', 'landscape', `bench-${n}`, `基准版式 ${n}`);
  const [main, side] = layout.zones;
  main!.playlist = [{ id: `headline-${n}`, kind: 'text', text: `临江社区第${n + 1}期通知`, durationSec: 30 }];
  side!.playlist = [{ id: 'clock', kind: 'clock', show: 'time', durationSec: 30 }];
  return {
    title: `临江社区大厅屏 ${n + 1}`,
    targets: { orgIds: [orgId], groupIds: [] },
    schedule: { timeZone: 'Asia/Shanghai', layouts: [layout], entries: [], defaultLayoutId: layout.id },
  };
}

// ─── Fake-host views ────────────────────────────────────────────────────────

function layoutOf(preset: LayoutPreset, id: string, playlists: Record<string, PlaylistItem[]>): Layout {
  const layout = presetLayout(preset, 'landscape', id);
  for (const zone of layout.zones) zone.playlist = playlists[zone.id] ?? [];
  return layout;
}

function viewOf(layout: Layout | null): PlayerView {
  return {
    deviceName: '临江社区服务站 · 大厅屏',
    profile: 'signage',
    tvChannels: [],
    online: true,
    lastSyncAt: null,
    publication: layout && {
      id: 'bench',
      version: 1,
      title: '基准',
      schedule: { timeZone: 'Asia/Shanghai', layouts: [layout], entries: [], defaultLayoutId: layout.id },
    },
    notices: [NOTICE],
    alerts: [],
    webOrigins: [],
    serverOffsetMs: 0,
  };
}

export type SignageFigures = Awaited<ReturnType<typeof runSignageBench>>;

export const SIGNAGE_OPTIONS = {
  videoSwitches: 20,
  memorySwitches: 10_000,
  simulatedPlayers: 1000,
  publishes: 10,
  alerts: 10,
};

/** The summary `npm run bench` prints. */
export function printSignageSummary(signage: SignageFigures, file: string): void {
  const gap = (figures: GapFigures) =>
    `${String(figures.blackFrames).padStart(5)} black frames in ${figures.samples} (per switch mean ${figures.blackFramesPerSwitch.mean}, max ${figures.blackFramesPerSwitch.max})`;
  const { switchGap, memory, publish, cap } = signage;
  console.log(`  video → video, ${switchGap.linli.switches} switches:`);
  console.log(`    Linli (two <video>s)     ${gap(switchGap.linli)}`);
  console.log(`    one <video>, src swapped ${gap(switchGap.naiveSingleVideo)}`);
  console.log(`  memory over item switches (1 s items, 2 zones, sped-up clock):`);
  for (const point of memory.points)
    console.log(
      `    ${String(point.switches).padStart(6)} switches: heap ${point.jsHeapUsedMB} MB, ${point.domNodes} DOM nodes (${point.documentElements} in the document)`,
    );
  console.log(`    growth: heap ${memory.heapGrowthMB} MB, ${memory.domNodeGrowth} nodes`);
  const row = (name: string, stats: ReturnType<typeof latencyStats>) =>
    console.log(
      `  ${name.padEnd(34)} ${[stats.p50Ms, stats.p95Ms, stats.maxMs].map((value) => String(value).padStart(8)).join(' ')}`,
    );
  console.log(
    `  with ${publish.simulatedPlayers} simulated players + ${publish.realPlayers} real player:  p50 ms   p95 ms   max ms`,
  );
  row('approval reply', publish.replyMs);
  row('approval reply → every sim. player', publish.toEverySimulatedPlayerMs);
  row('approval reply → on the screen', publish.toScreenMs);
  row('CAP POST → reply', cap.replyMs);
  row('CAP POST → every sim. player', cap.toEverySimulatedPlayerMs);
  row('CAP POST → .alert-screen', cap.toScreenMs);
  console.log(`  missed: publish ${publish.missed}, CAP ${cap.missed}`);
  const { goals } = signage;
  console.log(
    `  Goals: ${goals.switchGap} — ${goals.switchGapMet ? 'met' : 'NOT MET'}; ${goals.memory} — ${goals.memoryMet ? 'met' : 'NOT MET'};`,
  );
  console.log(`         ${goals.cap} — ${goals.capMet ? 'met' : 'NOT MET'}`);
  console.log(`  → ${file}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const machine = machineInfo();
  console.log('Signage: video switches, player memory, approval and CAP alerts to 1,000 players …');
  const signage = await runSignageBench(SIGNAGE_OPTIONS);
  printSignageSummary(signage, writeResult('signage', machine, signage));
  const { readResults, writeMeasuredSection } = await import('./readme-figures');
  if (writeMeasuredSection(path.resolve(import.meta.dirname, '../README.md'), readResults(RESULTS_DIR)))
    console.log(`README.md: the measured figures were rewritten from ${RESULTS_DIR}`);
}
