#!/usr/bin/env bash
# Installs code-server 4.100.3 (VS Code 1.100.3, the last release that runs on Node 20) from
# the npm registry into DIR, without its install scripts (they download prebuilt binaries,
# which cannot work offline), then builds its native modules from source. Idempotent: a
# finished install leaves DIR/.installed and is reused.
#
#   tests/editors/vscode/install-code-server.sh DIR
set -euo pipefail

dir="$1"
version=4.100.3
if [ -f "$dir/.installed" ] && [ "$(cat "$dir/.installed")" = "$version" ]; then
    exit 0
fi
rm -rf "$dir"
mkdir -p "$dir"
cd "$dir"
npm init -y >/dev/null
export npm_config_nodedir=/usr npm_config_unsafe_perm=true npm_config_yes=true
npm install --no-audit --no-fund --ignore-scripts "code-server@$version"
cd node_modules/code-server/lib/vscode
npm install --no-audit --no-fund --omit=dev --ignore-scripts
# @vscode/ripgrep's install script downloads rg; Debian's ripgrep stands in for it.
mkdir -p node_modules/@vscode/ripgrep/bin
cp "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
npm rebuild --foreground-scripts
ln -sfn node_modules node_modules.asar
(cd bin/remote-cli && ln -sfn code-linux.sh code-server)
(cd bin/helpers && ln -sfn browser-linux.sh browser.sh)
(cd extensions && npm install --no-audit --no-fund --omit=dev)
cd ../../../..
npm rebuild argon2
echo "$version" > .installed
