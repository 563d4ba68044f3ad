#!/usr/bin/env bash
# Set up and run VeinFlow: virtualenv, install, migrate, demo data, web server,
# and one Celery worker with the beat scheduler (on Redis when REDIS_URL is set, otherwise
# on the embedded broker in var/celery/).
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${VENV:-.venv}
./scripts/bootstrap.sh runtime
PY="$VENV/bin/python"
HOST=${HOST:-127.0.0.1}
PORT=${PORT:-8000}

"$PY" manage.py migrate --no-input
"$PY" manage.py load_demo
DEMO_TOTP_SECRET=$("$PY" manage.py demo_code --secret)

pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; }
trap cleanup EXIT INT TERM

if [ -n "${REDIS_URL:-}" ]; then
  if "$PY" -c "import os, redis; redis.Redis.from_url(os.environ['REDIS_URL'], socket_connect_timeout=2).ping()" 2>/dev/null; then
    echo "Redis answers at $REDIS_URL: starting a Celery worker with the beat scheduler."
    "$VENV/bin/celery" -A clinic worker --beat --loglevel=INFO --concurrency=2 &
    pids+=($!)
  else
    echo "REDIS_URL is set but Redis does not answer; start it, or unset REDIS_URL for the embedded broker." >&2
    exit 1
  fi
else
  # The embedded default: the same worker and beat on a broker kept in folders under
  # var/celery/ (no server). Gossip and mingle only matter between several workers.
  echo "No REDIS_URL: starting a Celery worker with the beat scheduler on the embedded broker (var/celery/)."
  "$VENV/bin/celery" -A clinic worker --beat --loglevel=INFO --concurrency=2 --without-gossip --without-mingle &
  pids+=($!)
fi

cat <<MSG

VeinFlow is starting at http://$HOST:$PORT/

Demo logins (password for all: veinflow-demo):
  front desk    frontdesk     + second factor, see below
  sonographer   sonographer   + second factor
  physician     physician     + second factor
  clinic admin  admin         + second factor
  practice mgr  manager       + second factor (the practice dashboard)
  patient       patient       (the portal, at /portal/: the demo patient Marguerite Oakhollow;
                              no second factor unless turned on)

Second factor for the five staff logins (DEMO ONLY: this key is published):
  the current code:   .venv/bin/python manage.py demo_code
  or add this key to an authenticator app:  $DEMO_TOTP_SECRET
  (otpauth://totp/VeinFlow%20demo:frontdesk?secret=$DEMO_TOTP_SECRET&issuer=VeinFlow%20demo)

The public vein screening form: http://$HOST:$PORT/screening/

Reminder emails and texts are printed here, in this console, by the worker
(the beat claims due reminders every minute).
MSG
echo
exec "$PY" manage.py runserver "$HOST:$PORT"
