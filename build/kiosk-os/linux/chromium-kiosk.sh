#!/usr/bin/env bash
# Starts Chromium full-screen on the kiosk page of the browser shell (served by
# linli-kiosk-host.service on 127.0.0.1). Run by cage from linli-kiosk@.service with the
# browser-shell drop-in. The flags come from chromium-flags.txt; this script adds only a
# throw-away profile and the URL, and refuses flags that would open a debugging port, weaken
# the sandbox, or point the browser at a profile or page of someone else's choosing.
set -euo pipefail

flags_file="${LINLI_CHROMIUM_FLAGS_FILE:-/etc/linli/chromium-flags.txt}"
chromium="${LINLI_CHROMIUM:-/usr/bin/chromium}"
# The host's port (kiosk.env), which the Chromium policy's allow-list also names.
kiosk_url="${LINLI_KIOSK_URL:-http://127.0.0.1:${LINLI_KIOSK_PORT:-7310}/}"

fail() {
  echo "linli-chromium-kiosk: $*" >&2
  exit 64
}

[[ "$kiosk_url" =~ ^http://127\.0\.0\.1:([0-9]+)/$ ]] || fail "refusing URL $kiosk_url: the kiosk page is served on http://127.0.0.1:PORT/ only"
port="${BASH_REMATCH[1]}"

flags=()
while IFS= read -r line || [[ -n "$line" ]]; do
  line="${line%%#*}"
  line="${line//[[:space:]]/}"
  [[ -z "$line" ]] && continue
  case "$line" in
    --remote-debugging* | --remote-allow-origins* | --no-sandbox* | --disable-web-security* | --user-data-dir* | --load-extension* | --app=*)
      fail "refusing flag $line from $flags_file" ;;
  esac
  flags+=("$line")
done <"$flags_file"

# Wait up to a minute for the host, so the first screen is the app rather than an error page.
for _ in $(seq 1 60); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then break; fi
  sleep 1
done

# A fresh profile per start, in the user's runtime directory (tmpfs), removed on exit: nothing
# of one session survives into the next even if incognito were bypassed.
profile="$(mktemp -d "${XDG_RUNTIME_DIR:-/tmp}/linli-chromium.XXXXXX")"
trap 'rm -rf "$profile"' EXIT

"$chromium" "${flags[@]}" "--user-data-dir=$profile" "$kiosk_url"
