#!/usr/bin/env bash
# Install Stoplight Prism (the OpenAPI mock/validation proxy the reliability suite uses as an
# independent referee) into a project-local, git-ignored folder. Idempotent: a no-op when the
# pinned version is already there. Everything comes from the npm registry; nothing else is fetched.
set -euo pipefail
cd "$(dirname "$0")/.."

PRISM_VERSION=5.16.0
PREFIX=.tools/prism
BIN="$PREFIX/node_modules/.bin/prism"

if [[ -x "$BIN" ]] && [[ "$("$BIN" --version 2>/dev/null)" == "$PRISM_VERSION" ]]; then
    exit 0
fi
if ! command -v npm >/dev/null 2>&1; then
    echo "install_prism: npm not found; the Prism tests will be skipped" >&2
    exit 0
fi

mkdir -p "$PREFIX"
# The folder ignores itself, so the install never shows up in git whatever .gitignore says.
printf '*\n' > .tools/.gitignore
if ! npm install --prefix "$PREFIX" --no-save --no-audit --no-fund --loglevel=error \
    "@stoplight/prism-cli@$PRISM_VERSION"; then
    echo "install_prism: npm install failed; the Prism tests will be skipped" >&2
    exit 0
fi
"$BIN" --version
