/**
 * What a page may ask of the session. Electron grants every permission by default, so both the
 * request and the check handler answer: no, unless the permission is one a feature was
 * configured to need and the asker is the app's own main frame. Device choosers (USB, HID,
 * serial) are always refused: devices belong to the host, behind the bridge. Downloads are
 * cancelled: a kiosk has nowhere a resident could take a file.
 */
import type { Session } from 'electron';
import { APP_ORIGIN, isAppUrl } from './app-url';
import type { GrantablePermission } from './shell-config';

type PermissionTarget = Pick<
  Session,
  'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler'
>;

export function guardPermissions(session: PermissionTarget, granted: ReadonlySet<GrantablePermission>): void {
  const grantable = (permission: string) => (granted as ReadonlySet<string>).has(permission);
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(grantable(permission) && details.isMainFrame && isAppUrl(details.requestingUrl));
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) => {
    return grantable(permission) && details.isMainFrame && requestingOrigin === APP_ORIGIN;
  });
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
