#!/usr/bin/env bash
# Prints the browser shell's Chromium policy (chromium-policy.json) for a kiosk page on PORT: the
# allow-list must name the port the kiosk host listens on (LINLI_KIOSK_PORT), or the kiosk page
# itself is blocked. The policy is otherwise printed as it is. Used by setup-kiosk.sh, and by
# chromium-policy.test.ts to point the policy at its own server.
#
#   chromium-policy.sh PORT
set -euo pipefail

policy="$(dirname "${BASH_SOURCE[0]}")/../chromium-policy.json"
port="${1:-}"

fail() {
  echo "chromium-policy.sh: $*" >&2
  exit 64
}

if [[ ! "$port" =~ ^[1-9][0-9]{0,4}$ ]] || ((port > 65535)); then
  fail "usage: chromium-policy.sh PORT (1-65535), not '$port'"
fi
# The allow-list entry of the default port, exactly once: anything else is an edited policy this
# script would rewrite wrongly.
if [[ "$(grep -c -F '"http://127.0.0.1:7310"' "$policy")" != 1 ]]; then
  fail "$policy must allow \"http://127.0.0.1:7310\" exactly once"
fi
sed "s|\"http://127\\.0\\.0\\.1:7310\"|\"http://127.0.0.1:$port\"|" "$policy"
