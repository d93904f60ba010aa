/**
 * Proof of play: players upload plays in the device scope (their credentials checked before the
 * body is read); staff read the report, or download it as CSV or XLSX, in the admin scope.
 */
import Type from 'typebox';
import {
  ErrorBody,
  PlayUpload,
  PlayUploadReply,
  ProofOfPlayExportQuery,
  ProofOfPlayQuery,
  ProofOfPlayReport,
} from '@linli/protocol';
import { PROOF_OF_PLAY_COLUMNS, proofOfPlayTable, type ProofOfPlay } from '../domain/proof-of-play';
import { deviceIdOf } from './device-guard';
import { sendTable } from './table-download';
import { actorOf } from './session-guard';
import type { TypedApp } from './typed-app';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };

export function registerPlayUploadRoute(app: TypedApp, deps: { proofOfPlay: ProofOfPlay }): void {
  app.post(
    '/devices/plays',
    {
      schema: {
        tags: ['devices'],
        summary: 'A signage player uploads what it played; plays it sent before are not stored twice',
        body: PlayUpload,
        response: { 200: PlayUploadReply, ...errors },
      },
    },
    async (request) => deps.proofOfPlay.record(deviceIdOf(request), request.body.plays),
  );
}

export function registerProofOfPlayRoutes(app: TypedApp, deps: { proofOfPlay: ProofOfPlay }): void {
  app.get(
    '/proof-of-play',
    {
      schema: {
        tags: ['signage'],
        summary: 'What played on which screen, per item, over the days asked for',
        querystring: ProofOfPlayQuery,
        response: { 200: ProofOfPlayReport, ...errors },
      },
    },
    async (request) => deps.proofOfPlay.report(actorOf(request), request.query),
  );
  app.get(
    '/proof-of-play/export',
    {
      schema: {
        tags: ['signage'],
        summary: 'The same report as a CSV (UTF-8 with BOM) or XLSX download, column titles in Chinese',
        querystring: ProofOfPlayExportQuery,
        response: {
          200: Type.Unsafe<string | Buffer>({ type: 'string', format: 'binary', description: 'The file' }),
          ...errors,
        },
      },
    },
    async (request, reply) => {
      const { format, ...query } = request.query;
      const report = await deps.proofOfPlay.report(actorOf(request), query);
      return sendTable(reply, format, {
        fileName: `linli-proof-of-play-${report.from}-${report.to}`,
        sheetName: '播放记录',
        columns: PROOF_OF_PLAY_COLUMNS,
        rows: proofOfPlayTable(report),
      });
    },
  );
}
