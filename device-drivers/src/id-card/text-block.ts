/**
 * The 256-byte text block of a resident ID card or permit: UCS-2 little-endian, space padded,
 * with a type flag at offset 248. Each card type lays its fields out differently; the layouts are
 * data here, so decoding and encoding (for the simulator) read the same table.
 */
import { LinliError, type ErrorDetail, type IdCardData, type IdCardType } from '@linli/protocol';
import { isValidIdNumber } from './id-number';
import { nationCode, nationName } from './nations';

export const TEXT_BLOCK_BYTES = 256;
const TYPE_FLAG_OFFSET = 248;

type RawField =
  | 'name'
  | 'gender'
  | 'nation'
  | 'birth'
  | 'address'
  | 'idNumber'
  | 'issuer'
  | 'validFrom'
  | 'validTo'
  | 'passNumber'
  | 'issueCount'
  | 'englishName'
  | 'englishName2'
  | 'nationality';

/** [field, byte offset, byte length] per card type. */
const LAYOUTS: Record<IdCardType, [RawField, number, number][]> = {
  resident: [
    ['name', 0, 30],
    ['gender', 30, 2],
    ['nation', 32, 4],
    ['birth', 36, 16],
    ['address', 52, 70],
    ['idNumber', 122, 36],
    ['issuer', 158, 30],
    ['validFrom', 188, 16],
    ['validTo', 204, 16],
  ],
  'hk-mo-tw-permit': [
    ['name', 0, 30],
    ['gender', 30, 2],
    ['birth', 36, 16],
    ['address', 52, 70],
    ['idNumber', 122, 36],
    ['issuer', 158, 30],
    ['validFrom', 188, 16],
    ['validTo', 204, 16],
    ['passNumber', 220, 18],
    ['issueCount', 238, 4],
  ],
  'foreign-permanent-2017': [
    ['englishName', 0, 120],
    ['gender', 120, 2],
    ['idNumber', 122, 30],
    ['nationality', 152, 6],
    ['name', 158, 30],
    ['validFrom', 188, 16],
    ['validTo', 204, 16],
    ['birth', 220, 16],
  ],
  'foreign-permanent-2023': [
    ['name', 0, 30],
    ['gender', 30, 2],
    ['birth', 36, 16],
    ['englishName', 52, 70],
    ['idNumber', 122, 36],
    ['validFrom', 188, 16],
    ['validTo', 204, 16],
    ['englishName2', 220, 22],
    ['nationality', 242, 6],
  ],
};

const TYPE_FLAGS: Record<string, IdCardType> = {
  ' ': 'resident',
  '\0': 'resident',
  J: 'hk-mo-tw-permit',
  I: 'foreign-permanent-2017',
  Y: 'foreign-permanent-2023',
};
const FLAG_OF_TYPE: Record<IdCardType, string> = {
  resident: ' ',
  'hk-mo-tw-permit': 'J',
  'foreign-permanent-2017': 'I',
  'foreign-permanent-2023': 'Y',
};
const LONG_TERM = '长期';

/** Decodes in place: a copy of the bytes would be one more place a resident's data lingers. */
function readText(block: Uint8Array, offset: number, length: number): string {
  return Buffer.from(block.buffer, block.byteOffset + offset, length)
    .toString('utf16le')
    .replace(/[\s\0]+$/u, '');
}

/** Decodes and checks a text block. Invalid content → ID_CARD_INVALID naming the fields (never their values). */
export function decodeTextBlock(block: Uint8Array): IdCardData {
  if (block.length !== TEXT_BLOCK_BYTES)
    throw new LinliError('ID_CARD_INVALID', `Text block is ${block.length} bytes, expected ${TEXT_BLOCK_BYTES}`);
  const flag = Buffer.from(block.buffer, block.byteOffset + TYPE_FLAG_OFFSET, 2).toString('utf16le');
  const cardType = TYPE_FLAGS[flag];
  if (!cardType)
    throw new LinliError('ID_CARD_INVALID', 'Unknown card type flag', [
      { path: '/cardType', message: 'unknown type flag' },
    ]);
  const raw: Partial<Record<RawField, string>> = {};
  for (const [field, offset, length] of LAYOUTS[cardType]) raw[field] = readText(block, offset, length);

  const problems: ErrorDetail[] = [];
  const problem = (path: string, message: string) => problems.push({ path: `/${path}`, message });
  const date = (field: 'birth' | 'validFrom' | 'validTo', path: string): string => {
    const value = raw[field] ?? '';
    if (field === 'validTo' && value === LONG_TERM) return LONG_TERM;
    const iso = compactDateToIso(value);
    if (!iso) problem(path, 'not a date (YYYYMMDD)');
    return iso ?? '';
  };

  const englishName = [raw.englishName, raw.englishName2].filter(Boolean).join('').trim() || undefined;
  const name = raw.name || englishName || '';
  if (!name) problem('name', 'empty');
  const gender = raw.gender === '1' ? 'male' : raw.gender === '2' ? 'female' : 'unknown';
  if (!/^[0129]$/.test(raw.gender ?? '')) problem('gender', 'not a GB/T 2261.1 code');
  const idNumber = raw.idNumber ?? '';
  if (cardType === 'foreign-permanent-2017') {
    if (!/^[A-Z]{3}\d{12}$/.test(idNumber)) problem('idNumber', 'not a permit number (3 letters and 12 digits)');
  } else if (!isValidIdNumber(idNumber)) {
    problem('idNumber', 'not an 18-character number with a valid check character');
  }
  const card: IdCardData = {
    cardType,
    name,
    ...(englishName && englishName !== name ? { englishName } : {}),
    gender,
    birthDate: date('birth', 'birthDate'),
    idNumber,
    validFrom: date('validFrom', 'validFrom'),
    validTo: date('validTo', 'validTo'),
  };
  if (raw.nation !== undefined) {
    const nation = nationName(raw.nation);
    if (!nation) problem('nation', 'not a GB 3304 nation code');
    card.nation = nation ?? '';
  }
  if (raw.nationality !== undefined) {
    if (!/^[A-Z]{3}$/.test(raw.nationality)) problem('nationality', 'not a GB/T 2659 alpha-3 code');
    card.nationality = raw.nationality;
  }
  if (raw.address) card.address = raw.address;
  if (raw.issuer) card.issuer = raw.issuer;
  if (raw.passNumber) card.passNumber = raw.passNumber;
  if (raw.issueCount) {
    if (!/^\d+$/.test(raw.issueCount)) problem('issueCount', 'not a number');
    card.issueCount = Number(raw.issueCount);
  }
  if (problems.length > 0)
    throw new LinliError(
      'ID_CARD_INVALID',
      `ID card data not valid: ${problems.map((p) => p.path.slice(1)).join(', ')}`,
      problems,
    );
  return card;
}

/** The reverse of decodeTextBlock, for the reader simulator and tests. */
export function encodeTextBlock(card: IdCardData): Buffer {
  const block = Buffer.alloc(TEXT_BLOCK_BYTES);
  const write = (offset: number, length: number, text: string) => {
    const bytes = Buffer.from(text.padEnd(length / 2, ' '), 'utf16le');
    if (bytes.length > length)
      throw new RangeError(`A field of ${text.length} characters does not fit its ${length} bytes`);
    bytes.copy(block, offset);
  };
  const englishName = card.englishName ?? (card.cardType === 'foreign-permanent-2017' ? card.name : '');
  const values: Record<RawField, string> = {
    name: card.cardType === 'foreign-permanent-2017' && card.name === englishName ? '' : card.name,
    gender: { male: '1', female: '2', unknown: '0' }[card.gender],
    nation: card.nation ? (nationCode(card.nation) ?? '') : '',
    birth: card.birthDate.replaceAll('-', ''),
    address: card.address ?? '',
    idNumber: card.idNumber,
    issuer: card.issuer ?? '',
    validFrom: card.validFrom.replaceAll('-', ''),
    validTo: card.validTo === LONG_TERM ? LONG_TERM : card.validTo.replaceAll('-', ''),
    passNumber: card.passNumber ?? '',
    issueCount: card.issueCount === undefined ? '' : String(card.issueCount).padStart(2, '0'),
    englishName: card.cardType === 'foreign-permanent-2023' ? englishName.slice(0, 35) : englishName,
    englishName2: englishName.slice(35),
    nationality: card.nationality ?? '',
  };
  block.fill(Buffer.from(' ', 'utf16le'));
  for (const [field, offset, length] of LAYOUTS[card.cardType]) write(offset, length, values[field]);
  write(TYPE_FLAG_OFFSET, 2, FLAG_OF_TYPE[card.cardType]);
  return block;
}

function compactDateToIso(value: string): string | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})$/.exec(value);
  if (!match) return undefined;
  const [, year, month, day] = match;
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  if (date.getUTCMonth() !== Number(month) - 1 || date.getUTCDate() !== Number(day)) return undefined;
  return `${year}-${month}-${day}`;
}
