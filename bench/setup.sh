#!/usr/bin/env bash
# Installs what the HOLD peers of the engine benchmark need (../shared/peers/README.md), on Debian 12:
# g++ (C++ std::priority_queue and 4-ary heap peers), SimPy 3 (python3-simpy3, not python3-simpy,
# which is SimPy 2) and SimGrid 3.32 (libsimgrid-dev). Run as root: bash bench/setup.sh
# CI does not run benchmarks and does not need this. `npm run bench` skips a missing peer with a note.
set -euo pipefail
if [[ $(id -u) -ne 0 ]]; then
  echo "bench/setup.sh: run as root (it calls apt-get install)" >&2
  exit 1
fi
apt-get update
apt-get install -y g++ python3-simpy3 libsimgrid-dev
