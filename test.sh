#!/usr/bin/env bash
# Runs every test tier of the Palette SDK (unit, simulated, provider, workload, store).
# First installs what the tests need from Debian's packages when it is missing (needs root for that),
# and starts the local PostgreSQL the JDBC store tests use. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")"

need_apt=()
command -v cloud-init >/dev/null 2>&1 || need_apt+=(cloud-init)
if ((${#need_apt[@]})); then
  if [ "$(id -u)" = 0 ]; then
    echo "test.sh: installing ${need_apt[*]} from Debian's packages"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
  else
    echo "test.sh: missing ${need_apt[*]}; install them (sudo apt-get install ${need_apt[*]}) or the tests that need them fail in CI and skip elsewhere"
  fi
fi

# The JDBC store tests need PostgreSQL on 127.0.0.1:5432 (trust auth, database 'test').
if command -v pg_isready >/dev/null 2>&1 && ! pg_isready -q -h 127.0.0.1 -p 5432; then
  if command -v pg_ctlcluster >/dev/null 2>&1 && [ -d /etc/postgresql ]; then
    echo "test.sh: starting PostgreSQL"
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start || true
  fi
fi

exec mvn -B -ntp verify "$@"
