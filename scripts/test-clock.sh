#!/usr/bin/env bash
# The suite on the embedded default under a faked wall clock (Debian's faketime), at an
# instant chosen to break a test that reads the real clock: late evening in Los Angeles
# (reminder quiet hours, offices closed) on the day the clocks sprang forward (a 23-hour
# day), when the UTC date has already turned, with the machine's time zone fourteen hours
# ahead of UTC. The suite's own clock (tests/clock.py) is a
# fixed instant, so a test that passes here and at the real time reads no wall clock.
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
instant="2027-03-15 06:30:00"
zone="Pacific/Kiritimati"
meaning="23:30 PDT on Sunday 14 March 2027, the spring-forward day; 20:30 on the 15th on the machine"

# faketime ticks on from the instant at the real rate. (FAKETIME_DONT_FAKE_MONOTONIC
# is left unset: with it, libfaketime makes short sleeps fail with EINVAL.)
echo "== pytest under faketime at $instant UTC, TZ=$zone: $meaning"
TZ=$zone faketime "$instant UTC" "$VENV/bin/python" -m pytest -m "not browser" -n 2 "$@"
