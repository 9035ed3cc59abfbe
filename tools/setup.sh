#!/usr/bin/env bash
# One-command set-up for a fresh machine: pnpm, dependencies, the browser the
# browser tests drive, then the full build (lint, bundle, generate, docs).
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v pnpm >/dev/null 2>&1; then
  echo "setup: pnpm not found, installing pnpm@10 with npm"
  npm install -g pnpm@10
fi

if ! command -v chromium >/dev/null 2>&1 && [ ! -x /usr/bin/chromium ]; then
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = "0" ]; then
    echo "setup: installing Debian's chromium for the browser tests"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "setup: chromium is missing; the browser tests need /usr/bin/chromium (Debian: apt-get install chromium)" >&2
  fi
fi

export REDOCLY_TELEMETRY=off
pnpm install --frozen-lockfile=false
pnpm build
