/**
 * The update feed as the Electron shells read it: electron-updater's own generic provider and its
 * download code (builder-util-runtime), over real HTTP with the device's credentials, against a
 * real admin server. It finds the version rolled out to this kiosk, resolves the AppImage's URL,
 * and downloads it with its SHA-512 checked; after a withdrawal it finds the version before. Only
 * the Electron binary is missing: the HTTP requests go through Node's instead of Electron's `net`.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http, { type ClientRequest, type RequestOptions } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  CancellationToken,
  HttpExecutor,
  configureRequestOptions,
  configureRequestUrl,
  type DownloadOptions,
} from 'builder-util-runtime';
import { GenericProvider } from 'electron-updater/out/providers/GenericProvider';
import { startApp } from './app-harness';
import { backends } from './backends';

/** ElectronHttpExecutor's download, on Node's http rather than Electron's net. */
class NodeHttpExecutor extends HttpExecutor<ClientRequest> {
  createRequest(options: RequestOptions, callback: (response: http.IncomingMessage) => void): ClientRequest {
    return http.request(options, callback);
  }
  download(url: URL, destination: string, options: DownloadOptions): Promise<string> {
    return options.cancellationToken.createPromise((resolve, reject, onCancel) => {
      const requestOptions: RequestOptions = { headers: options.headers ?? undefined };
      configureRequestUrl(url, requestOptions);
      configureRequestOptions(requestOptions);
      this.doDownload(
        requestOptions,
        {
          destination,
          options,
          onCancel,
          callback: (error) => (error ? reject(error) : resolve(destination)),
          responseHandler: null,
        },
        0,
      );
    });
  }
}

const appImage = (version: string) =>
  Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46]), Buffer.from(version), randomBytes(200_000)]);
const sqlite = backends.find((backend) => backend.name === 'sqlite')!;

test("electron-updater's generic provider finds, resolves and downloads what the feed offers this kiosk", async (t) => {
  const { app, admin, call, enrollDevice } = await startApp(t, await sqlite.open(t));
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  const dir = mkdtempSync(path.join(tmpdir(), 'linli-updater-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const { authorization } = await enrollDevice('社区服务大厅');

  const publish = async (version: string) => {
    const release = (
      await call(admin, 'POST', '/releases', { app: 'kiosk', channel: 'stable', version, notes: '' })
    ).json() as { id: number };
    const bytes = appImage(version);
    const uploaded = await app.inject({
      method: 'PUT',
      url: `/api/v1/admin/releases/${release.id}/files/linux-x64?name=Linli-${version}.AppImage`,
      headers: { ...admin, 'content-type': 'application/octet-stream' },
      payload: bytes,
    });
    assert.equal(uploaded.statusCode, 200, uploaded.body);
    const rollout = { groupIds: [], percent: 100, paused: false };
    assert.equal((await call(admin, 'PUT', `/releases/${release.id}/rollout`, rollout)).statusCode, 200);
    return { id: release.id, bytes };
  };
  const first = await publish('1.0.0');
  const second = await publish('1.1.0');

  const executor = new NodeHttpExecutor();
  const provider = new GenericProvider(
    { provider: 'generic', url: `${base}/api/v1/updates/kiosk` },
    // The members of AppUpdater the provider reads.
    { channel: null, isAddNoCacheQuery: false } as never,
    // Electron's executor differs only in its transport (net.request and its session).
    { isUseMultipleRangeRequest: false, platform: 'linux', executor: executor as never },
  );
  provider.setRequestHeaders({ authorization });

  const latest = await provider.getLatestVersion();
  assert.equal(latest.version, '1.1.0');
  const [file] = provider.resolveFiles(latest);
  assert.equal(file!.url.href, `${base}/api/v1/updates/kiosk/files/${second.id}/linux-x64/Linli-1.1.0.AppImage`);
  const download = (sha512: string) =>
    executor.download(file!.url, path.join(dir, `Linli-${randomBytes(4).toString('hex')}.AppImage`), {
      headers: { authorization },
      sha512,
      cancellationToken: new CancellationToken(),
    });
  const saved = await download(file!.info.sha512);
  assert.deepEqual(readFileSync(saved), second.bytes, 'downloaded whole, its SHA-512 as the feed said');
  assert.equal(file!.info.sha512, createHash('sha512').update(second.bytes).digest('base64'));
  await assert.rejects(download(createHash('sha512').update('another').digest('base64')), /sha512 checksum mismatch/);

  // Withdrawn: the kiosk is sent back to 1.0.0 (the shell allows the downgrade).
  assert.equal((await call(admin, 'POST', `/releases/${second.id}/withdraw`)).statusCode, 200);
  const back = await provider.getLatestVersion();
  assert.equal(back.version, '1.0.0');
  assert.match(provider.resolveFiles(back)[0]!.url.pathname, new RegExp(`/files/${first.id}/linux-x64/`));

  // Without the device's credentials there is no feed.
  provider.setRequestHeaders(null);
  await assert.rejects(provider.getLatestVersion(), /401/);
});
