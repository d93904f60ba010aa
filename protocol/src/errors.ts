/**
 * The one catalog of error codes. Every failure that crosses a process boundary (HTTP reply,
 * kiosk bridge, CLI) carries one of these codes, a message for people and optional field details.
 */
import Type from 'typebox';

export const ERRORS = {
  VALIDATION_FAILED: { status: 400, message: 'The request is not valid' },
  BODY_TOO_LARGE: { status: 413, message: 'The request body is larger than this endpoint accepts' },
  CONTENT_TYPE_UNSUPPORTED: { status: 415, message: 'This endpoint does not accept that content type' },
  BODY_NOT_JSON: { status: 400, message: 'The request body is not valid JSON' },
  BODY_REQUIRED: { status: 400, message: 'This request must carry a body' },
  URL_INVALID: { status: 400, message: 'The address is not valid: a part of it is too long or not UTF-8' },
  IMPORT_INVALID: { status: 400, message: 'The import file is not valid; nothing was imported' },
  CAP_INVALID: { status: 400, message: 'The document is not a valid CAP 1.2 alert' },
  FEED_UNREACHABLE: { status: 502, message: "The alert source's feed could not be fetched" },
  FEED_INVALID: {
    status: 502,
    message: "The alert source's feed is not a CAP document, an Atom feed or an RSS feed",
  },
  SIGNATURE_INVALID: {
    status: 422,
    message: 'The content is not signed by a key this device trusts, or was changed after signing',
  },
  UNAUTHENTICATED: { status: 401, message: 'Sign-in required' },
  BAD_CREDENTIALS: { status: 401, message: 'Wrong user name or password' },
  DEVICE_UNKNOWN: { status: 401, message: 'Unknown or revoked device' },
  ALERT_SOURCE_UNKNOWN: { status: 401, message: 'Unknown or revoked alert source key' },
  ENROLLMENT_CODE_INVALID: { status: 401, message: 'The enrollment code is not valid' },
  BRIDGE_TOKEN_INVALID: { status: 401, message: 'Missing or wrong kiosk boot token' },
  METRICS_TOKEN_INVALID: { status: 401, message: 'Missing or wrong metrics token' },
  TOTP_REQUIRED: { status: 401, message: 'Enter the code from your authenticator app' },
  TOTP_WRONG: { status: 401, message: 'The authenticator code is wrong or already used' },
  ACCOUNT_LOCKED: { status: 423, message: 'This account is locked after repeated failed sign-ins' },
  ACCOUNT_DISABLED: { status: 401, message: 'This account is disabled' },
  PASSWORD_CHANGE_REQUIRED: {
    status: 403,
    message: 'Choose a password of your own first: this one was set by an administrator',
  },
  CSRF_TOKEN_INVALID: { status: 403, message: "The request did not carry this session's CSRF token" },
  FORBIDDEN: { status: 403, message: 'You may not do this here' },
  REVIEW_STATE_INVALID: { status: 409, message: 'The item is not in a state that allows this' },
  EDIT_CONFLICT: { status: 409, message: 'Someone saved a newer version first; reload it and edit again' },
  VERSION_REQUIRED: { status: 428, message: 'Name the version you edit in the If-Match header' },
  SECOND_PERSON_REQUIRED: { status: 403, message: 'Someone other than the last editor must approve this' },
  COMMAND_ANSWERED: { status: 409, message: 'This command was already answered' },
  MEDIA_TYPE_UNSUPPORTED: {
    status: 415,
    message: 'Only PNG, JPEG, GIF, WebP, PDF, MP4 and WebM files can be uploaded',
  },
  MEDIA_TOO_LARGE: { status: 413, message: 'The file is larger than its type allows' },
  MEDIA_IN_USE: { status: 409, message: 'The file is still used by content' },
  PASSWORD_WEAK: { status: 400, message: 'The password is too weak' },
  ORG_CODE_INVALID: { status: 400, message: 'The division code does not fit this level of the organisation tree' },
  ORG_NOT_EMPTY: { status: 409, message: 'The organisation still has nodes, users or devices under it' },
  TOO_MANY_ATTEMPTS: { status: 429, message: 'Too many failed attempts; wait and try again' },
  NOT_FOUND: { status: 404, message: 'Not found' },
  ALREADY_EXISTS: { status: 409, message: 'An item with this id already exists' },
  ID_MISMATCH: { status: 400, message: 'The id in the body does not match the id in the path' },
  RESYNC_REQUIRED: { status: 409, message: 'The sync cursor is too old; download everything again' },
  VERSION_NOT_SUPPORTED: {
    status: 426,
    message: 'This app speaks a protocol version the server does not support; update the app',
  },
  SERVER_UNREACHABLE: { status: 503, message: 'The admin server cannot be reached' },
  SERVER_REPLY_INVALID: { status: 502, message: 'The admin server sent something the protocol does not allow' },
  SPEECH_UNAVAILABLE: { status: 503, message: 'Read-aloud is not available on this kiosk' },
  PERIPHERAL_UNKNOWN: { status: 404, message: 'No such device is configured on this kiosk' },
  PERIPHERAL_UNAVAILABLE: { status: 503, message: 'The device is not connected or not ready' },
  DEVICE_PROTOCOL_ERROR: { status: 502, message: 'The device sent something its protocol does not allow' },
  ID_CARD_TIMEOUT: { status: 408, message: 'No ID card was placed on the reader in time' },
  ID_CARD_READ_FAILED: { status: 502, message: 'The ID card could not be read; place it again' },
  ID_CARD_INVALID: { status: 422, message: 'The data read from the ID card is not valid' },
  PRINTER_PAPER_OUT: { status: 503, message: 'The printer is out of paper' },
  PRINTER_COVER_OPEN: { status: 503, message: 'The printer cover is open' },
  PRINT_FAILED: { status: 502, message: 'The print job failed' },
  FORM_INVALID: { status: 400, message: 'The form definition or its data is not valid' },
  GLYPH_UNAVAILABLE: { status: 422, message: 'Some characters exist in none of the available fonts' },
  MAINTENANCE_PIN_WRONG: { status: 401, message: 'Wrong maintenance PIN' },
  BILL_ACCOUNT_UNKNOWN: { status: 404, message: 'The utility has no account with this number' },
  BILL_ACCOUNT_CLOSED: { status: 409, message: 'This utility account is closed' },
  BILL_PROVIDER_TIMEOUT: { status: 504, message: 'The utility did not answer in time' },
  BILL_PROVIDER_UNAVAILABLE: { status: 503, message: "The utility's service cannot be reached now" },
  BILL_PROVIDER_REPLY_INVALID: { status: 502, message: 'The utility answered with something that is not a bill' },
  BILL_PROVIDER_CONFIG_INVALID: { status: 400, message: 'The bill provider configuration is not valid' },
  PAYMENT_EXPIRED: { status: 410, message: 'The payment code expired before it was paid' },
  PAYMENT_FAILED: { status: 402, message: 'The payment did not go through' },
  DESK_LOCKED: { status: 423, message: 'The desk is locked: enter your PIN' },
  DESK_PIN_WRONG: { status: 401, message: 'Wrong PIN' },
  CASE_STATE_INVALID: { status: 409, message: 'The case is not in a state that allows this' },
  CASE_CHANGED: { status: 409, message: 'Someone changed the case meanwhile; reload it and try again' },
  CASE_CATEGORY_UNKNOWN: { status: 400, message: 'No such category in the case catalogue' },
  QUEUE_NO_HALL: { status: 404, message: 'No service hall gives queue tickets here' },
  QUEUE_CLOSED: { status: 409, message: 'This business gives no tickets now' },
  QUEUE_FULL: { status: 409, message: 'No more tickets for this business today' },
  QUEUE_EMPTY: { status: 404, message: 'Nobody is waiting for this window' },
  QUEUE_WINDOW_BUSY: {
    status: 409,
    message: 'The window is still serving a ticket: finish, transfer or mark it missed first',
  },
  QUEUE_WINDOW_PAUSED: { status: 409, message: 'The window is paused' },
  QUEUE_TICKET_STATE_INVALID: { status: 409, message: 'The ticket is not in a state that allows this' },
  QUEUE_NOT_RATEABLE: { status: 409, message: 'Only a ticket finished at this window can be rated here' },
  QUEUE_RATING_CLOSED: { status: 409, message: 'The time to rate this ticket has passed' },
  APPOINTMENT_UNAVAILABLE: { status: 409, message: 'That slot cannot be booked' },
  APPOINTMENT_FULL: { status: 409, message: 'That slot is fully booked' },
  APPOINTMENT_DUPLICATE: { status: 409, message: 'This resident has booked this business on that day already' },
  APPOINTMENT_NOT_FOUND: { status: 404, message: 'No booking matches' },
  APPOINTMENT_TOO_EARLY: { status: 409, message: 'Check-in has not opened for this booking yet' },
  APPOINTMENT_TOO_LATE: { status: 409, message: 'Check-in for this booking has closed' },
  CITY_PLATFORM_UNAVAILABLE: { status: 503, message: 'The city platform cannot be reached now' },
  CITY_PLATFORM_REFUSED: { status: 502, message: 'The city platform refused the case' },
  CITY_SIGNATURE_INVALID: { status: 401, message: 'The update is not signed with the city platform secret' },
  DATABASE_UNAVAILABLE: { status: 503, message: 'The database cannot be reached now; try again shortly' },
  DATABASE_TOO_NEW: { status: 500, message: 'The database was written by a newer version of Linli' },
  CONFIG_INVALID: { status: 500, message: 'The configuration is not valid' },
  BACKUP_INVALID: { status: 400, message: 'The file is not a Linli backup, or it is damaged' },
  BACKUP_VERSION_MISMATCH: { status: 409, message: 'The backup was made by another version of Linli' },
  RESTORE_TARGET_IN_USE: { status: 409, message: 'The database to restore into already holds an organisation' },
  RELEASE_EXISTS: { status: 409, message: 'This app already has a release of that version' },
  RELEASE_FILE_EXISTS: {
    status: 409,
    message: 'This release already has a file for that platform; publish a new version instead',
  },
  RELEASE_FILE_INVALID: { status: 400, message: 'The file is not a package for that platform' },
  RELEASE_SIGNATURE_REQUIRED: { status: 400, message: 'A browser-shell archive must carry its Ed25519 signature' },
  RELEASE_WITHDRAWN: { status: 409, message: 'The release was withdrawn; publish a new version instead' },
  RELEASE_EMPTY: { status: 409, message: "Upload the release's files before rolling it out" },
  STORAGE_FULL: {
    status: 507,
    message: "The device's disk is full; the download stopped and will resume when there is room",
  },
  UPDATE_INVALID: { status: 422, message: 'The update is damaged or not signed by a key this device trusts' },
  INTERNAL: { status: 500, message: 'Internal error' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERRORS;

export const ErrorDetail = Type.Object({ path: Type.String(), message: Type.String() });
export type ErrorDetail = Type.Static<typeof ErrorDetail>;

export const ErrorBody = Type.Object(
  {
    error: Type.Object({
      code: Type.String(),
      message: Type.String(),
      details: Type.Optional(Type.Array(ErrorDetail)),
    }),
  },
  { $id: 'ErrorBody' },
);
export type ErrorBody = Type.Static<typeof ErrorBody>;

/** An expected failure, carried as a value with its code; thrown only to unwind to a boundary. */
export class LinliError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorDetail[] | undefined;

  /** `options.cause`: the failure this one reports, kept for the server's log. */
  constructor(code: ErrorCode, message?: string, details?: ErrorDetail[], options?: ErrorOptions) {
    super(message ?? ERRORS[code].message, options);
    this.name = 'LinliError';
    this.code = code;
    this.details = details;
  }

  get status(): number {
    return ERRORS[this.code].status;
  }

  toBody(): ErrorBody {
    return { error: { code: this.code, message: this.message, ...(this.details ? { details: this.details } : {}) } };
  }
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(ERRORS, value);
}

/** Rebuilds a LinliError from a reply body (the receiving side of `toBody`). */
export function errorFromBody(body: unknown): LinliError | undefined {
  const error = (body as Partial<ErrorBody> | null)?.error;
  if (!error || !isErrorCode(error.code)) return undefined;
  return new LinliError(error.code, error.message, error.details);
}
