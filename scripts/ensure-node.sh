# Sourced by .ci/run and scripts/start.sh: puts Node 24 (or newer) first on PATH,
# installing it from the npm registry when the machine's Node is older.
required_major=24
current_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }
export PATH="/usr/local/bin:$PATH"
hash -r
if [ "$(current_major)" -lt "$required_major" ]; then
  echo "Node $(node --version 2>/dev/null || echo none) is older than $required_major; installing node@$required_major from the npm registry…"
  npm i -g --prefix /usr/local "node@$required_major" --no-audit --no-fund >/dev/null 2>&1 \
    || { echo "Could not install node@$required_major (npm i -g --prefix /usr/local node@$required_major)"; exit 1; }
  hash -r
fi
echo "Using Node $(node --version) at $(command -v node)"
