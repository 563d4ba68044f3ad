#!/usr/bin/env bash
# The suite on the embedded default under a faked wall clock (Debian's faketime), at
# instants chosen to break a test that reads the real clock: night in Los Angeles
# (reminder quiet hours, offices closed), the spring-forward night, a leap day more
# than a year ahead, and an evening when the UTC date is already the next day. The
# second pass also runs with the machine's time zone far from the clinic's.
# Browser tests stay out: Chromium keeps the real clock. Extra pytest arguments pass on.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${VENV:-.venv}
./scripts/bootstrap.sh dev

if ! command -v faketime >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing faketime for the faked-clock passes ..."
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq faketime >/dev/null) \
      || { echo "Could not install faketime (apt-get install faketime)." >&2; exit 1; }
  else
    echo "faketime is missing: apt-get install faketime" >&2
    exit 1
  fi
fi

# UTC instant | machine TZ | what it is in Los Angeles
instants=(
  "2027-03-14 09:45:00|UTC|01:45 PST on the spring-forward night (02:00 becomes 03:00 at 10:00 UTC)"
  "2028-03-01 07:30:00|Pacific/Kiritimati|23:30 PST on leap day 2028-02-29, already 1 March in UTC"
)

# faketime ticks on from the instant at the real rate. (FAKETIME_DONT_FAKE_MONOTONIC
# is left unset: with it, libfaketime makes short sleeps fail with EINVAL.)
for entry in "${instants[@]}"; do
  IFS='|' read -r instant zone meaning <<<"$entry"
  echo "== pytest under faketime at $instant UTC, TZ=$zone: $meaning"
  TZ=$zone faketime "$instant UTC" "$VENV/bin/python" -m pytest -m "not browser" -n 2 "$@"
done
