#!/usr/bin/env bash
# Runs every test tier of the Palette SDK: unit, simulated (whole lifecycles on the sim cloud in virtual
# time), and the sample provider plug-in under a real engine, then builds the aggregated Javadoc.
# Tiers that need outside tools (cloud-init's schema check, the vSphere simulator, PostgreSQL) will install
# or start them here, so that this one command stays the whole test run.
set -euo pipefail
cd "$(dirname "$0")"
exec mvn -B -ntp verify "$@"
