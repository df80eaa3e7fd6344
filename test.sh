#!/usr/bin/env bash
# Runs every test tier of the Palette SDK: unit, simulated (whole lifecycles on the sim cloud in virtual
# time), the sample provider plug-in under a real engine, the bootstrap user data checked by cloud-init's
# own schema validator, the JDBC stores on H2 and on the machine's PostgreSQL, the vSphere provider against
# VMware's vCenter simulator (built from Debian's Go packages), then builds the Javadoc.
# Installs what the tests need from Debian's packages when it is missing (as root; otherwise it says what
# to install). Safe to run again.
set -euo pipefail
cd "$(dirname "$0")"

need=()
command -v cloud-init >/dev/null 2>&1 || need+=(cloud-init)   # `cloud-init schema` validates rendered user data
# vcsim, VMware's vCenter simulator, is built by the vSphere provider's build from Go and govmomi's source.
command -v go >/dev/null 2>&1 || need+=(golang-go)
[ -d /usr/share/gocode/src/github.com/vmware/govmomi/simulator ] || need+=(golang-github-vmware-govmomi-dev)
if ((${#need[@]})); then
  if [ "$(id -u)" = 0 ]; then
    echo "test.sh: installing ${need[*]} from Debian's packages"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  else
    echo "test.sh: please install ${need[*]} (sudo apt-get install ${need[*]}); the tests that need it fail in CI and skip elsewhere"
  fi
fi

# The JDBC store tests use the machine's PostgreSQL on 127.0.0.1:5432 (trust auth, database 'test').
if command -v pg_isready >/dev/null 2>&1 && ! pg_isready -q -h 127.0.0.1 -p 5432 && [ -d /etc/postgresql ] \
   && command -v pg_ctlcluster >/dev/null 2>&1; then
  echo "test.sh: starting PostgreSQL"
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start || true
fi

exec mvn -B -ntp verify "$@"
