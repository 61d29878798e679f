#!/usr/bin/env bash
# Print the first ```bash block under the README heading "## $1", so CI (and the lock upgrade)
# run the README's commands exactly as written:  bash .ci/readme_block.sh "Run the tests" | bash
set -euo pipefail
cd "$(dirname "$0")/.."
awk -v heading="## $1" '
  $0 == heading { found = 1; next }
  found && /^## / { exit }
  found && /^```bash$/ { inside = 1; next }
  inside && /^```$/ { exit }
  inside { print }
' README.md | grep . || { echo "README.md has no bash block under '## $1'" >&2; exit 1; }
