/** A minimal ZIP reader for uploaded .xlsx files: stored and deflated entries only, CRC-checked and size-limited. */
import { crc32, inflateRawSync } from 'node:zlib';
import { LinliError } from '@linli/protocol';

/** Far above any sheet a street office keeps, far below what would hurt the server. */
export const DEFAULT_MAX_ENTRY_BYTES = 20 * 1024 * 1024;

const EOCD_SIGNATURE = 0x06054b50;
const EOCD_SIZE = 22;
const MAX_COMMENT = 0xffff;
const ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const CENTRAL_SIZE = 46;
const LOCAL_SIGNATURE = 0x04034b50;
const LOCAL_SIZE = 30;
const STORED = 0;
const DEFLATED = 8;
const FLAG_ENCRYPTED = 0x0001;

interface ZipEntry {
  name: string;
  method: number;
  crc: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

export interface ZipArchive {
  readonly names: string[];
  /** The entry's bytes, or undefined when the archive has no entry of that name. */
  read(name: string): Buffer | undefined;
}

export function openZip(bytes: Uint8Array, maxEntryBytes = DEFAULT_MAX_ENTRY_BYTES): ZipArchive {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const entries = new Map(readCentralDirectory(buffer).map((entry) => [entry.name, entry]));
  return {
    names: [...entries.keys()],
    read(name) {
      const entry = entries.get(name);
      return entry && extract(buffer, entry, maxEntryBytes);
    },
  };
}

function invalid(message: string): LinliError {
  return new LinliError('IMPORT_INVALID', message);
}

function findEndOfCentralDirectory(buffer: Buffer): number {
  const lowest = Math.max(0, buffer.length - EOCD_SIZE - MAX_COMMENT);
  for (let offset = buffer.length - EOCD_SIZE; offset >= lowest; offset--) {
    // A comment may itself contain the signature; the real record's comment length reaches exactly to the end.
    if (
      buffer.readUInt32LE(offset) === EOCD_SIGNATURE &&
      offset + EOCD_SIZE + buffer.readUInt16LE(offset + 20) === buffer.length
    )
      return offset;
  }
  throw invalid(
    'The file is not a complete ZIP archive: its end-of-central-directory record is missing (the file may be truncated)',
  );
}

function readCentralDirectory(buffer: Buffer): ZipEntry[] {
  const eocd = findEndOfCentralDirectory(buffer);
  const count = buffer.readUInt16LE(eocd + 10);
  const size = buffer.readUInt32LE(eocd + 12);
  const start = buffer.readUInt32LE(eocd + 16);
  const isZip64 =
    (eocd >= 20 && buffer.readUInt32LE(eocd - 20) === ZIP64_LOCATOR_SIGNATURE) ||
    count === 0xffff ||
    size === 0xffffffff ||
    start === 0xffffffff;
  if (isZip64) throw invalid('The archive uses ZIP64, which is not supported; save the workbook again from Excel');
  if (buffer.readUInt16LE(eocd + 4) !== 0 || count !== buffer.readUInt16LE(eocd + 8))
    throw invalid('The archive is split over several disks, which is not supported');
  if (start + size > eocd) throw invalid('The ZIP central directory lies outside the file (the file is damaged)');
  const entries: ZipEntry[] = [];
  for (let offset = start; entries.length < count;) {
    const entry = readCentralEntry(buffer, offset, start + size);
    entries.push(entry.entry);
    offset = entry.next;
  }
  return entries;
}

function readCentralEntry(buffer: Buffer, offset: number, end: number): { entry: ZipEntry; next: number } {
  if (offset + CENTRAL_SIZE > end || buffer.readUInt32LE(offset) !== CENTRAL_SIGNATURE)
    throw invalid('The ZIP central directory is damaged');
  const nameLength = buffer.readUInt16LE(offset + 28);
  const next = offset + CENTRAL_SIZE + nameLength + buffer.readUInt16LE(offset + 30) + buffer.readUInt16LE(offset + 32);
  if (next > end) throw invalid('The ZIP central directory is damaged');
  const entry: ZipEntry = {
    name: buffer.toString('utf8', offset + CENTRAL_SIZE, offset + CENTRAL_SIZE + nameLength),
    method: buffer.readUInt16LE(offset + 10),
    crc: buffer.readUInt32LE(offset + 16),
    compressedSize: buffer.readUInt32LE(offset + 20),
    uncompressedSize: buffer.readUInt32LE(offset + 24),
    localHeaderOffset: buffer.readUInt32LE(offset + 42),
  };
  if (buffer.readUInt16LE(offset + 8) & FLAG_ENCRYPTED)
    throw invalid(`The archive entry "${entry.name}" is encrypted; remove the password and save again`);
  if ([entry.compressedSize, entry.uncompressedSize, entry.localHeaderOffset].includes(0xffffffff)) {
    throw invalid(`The archive entry "${entry.name}" uses ZIP64, which is not supported`);
  }
  return { entry, next };
}

function extract(buffer: Buffer, entry: ZipEntry, maxEntryBytes: number): Buffer {
  if (entry.uncompressedSize > maxEntryBytes) {
    throw invalid(
      `The archive entry "${entry.name}" would unpack to ${entry.uncompressedSize} bytes, more than the limit of ${maxEntryBytes}`,
    );
  }
  const data = entryData(buffer, entry);
  const content = decompress(data, entry);
  if (content.length !== entry.uncompressedSize)
    throw invalid(`The archive entry "${entry.name}" does not unpack to its declared size (the file is damaged)`);
  if (crc32(content) !== entry.crc)
    throw invalid(`The archive entry "${entry.name}" fails its CRC-32 check (the file is damaged)`);
  return content;
}

function entryData(buffer: Buffer, entry: ZipEntry): Buffer {
  const local = entry.localHeaderOffset;
  if (local + LOCAL_SIZE > buffer.length || buffer.readUInt32LE(local) !== LOCAL_SIGNATURE) {
    throw invalid(`The archive entry "${entry.name}" has no valid local header (the file is damaged)`);
  }
  // Sizes come from the central directory: with a data descriptor the local header holds zeros.
  const start = local + LOCAL_SIZE + buffer.readUInt16LE(local + 26) + buffer.readUInt16LE(local + 28);
  if (start + entry.compressedSize > buffer.length)
    throw invalid(`The archive entry "${entry.name}" runs past the end of the file (the file is truncated)`);
  return buffer.subarray(start, start + entry.compressedSize);
}

function decompress(data: Buffer, entry: ZipEntry): Buffer {
  if (entry.method === STORED) return data;
  if (entry.method !== DEFLATED)
    throw invalid(
      `The archive entry "${entry.name}" uses compression method ${entry.method}; only stored and deflate are supported`,
    );
  try {
    // The declared size caps the output, so a lying header cannot make us inflate a bomb.
    return inflateRawSync(data, { maxOutputLength: Math.max(1, entry.uncompressedSize) });
  } catch (error) {
    const reason =
      (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE'
        ? 'unpacks to more than its declared size'
        : 'is not valid deflate data';
    throw invalid(`The archive entry "${entry.name}" ${reason} (the file is damaged)`);
  }
}
