#!/usr/bin/env bash
# Makes a CUPS configuration keep no printed document: a filled form carries a resident's full ID
# number. Job files go as soon as a job ends; the job's record (no document) stays a minute, long
# enough for the kiosk to read the job's final state (with PreserveJobHistory No a finished job
# vanishes before the driver sees it complete, and every print would be reported as failed).
# Replaces the settings where the file has them, adds them where not; running it again changes
# nothing. Used by setup-kiosk.sh on /etc/cups/cupsd.conf.
#
#   cups-keep-no-jobs.sh CUPSD_CONF
set -euo pipefail

conf="${1:?usage: cups-keep-no-jobs.sh CUPSD_CONF}"
for setting in 'PreserveJobFiles No' 'PreserveJobHistory 60'; do
  name="${setting%% *}"
  if grep -q "^[[:space:]]*${name}[[:space:]]" "$conf"; then
    sed -i "s/^[[:space:]]*${name}[[:space:]].*/${setting}/" "$conf"
  else
    echo "$setting" >>"$conf"
  fi
done
