#!/usr/bin/env bash
# Turns a Debian 12 machine (also the route for UOS / Kylin) into a Linli kiosk: a dedicated
# `kiosk` user with no login shell, auto-started under cage on tty7, restarted whenever it ends,
# with SysRq, Ctrl+Alt+Del, spare VTs and USB storage switched off. Run as root from this
# folder's copy; run again after an update (it is idempotent), then reboot.
#
#   setup-kiosk.sh electron   the packaged Electron app, installed in /opt/linli-kiosk (.deb)
#   setup-kiosk.sh browser    Chromium on the browser shell, whose host runs from /opt/linli
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
shell="${1:-electron}"

[[ $EUID -eq 0 ]] || { echo "setup-kiosk.sh: run as root" >&2; exit 1; }
[[ "$shell" == electron || "$shell" == browser ]] || { echo "usage: setup-kiosk.sh electron|browser" >&2; exit 64; }

packages=(cage)
[[ "$shell" == browser ]] && packages+=(chromium)
apt-get install --yes --no-install-recommends "${packages[@]}"

# The kiosk user: a system account without password or shell; its home is the unit's state
# directory (created and owned by systemd through StateDirectory=).
if ! id kiosk >/dev/null 2>&1; then
  useradd --system --no-create-home --home-dir /var/lib/linli-kiosk --shell /usr/sbin/nologin kiosk
fi

install -D -m 0644 "$here/linli-kiosk@.service" /etc/systemd/system/linli-kiosk@.service
install -D -m 0644 "$here/pam-linli-kiosk" /etc/pam.d/linli-kiosk
install -D -m 0644 "$here/90-linli-kiosk.conf" /etc/sysctl.d/90-linli-kiosk.conf
install -D -m 0644 "$here/system-linli-kiosk.conf" /etc/systemd/system.conf.d/linli-kiosk.conf
install -D -m 0644 "$here/logind-linli-kiosk.conf" /etc/systemd/logind.conf.d/linli-kiosk.conf
install -D -m 0644 "$here/no-usb-storage.conf" /etc/modprobe.d/linli-no-usb-storage.conf
# Settings are the operator's: install the example once, never overwrite.
[[ -e /etc/linli/kiosk.env ]] || install -D -m 0600 "$here/kiosk.env.example" /etc/linli/kiosk.env

dropin=/etc/systemd/system/linli-kiosk@.service.d/browser-shell.conf
if [[ "$shell" == browser ]]; then
  install -D -m 0644 "$here/../chromium-flags.txt" /etc/linli/chromium-flags.txt
  install -D -m 0755 "$here/chromium-kiosk.sh" /usr/local/bin/linli-chromium-kiosk
  install -D -m 0644 "$here/linli-kiosk-host.service" /etc/systemd/system/linli-kiosk-host.service
  # Where the host's updates are bound (BindPaths in the unit): the mount point must exist.
  install -d -m 0755 /opt/linli/updates
  install -D -m 0644 "$here/browser-shell.conf" "$dropin"
  # Chromium's managed policy: only the kiosk page opens, with no DevTools, downloads, print
  # dialogs, file pickers or extensions. Its allow-list names the port the host listens on
  # (LINLI_KIOSK_PORT in kiosk.env, 7310 by default): run this script again after changing it.
  kiosk_port="$(sed -n 's/^LINLI_KIOSK_PORT=//p' /etc/linli/kiosk.env | tail -n 1)"
  policy="$(mktemp)"
  trap 'rm -f "$policy"' EXIT
  bash "$here/chromium-policy.sh" "${kiosk_port:-7310}" >"$policy"
  install -D -m 0644 -o root -g root "$policy" /etc/chromium/policies/managed/linli-kiosk.json
else
  rm -f "$dropin" /etc/chromium/policies/managed/linli-kiosk.json
fi

# CUPS keeps no printed document (filled forms carry full ID numbers): cups-keep-no-jobs.sh.
if [[ -f /etc/cups/cupsd.conf ]]; then
  bash "$here/cups-keep-no-jobs.sh" /etc/cups/cupsd.conf
  systemctl try-restart cups.service
fi

systemctl mask ctrl-alt-del.target
sysctl --system >/dev/null
systemctl daemon-reload
if [[ "$shell" == browser ]]; then systemctl enable linli-kiosk-host.service; fi
systemctl set-default graphical.target
systemctl enable linli-kiosk@tty7.service
echo "Linli kiosk ($shell shell) set up; reboot to start it. Settings: /etc/linli/kiosk.env"
