/**
 * Peripherals attached to a kiosk: the ID card reader, receipt and A4 printers, scanners.
 * The configuration file's shape, each device's health, and what an ID card read yields.
 */
import Type from 'typebox';

export const PERIPHERAL_KINDS = ['id-card-reader', 'receipt-printer', 'a4-printer', 'scanner'] as const;
export type PeripheralKind = (typeof PERIPHERAL_KINDS)[number];

const PeripheralId = Type.String({
  pattern: '^[a-z0-9][a-z0-9-]{0,39}$',
  description: 'Short name used in logs and the maintenance screen',
});
const SerialPath = Type.String({
  minLength: 1,
  maxLength: 200,
  description: 'e.g. /dev/ttyUSB0, /dev/serial/by-id/… or COM3',
});
const UsbPrinterPath = Type.String({
  minLength: 1,
  maxLength: 200,
  description: 'USB printer-class device, e.g. /dev/usb/lp0',
});
/**
 * A spooler queue: letters, digits, CJK, spaces and . _ - ( ) （ ）. No quote of any kind, no
 * wildcard and no shell or PowerShell syntax can appear in one.
 */
export const PRINTER_QUEUE_PATTERN = '^[A-Za-z0-9\u4e00-\u9fff][A-Za-z0-9\u4e00-\u9fff ._()（）-]{0,126}$';
const BaudRate = Type.Enum([115200, 57600, 38400, 19200, 9600]);

/** One entry per device in the kiosk's device file; `driver` says how it is reached. */
export const PeripheralConfig = Type.Union([
  Type.Object(
    { id: PeripheralId, driver: Type.Literal('ga467-serial'), path: SerialPath, baudRate: Type.Optional(BaudRate) },
    {
      additionalProperties: false,
      description: '二代证 reader speaking the GA 467 SAM frame protocol over (USB-)serial',
    },
  ),
  Type.Object(
    {
      id: PeripheralId,
      driver: Type.Literal('escpos-tcp'),
      host: Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9.-]{0,252}$', description: 'IPv4 address or host name' }),
      port: Type.Optional(Type.Integer({ minimum: 1, maximum: 65535, default: 9100 })),
      paperWidthMm: Type.Optional(Type.Enum([58, 80])),
    },
    { additionalProperties: false, description: 'ESC/POS receipt printer on the network (raw TCP, usually port 9100)' },
  ),
  Type.Object(
    {
      id: PeripheralId,
      driver: Type.Literal('escpos-serial'),
      path: SerialPath,
      baudRate: Type.Optional(BaudRate),
      paperWidthMm: Type.Optional(Type.Enum([58, 80])),
    },
    { additionalProperties: false, description: 'ESC/POS receipt printer on a serial port' },
  ),
  Type.Object(
    {
      id: PeripheralId,
      driver: Type.Literal('escpos-usb'),
      path: UsbPrinterPath,
      paperWidthMm: Type.Optional(Type.Enum([58, 80])),
    },
    { additionalProperties: false, description: 'ESC/POS receipt printer on USB (printer class, written as a file)' },
  ),
  Type.Object(
    {
      id: PeripheralId,
      driver: Type.Literal('system-printer'),
      printer: Type.Optional(
        Type.String({ pattern: PRINTER_QUEUE_PATTERN, description: 'Queue name; the default printer when absent' }),
      ),
      server: Type.Optional(
        Type.String({
          pattern: '^[A-Za-z0-9.-]{1,253}:[0-9]{1,5}$',
          description:
            "CUPS server as host:port; the system's CUPS (localhost:631) when absent. Ignored by the Windows spooler",
        }),
      ),
    },
    {
      additionalProperties: false,
      description: 'A4 printer through the system spooler (CUPS on Linux, the Windows spooler on Windows)',
    },
  ),
  Type.Object(
    {
      id: PeripheralId,
      driver: Type.Literal('pdf-folder'),
      directory: Type.String({
        minLength: 2,
        maxLength: 500,
        pattern: '^(/|[A-Za-z]:[\\\\/])[^\u0000-\u001f]*$',
        description: 'An existing folder (absolute path) the printed PDFs are written to',
      }),
    },
    {
      additionalProperties: false,
      description:
        'A simulated A4 printer writing each printed form as a PDF into a folder (the demo; checking print-outs)',
    },
  ),
  Type.Object(
    {
      id: PeripheralId,
      driver: Type.Literal('keyboard-wedge-scanner'),
      maxKeyGapMs: Type.Optional(Type.Integer({ minimum: 5, maximum: 200 })),
      minLength: Type.Optional(Type.Integer({ minimum: 2, maximum: 64 })),
    },
    {
      additionalProperties: false,
      description: 'Barcode/QR scanner that types like a keyboard, told apart from people by key timing',
    },
  ),
  Type.Object(
    { id: PeripheralId, driver: Type.Literal('serial-scanner'), path: SerialPath, baudRate: Type.Optional(BaudRate) },
    { additionalProperties: false, description: 'Barcode/QR scanner sending each code as a line on a serial port' },
  ),
]);
export type PeripheralConfig = Type.Static<typeof PeripheralConfig>;
export type PeripheralDriver = PeripheralConfig['driver'];

export const PERIPHERAL_KIND_OF_DRIVER: Record<PeripheralDriver, PeripheralKind> = {
  'ga467-serial': 'id-card-reader',
  'escpos-tcp': 'receipt-printer',
  'escpos-serial': 'receipt-printer',
  'escpos-usb': 'receipt-printer',
  'system-printer': 'a4-printer',
  'pdf-folder': 'a4-printer',
  'keyboard-wedge-scanner': 'scanner',
  'serial-scanner': 'scanner',
};

/** Raw printing ports (JetDirect 9100 and the nine after it): the only ones a pushed devices file may name. */
export const RAW_PRINTER_PORTS = { from: 9100, to: 9109 } as const;
/** The private IPv4 ranges (RFC 1918): where pushed network printers may be unless a kiosk is configured otherwise. */
export const PRIVATE_NETWORKS: readonly string[] = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'];
const CIDR = '([0-9]{1,3}\\.){3}[0-9]{1,3}/[0-9]{1,2}';
/** IPv4 ranges, comma-separated (none: empty). */
export const CIDR_LIST_PATTERN = `^(${CIDR}(,${CIDR})*)?$`;

/** The address as a 32-bit number, or undefined when `text` is not a dotted IPv4 address. */
function ipv4(text: string): number | undefined {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  const parts = match?.slice(1).map(Number);
  if (!parts || parts.some((part) => part > 255)) return undefined;
  return parts.reduce((sum, part) => sum * 256 + part, 0);
}

/** True when `address` is an IPv4 address inside `cidr` (e.g. 192.168.0.0/16). */
export function inNetwork(address: string, cidr: string): boolean {
  const [base, bits] = cidr.split('/');
  const host = ipv4(address);
  const network = ipv4(base ?? '');
  const prefix = Number(bits);
  if (host === undefined || network === undefined || !(prefix >= 0 && prefix <= 32)) return false;
  const size = 2 ** (32 - prefix);
  return Math.floor(host / size) === Math.floor(network / size);
}

/**
 * Device paths a pushed devices file may name: the kernel's serial ports, their stable
 * /dev/serial links, pseudo-terminals (serial-over-network bridges), Windows COM ports, and USB
 * printer-class devices for USB receipt printers. Never an ordinary file the kiosk would open and
 * write.
 */
const PTY = '/dev/pts/[0-9]{1,4}';
const PUSHED_SERIAL_PATH = new RegExp(
  `^(/dev/tty(USB|ACM|S|AMA)[0-9]{1,3}|/dev/serial/by-(id|path)/[A-Za-z0-9][A-Za-z0-9._:+-]{0,199}|${PTY}|COM[0-9]{1,3})$`,
);
const PUSHED_USB_PRINTER_PATH = new RegExp(`^(/dev/usb/lp[0-9]{1,3}|${PTY})$`);

/**
 * What a devices file pushed by the admin server may not do beyond the schema: name a path
 * outside the device allow-list, a PDF folder printer (it writes files), or a network printer
 * outside `networks` or off a raw printing port, so a push can neither overwrite the kiosk's
 * files nor make it probe the hall's network.
 * A kiosk's own file (written on the kiosk by its installer) is not held to this.
 */
export function pushedPeripheralProblems(
  file: PeripheralsFile,
  networks: readonly string[] = PRIVATE_NETWORKS,
): { path: string; message: string }[] {
  return file.peripherals.flatMap((entry, index) => {
    // A folder the kiosk writes files into is the kiosk's own business, never a push's.
    if (entry.driver === 'pdf-folder')
      return [
        { path: `/peripherals/${index}/driver`, message: 'a PDF folder printer is configured on the kiosk only' },
      ];
    if ('path' in entry) {
      const allowed = entry.driver === 'escpos-usb' ? PUSHED_USB_PRINTER_PATH : PUSHED_SERIAL_PATH;
      return allowed.test(entry.path)
        ? []
        : [{ path: `/peripherals/${index}/path`, message: `must be a device (${allowed.source})` }];
    }
    if (entry.driver !== 'escpos-tcp') return [];
    const problems: { path: string; message: string }[] = [];
    if (!networks.some((network) => inNetwork(entry.host, network)))
      problems.push({
        path: `/peripherals/${index}/host`,
        message: `must be an IPv4 address in ${networks.join(', ') || 'no network (none allowed)'}`,
      });
    const port = entry.port ?? 9100;
    if (port < RAW_PRINTER_PORTS.from || port > RAW_PRINTER_PORTS.to)
      problems.push({
        path: `/peripherals/${index}/port`,
        message: `must be a raw printing port, ${RAW_PRINTER_PORTS.from}–${RAW_PRINTER_PORTS.to}`,
      });
    return problems;
  });
}

/** The kiosk's device file (LINLI_DEVICES_FILE). */
export const PeripheralsFile = Type.Object(
  {
    maintenancePin: Type.Optional(
      Type.String({
        pattern: '^[0-9]{4,12}$',
        description: 'Opens the maintenance screen; without it the screen stays closed',
      }),
    ),
    peripherals: Type.Array(PeripheralConfig, { maxItems: 32 }),
  },
  { additionalProperties: false },
);
export type PeripheralsFile = Type.Static<typeof PeripheralsFile>;

/** `starting`: not tried yet (the kiosk just started, or its device worker is restarting). */
export const PERIPHERAL_STATES = ['starting', 'ok', 'offline', 'paper-out', 'error'] as const;
export type PeripheralState = (typeof PERIPHERAL_STATES)[number];

export const PeripheralHealth = Type.Object({
  id: Type.String(),
  kind: Type.Enum(PERIPHERAL_KINDS),
  driver: Type.String(),
  state: Type.Enum(PERIPHERAL_STATES),
  detail: Type.Optional(
    Type.String({
      description:
        'What is wrong, in words, for the technician at the kiosk (never personal data); not sent to the server',
    }),
  ),
  code: Type.Optional(
    Type.String({
      pattern: '^[A-Z][A-Z0-9_]{0,63}$',
      description: 'Why, as a code (e.g. ECONNREFUSED, COVER_OPEN); all the admin server learns of a problem',
    }),
  ),
  since: Type.String({ description: 'When the device entered this state (ISO time)' }),
});
export type PeripheralHealth = Type.Static<typeof PeripheralHealth>;

/**
 * Health as a kiosk reports it to the admin server: codes, never the words, which may name
 * files, addresses and what answered on them.
 */
export function healthReportOf(health: readonly PeripheralHealth[]): PeripheralHealth[] {
  return health.map(({ detail: _kept_on_the_kiosk, ...report }) => report);
}

export const ID_CARD_TYPES = [
  'resident',
  'hk-mo-tw-permit',
  'foreign-permanent-2017',
  'foreign-permanent-2023',
] as const;
export type IdCardType = (typeof ID_CARD_TYPES)[number];

/**
 * What a card holds, decoded; it stays in the kiosk host's memory for one visit. The photo is not
 * here: it is an encrypted blob no open decoder reads, and the kiosk never keeps it.
 */
export interface IdCardData {
  cardType: IdCardType;
  name: string;
  /** Foreign cards carry an English name besides (or instead of) a Chinese one. */
  englishName?: string;
  gender: 'male' | 'female' | 'unknown';
  /** Nation (民族) name for resident cards, e.g. 汉. */
  nation?: string;
  /** GB/T 2659 alpha-3 nationality for foreign cards, e.g. CAN. */
  nationality?: string;
  birthDate: string;
  address?: string;
  idNumber: string;
  issuer?: string;
  validFrom: string;
  /** YYYY-MM-DD, or 长期 for a card without end date. */
  validTo: string;
  /** Mainland travel permit number on J cards. */
  passNumber?: string;
  issueCount?: number;
}

/** The ID card as the screen shows it: masked, and only what the resident needs to recognise. */
export const MaskedIdCard = Type.Object({
  cardType: Type.Enum(ID_CARD_TYPES),
  name: Type.String({ description: '张*三' }),
  idNumber: Type.String({ description: '1101**********002X' }),
  gender: Type.Enum(['male', 'female', 'unknown']),
  nation: Type.Optional(Type.String()),
  nationality: Type.Optional(Type.String()),
  validTo: Type.String(),
});
export type MaskedIdCard = Type.Static<typeof MaskedIdCard>;
