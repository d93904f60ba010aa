/**
 * Releases: staff publish, upload, roll out, pause and withdraw them (admin API); devices read the
 * update feed and download files (device API). The feed answers electron-updater's generic
 * provider (`latest.yml`, `latest-linux.yml`, `latest-linux-arm64.yml`, and `beta…` alike) and
 * the browser shell (`shell`, JSON). The channel a device follows is set per device in the fleet
 * view: the feed answers for that channel whichever file name the device asks for.
 */
import Type from 'typebox';
import {
  ErrorBody,
  IdParams,
  LinliError,
  ReleaseApp,
  ReleaseInput,
  ReleaseList,
  ReleasePlatform,
  ReleaseSignature,
  ReleaseView,
  RolloutInput,
  ShellUpdateOffer,
  UpdateChannelInput,
} from '@linli/protocol';
import type { Readable } from 'node:stream';
import type { DeviceService } from '../domain/devices';
import type { ReleaseService, StoredReleaseFile } from '../domain/releases';
import { deviceIdOf } from './device-guard';
import { requireFileBody } from './file-body';
import { sendRanged } from './ranged-file';
import { actorOf } from './session-guard';
import type { TypedApp } from './typed-app';
import type { BlobStore } from '../media/blob-store';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const tags = ['releases'];
const ReleaseParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });
const FILE_NAME = '^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$';

export function registerReleaseRoutes(app: TypedApp, deps: { releases: ReleaseService; devices: DeviceService }): void {
  const { releases } = deps;
  app.get(
    '/releases',
    {
      schema: {
        tags,
        summary: 'Releases of the kiosk and player apps, newest first',
        response: { 200: ReleaseList, ...errors },
      },
    },
    async (request) => ({ releases: await releases.list(actorOf(request)) }),
  );
  app.post(
    '/releases',
    {
      schema: {
        tags,
        summary: 'Publish a version; it reaches no device until it is rolled out',
        body: ReleaseInput,
        response: { 201: ReleaseView, ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(await releases.create(actorOf(request), request.body)),
  );
  // The package is the body, streamed into the media folder (never held whole in memory).
  app.register(async (scope: TypedApp) => {
    scope.addContentTypeParser('application/octet-stream', (_request, payload, done) => done(null, payload));
    scope.addHook('preValidation', requireFileBody);
    scope.put(
      '/releases/:id/files/:platform',
      {
        schema: {
          tags,
          summary:
            "Upload a release's package for one platform (the request body): an AppImage, the Windows installer, or the browser shell's signed .tar.gz",
          params: Type.Object({ id: Type.Integer({ minimum: 1 }), platform: ReleasePlatform }),
          querystring: Type.Object(
            {
              name: Type.Optional(
                Type.String({
                  pattern: FILE_NAME,
                  description:
                    'The file name devices save it as (linli-<app>-<version>-<platform> and its extension by default)',
                }),
              ),
              signature: Type.Optional(ReleaseSignature),
            },
            { additionalProperties: false },
          ),
          response: { 200: ReleaseView, ...errors, 413: ErrorBody, 415: ErrorBody },
        },
      },
      async (request) =>
        releases.upload(actorOf(request), request.params.id, {
          platform: request.params.platform,
          name: request.query.name ?? null,
          signature: request.query.signature ?? null,
          body: request.body as Readable,
        }),
    );
  });
  app.put(
    '/releases/:id/rollout',
    {
      schema: {
        tags,
        summary: 'Set the groups and the share of the fleet a release reaches, or pause it',
        params: ReleaseParams,
        body: RolloutInput,
        response: { 200: ReleaseView, ...errors },
      },
    },
    async (request) => releases.rollout(actorOf(request), request.params.id, request.body),
  );
  app.post(
    '/releases/:id/withdraw',
    {
      schema: {
        tags,
        summary: 'Withdraw a release (rollback): devices on it go back to the release before',
        params: ReleaseParams,
        response: { 200: ReleaseView, ...errors },
      },
    },
    async (request) => releases.withdraw(actorOf(request), request.params.id),
  );
  app.put(
    '/devices/:id/update-channel',
    {
      schema: {
        tags,
        summary: 'Set the release channel (stable or beta) a device takes its updates from',
        params: IdParams,
        body: UpdateChannelInput,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      await deps.devices.setUpdateChannel(actorOf(request), request.params.id, request.body.channel);
      return reply.status(204).send(null);
    },
  );
}

/** The platform an electron-updater channel file is for: `latest.yml` is Windows'. */
const FEED_FILES: Record<string, ReleasePlatform> = {
  'latest.yml': 'win-x64',
  'beta.yml': 'win-x64',
  'latest-linux.yml': 'linux-x64',
  'beta-linux.yml': 'linux-x64',
  'latest-linux-arm64.yml': 'linux-arm64',
  'beta-linux-arm64.yml': 'linux-arm64',
};

/** A release file's address, relative to the feed (electron-updater resolves it against the feed's). */
const fileUrl = (file: StoredReleaseFile) => `files/${file.releaseId}/${file.platform}/${file.name}`;

/** electron-updater's channel file (YAML), as electron-builder writes it for a generic provider. */
export function updateFeedYaml(file: StoredReleaseFile): string {
  return [
    `version: ${file.version}`,
    'files:',
    `  - url: ${fileUrl(file)}`,
    `    sha512: ${file.sha512}`,
    `    size: ${file.size}`,
    `path: ${fileUrl(file)}`,
    `sha512: ${file.sha512}`,
    `releaseDate: '${file.uploadedAt}'`,
    '',
  ].join('\n');
}

export function registerUpdateFeedRoutes(app: TypedApp, deps: { releases: ReleaseService; blobs: BlobStore }): void {
  const { releases } = deps;
  const deviceTags = ['device'];
  app.get(
    '/updates/:app/shell',
    {
      schema: {
        tags: deviceTags,
        summary: "The browser shell's update: the signed archive this device should run, or null",
        params: Type.Object({ app: ReleaseApp }),
        response: { 200: ShellUpdateOffer, ...errors },
      },
    },
    async (request) => {
      const file = await releases.offer(deviceIdOf(request), request.params.app, 'browser-shell');
      return {
        release: file && {
          releaseId: file.releaseId,
          version: file.version,
          url: `updates/${request.params.app}/${fileUrl(file)}`,
          size: file.size,
          sha256: file.sha256,
          sha512: file.sha512,
          signature: file.signature!,
        },
      };
    },
  );
  app.get(
    '/updates/:app/:feed',
    {
      schema: {
        tags: deviceTags,
        summary:
          "electron-updater's channel file for this device (latest.yml, latest-linux.yml, latest-linux-arm64.yml)",
        params: Type.Object({ app: ReleaseApp, feed: Type.String({ maxLength: 40 }) }),
        response: { 200: Type.String(), ...errors },
      },
    },
    async (request, reply) => {
      const { feed } = request.params;
      // Own keys only: 'constructor' names no feed.
      if (!Object.hasOwn(FEED_FILES, feed)) throw new LinliError('NOT_FOUND', `No update feed '${feed}'`);
      const platform = FEED_FILES[feed]!;
      const file = await releases.offer(deviceIdOf(request), request.params.app, platform);
      if (!file) throw new LinliError('NOT_FOUND', 'No release for this device: it stays on what it runs');
      return reply
        .header('content-type', 'text/yaml; charset=utf-8')
        .header('cache-control', 'no-store')
        .send(updateFeedYaml(file));
    },
  );
  app.get(
    '/updates/:app/files/:releaseId/:platform/:name',
    {
      schema: {
        tags: deviceTags,
        summary: 'A release file (supports Range and If-Range, so a broken download resumes)',
        params: Type.Object({
          app: ReleaseApp,
          releaseId: Type.Integer({ minimum: 1 }),
          platform: ReleasePlatform,
          name: Type.String({ pattern: FILE_NAME }),
        }),
        response: { 200: Type.Unknown(), 206: Type.Unknown(), 416: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      const { releaseId, platform, name } = request.params;
      const file = await releases.file(deviceIdOf(request), releaseId, platform);
      if (file.name !== name) throw new LinliError('NOT_FOUND', `No file '${name}' in release ${releaseId}`);
      reply
        .header('content-type', 'application/octet-stream')
        .header('cache-control', 'private, max-age=31536000, immutable')
        .header('repr-digest', `sha-512=:${file.sha512}:`);
      return sendRanged(request, reply, {
        open: (span) => deps.blobs.read(file.sha256, span),
        bytes: file.size,
        etag: `"${file.sha256}"`,
      });
    },
  );
}
