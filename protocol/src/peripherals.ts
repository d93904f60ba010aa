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
const SerialPath = Type.String({ minLength: 1, maxLength: 200, description: 'e.g. /dev/ttyUSB0 or COM3' });
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
      host: Type.String({ minLength: 1, maxLength: 200 }),
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
      path: Type.String({ minLength: 1, maxLength: 200, description: 'USB printer-class device, e.g. /dev/usb/lp0' }),
      paperWidthMm: Type.Optional(Type.Enum([58, 80])),
    },
    { additionalProperties: false, description: 'ESC/POS receipt printer on USB (printer class, written as a file)' },
  ),
  Type.Object(
    {
      id: PeripheralId,
      driver: Type.Literal('system-printer'),
      printer: Type.Optional(
        Type.String({ minLength: 1, maxLength: 200, description: 'Queue name; the default printer when absent' }),
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
  'keyboard-wedge-scanner': 'scanner',
  'serial-scanner': 'scanner',
};

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
  detail: Type.Optional(Type.String({ description: 'What is wrong, for the technician (never personal data)' })),
  since: Type.String({ description: 'When the device entered this state (ISO time)' }),
});
export type PeripheralHealth = Type.Static<typeof PeripheralHealth>;

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
