/**
 * The player's browser shell: the web player's page, the stored media and the player bridge
 * (PLAYER_HTTP) on 127.0.0.1, through the kiosk shells' local page server (boot token, Host check,
 * event stream). Proof of play and the page's alive beats are checked against their schemas before
 * the host takes them; the halls calling displays show and their announcements' audio are served
 * to the page with its token like every other call.
 */
import Type from 'typebox';
import { LinliError, PLAYER_HTTP, PlayRecord, PlayerAliveBeat, parseWith } from '@linli/protocol';
import {
  BytesReply,
  startLocalPageServer,
  type LocalPageServer,
  type PageCall,
} from '../../../kiosk-app/shells/common/local-page-server';
import type { RendererBundle } from '../../../kiosk-app/shells/common/renderer-assets';
import type { PlayerHost } from '../../host/player-host';

const PlayedBody = Type.Object({ records: Type.Array(PlayRecord, { maxItems: 200 }) }, { additionalProperties: false });
/** `<announcementPath><hallId>/<seq>`. */
const ANNOUNCEMENT = new RegExp(`^${PLAYER_HTTP.announcementPath}(\\d{1,9})/(\\d{1,15})$`);

async function answer(host: PlayerHost, call: PageCall): Promise<unknown> {
  if (call.pathname === PLAYER_HTTP.viewPath && call.method === 'GET') return host.view();
  if (call.pathname === PLAYER_HTTP.playedPath && call.method === 'POST') {
    host.recordPlayed(parseWith(PlayedBody, await call.body()).records);
    return {};
  }
  if (call.pathname === PLAYER_HTTP.alivePath && call.method === 'POST') {
    host.pageAlive(parseWith(PlayerAliveBeat, await call.body()));
    return {};
  }
  if (call.pathname === PLAYER_HTTP.queuePath && call.method === 'GET') return host.queue();
  const announcement = ANNOUNCEMENT.exec(call.pathname);
  if (announcement && call.method === 'GET') {
    const wav = host.announcement(Number(announcement[1]), Number(announcement[2]));
    if (!wav) throw new LinliError('NOT_FOUND', `No announcement ${call.pathname}`);
    return new BytesReply('audio/wav', wav);
  }
  throw new LinliError('NOT_FOUND', `No player call ${call.method} ${call.pathname}`);
}

export function startPlayerServer(deps: {
  host: PlayerHost;
  page: RendererBundle;
  port: number;
}): Promise<LocalPageServer> {
  return startLocalPageServer({
    port: deps.port,
    page: deps.page,
    mediaFile: deps.host.mediaFile,
    onEvent: deps.host.onEvent,
    eventsPath: PLAYER_HTTP.eventsPath,
    tokenHeader: PLAYER_HTTP.tokenHeader,
    tokenQuery: PLAYER_HTTP.tokenQuery,
    callPrefix: '/player/',
    handle: (call) => answer(deps.host, call),
    log: (message, error) => console.error(`[player] ${message}`, error),
  });
}
