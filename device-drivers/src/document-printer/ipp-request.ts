/**
 * One IPP request over HTTP to CUPS: the `ipp` package encodes and decodes the messages, fetch
 * carries them with a deadline (the package's own HTTP client has none, so a hung spooler would
 * hang the kiosk, and it prints to the console on HTTP errors).
 */
import ipp from 'ipp';
import { LinliError } from '@linli/protocol/errors';

export type IppAttributes = Record<string, unknown>;

export interface IppResponse {
  /** e.g. successful-ok, client-error-not-found. */
  statusCode: string;
  operationAttributes: IppAttributes;
  printerAttributes: IppAttributes;
  jobAttributes: IppAttributes;
}

export interface IppMessage {
  operation: string;
  /** Overrides the operation code, for CUPS extensions the `ipp` package has no name for. */
  operationId?: number;
  operationAttributes: IppAttributes;
  jobAttributes?: IppAttributes;
  data?: Uint8Array;
}

/** CUPS-Get-Default (CUPS Implementation of IPP, §3.2.4). */
export const CUPS_GET_DEFAULT = 0x4001;

export async function ippRequest(url: string, message: IppMessage, timeoutMs: number): Promise<IppResponse> {
  const encoded = ipp.serialize({
    version: '2.0',
    // A known name keeps the serializer happy; the real code is written over it below.
    operation: message.operationId === undefined ? message.operation : 'Get-Printer-Attributes',
    'operation-attributes-tag': {
      'attributes-charset': 'utf-8',
      'attributes-natural-language': 'zh-cn',
      ...message.operationAttributes,
    },
    ...(message.jobAttributes ? { 'job-attributes-tag': message.jobAttributes } : {}),
    ...(message.data
      ? { data: Buffer.from(message.data.buffer, message.data.byteOffset, message.data.byteLength) }
      : {}),
  });
  if (message.operationId !== undefined) encoded.writeUInt16BE(message.operationId, 2);
  let body: Buffer;
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/ipp' },
      body: new Uint8Array(encoded),
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    body = Buffer.from(await response.arrayBuffer());
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).name;
    const reason =
      cause === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : `${cause}: ${(error as Error).message}`;
    throw new LinliError(
      'PERIPHERAL_UNAVAILABLE',
      `The print spooler at ${new URL(url).host} cannot be reached (${reason})`,
    );
  }
  const parsed = ipp.parse(body) as unknown as Record<string, unknown>;
  return {
    statusCode: String(parsed.statusCode),
    operationAttributes: (parsed['operation-attributes-tag'] ?? {}) as IppAttributes,
    printerAttributes: (parsed['printer-attributes-tag'] ?? {}) as IppAttributes,
    jobAttributes: (parsed['job-attributes-tag'] ?? {}) as IppAttributes,
  };
}

/** The `ipp` parser gives one value as itself and several as an array. */
export function ippList(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]).map(String);
}
