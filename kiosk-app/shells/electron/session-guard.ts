/**
 * What a page may ask of the session. Electron grants every permission by default, so both the
 * request and the check handler answer: no, unless the asker is the app's own main frame and
 * either the permission is one a feature was configured to need (LINLI_GRANTED_PERMISSIONS), or
 * it is the camera — video only, never the microphone — while the host says the case form's photo
 * step is on screen (`caseCameraOpen`, kiosk-app/host/cases/case-camera.ts: opened by the page
 * for that step, closed by the step, the submission, the visit's end and a time limit). The host
 * is asked at each request, so a page elsewhere or between visits gets no camera. Device choosers
 * (USB, HID, serial) are always refused: devices belong to the host, behind the bridge. Downloads
 * are cancelled: a kiosk has nowhere a resident could take a file.
 */
import type { Session } from 'electron';
import { APP_ORIGIN, isAppUrl } from './app-url';
import type { GrantablePermission } from './shell-config';

type PermissionTarget = Pick<
  Session,
  'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler'
>;

export interface PermissionPolicy {
  granted: ReadonlySet<GrantablePermission>;
  /** The host's answer: the case form's photo step is on screen now. */
  caseCameraOpen: () => boolean;
}

/** A permission request as Electron describes it (the fields the decision reads). */
export interface PermissionAsk {
  permission: string;
  isMainFrame: boolean;
  requestingUrl: string;
  /** For `media`: what getUserMedia asks for. */
  mediaTypes?: readonly string[];
}

const configured = (policy: PermissionPolicy, permission: string) =>
  (policy.granted as ReadonlySet<string>).has(permission);

/** Whether a permission request is granted (pure; session-guard.test.ts). */
export function grantsRequest(ask: PermissionAsk, policy: PermissionPolicy): boolean {
  if (!ask.isMainFrame || !isAppUrl(ask.requestingUrl)) return false;
  if (configured(policy, ask.permission)) return true;
  const videoOnly = ask.mediaTypes?.length === 1 && ask.mediaTypes[0] === 'video';
  return ask.permission === 'media' && videoOnly && policy.caseCameraOpen();
}

/** Whether a permission check (navigator.permissions, device enumeration) says granted (pure). */
export function grantsCheck(
  check: { permission: string; origin: string; isMainFrame: boolean; mediaType?: string },
  policy: PermissionPolicy,
): boolean {
  if (!check.isMainFrame || check.origin !== APP_ORIGIN) return false;
  if (configured(policy, check.permission)) return true;
  return check.permission === 'media' && check.mediaType === 'video' && policy.caseCameraOpen();
}

export function guardPermissions(
  session: PermissionTarget,
  granted: ReadonlySet<GrantablePermission>,
  caseCameraOpen: () => boolean = () => false,
): void {
  const policy: PermissionPolicy = { granted, caseCameraOpen };
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const mediaTypes = 'mediaTypes' in details ? details.mediaTypes : undefined;
    callback(
      grantsRequest(
        {
          permission,
          isMainFrame: details.isMainFrame,
          requestingUrl: details.requestingUrl,
          ...(mediaTypes && { mediaTypes }),
        },
        policy,
      ),
    );
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    grantsCheck(
      {
        permission,
        origin: requestingOrigin,
        isMainFrame: details.isMainFrame,
        ...(details.mediaType && { mediaType: details.mediaType }),
      },
      policy,
    ),
  );
  session.setDevicePermissionHandler(() => false);
}

/**
 * A page's navigator.hid / serial / usb request opens no chooser: Electron would otherwise pick
 * the first device when no handler answers. Each request is cancelled.
 */
export function refuseDeviceChoosers(session: Pick<Session, 'on'>): void {
  session.on('select-hid-device', (event, _details, callback) => {
    event.preventDefault();
    callback();
  });
  session.on('select-usb-device', (event, _details, callback) => {
    event.preventDefault();
    callback();
  });
  session.on('select-serial-port', (event, _ports, _contents, callback) => {
    event.preventDefault();
    callback('');
  });
}

export function cancelDownloads(session: Pick<Session, 'on'>): void {
  session.on('will-download', (event) => event.preventDefault());
}
