#!/usr/bin/env bash
# Executes notebooks headlessly on the "java" kernel and renders them, failing when any cell fails.
#
#   notebooks/run-notebooks.sh                 run every notebooks/*.ipynb
#   notebooks/run-notebooks.sh NB.ipynb ...    run only these
#   notebooks/run-notebooks.sh --strip [NB...] remove outputs from notebooks before committing
#
# Results land in notebooks/target/rendered/: NAME.ipynb (executed), NAME.html (charts embedded)
# and NAME.log (nbconvert's output). Committed notebooks must carry no outputs; this script
# refuses to run otherwise. Environment: NOTEBOOKS_CELL_TIMEOUT (seconds per cell, default 600).
set -euo pipefail

NOTEBOOKS_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
JUPYTER="${JUPYTER:-/usr/bin/jupyter}" # as in setup.sh
RENDERED_DIR="$NOTEBOOKS_DIR/target/rendered"
CELL_TIMEOUT="${NOTEBOOKS_CELL_TIMEOUT:-600}"

say() { echo "[notebooks] $*"; }

"$NOTEBOOKS_DIR/setup.sh"
export JUPYTER_PATH="$NOTEBOOKS_DIR/target/jupyter${JUPYTER_PATH:+:$JUPYTER_PATH}"
# Silences a debugger warning that ipykernel's dependencies print on every Jupyter start.
export PYDEVD_DISABLE_FILE_VALIDATION=1
KERNEL_JAR="$(ls -t "$NOTEBOOKS_DIR"/kernel/target/cryptomargin-notebooks-kernel-*-all.jar | head -n 1)"

inspect() { java -cp "$KERNEL_JAR" io.cryptomargin.notebooks.kernel.NotebookInspector "$@"; }

strip_mode=false
if [ "${1:-}" = "--strip" ]; then
  strip_mode=true
  shift
fi
notebooks=("$@")
if [ ${#notebooks[@]} -eq 0 ]; then
  shopt -s nullglob
  notebooks=("$NOTEBOOKS_DIR"/*.ipynb)
  shopt -u nullglob
fi
if [ ${#notebooks[@]} -eq 0 ]; then
  say "no notebooks in $NOTEBOOKS_DIR"
  exit 0
fi

if $strip_mode; then
  "$JUPYTER" nbconvert --clear-output --inplace --log-level=WARN "${notebooks[@]}"
  say "stripped outputs from ${#notebooks[@]} notebook(s)"
  exit 0
fi

if ! inspect check-stripped "${notebooks[@]}"; then
  say "ERROR: notebooks must be committed without outputs; strip them with: notebooks/run-notebooks.sh --strip"
  exit 1
fi

# Shows the part of a failure log that names the cell and the error, without terminal colours.
show_failure() {
  local log="$1" plain
  plain="$(sed 's/\x1b\[[0-9;]*m//g' "$log")"
  if grep -qE '^(nbclient\.exceptions\.[A-Za-z]+|[A-Za-z_.]*(Error|Exception)): ' <<<"$plain"; then
    sed -n '/^\(nbclient\.exceptions\.[A-Za-z]*\|[A-Za-z_.]*\(Error\|Exception\)\): /,$p' <<<"$plain" | head -n 80
  else
    tail -n 30 <<<"$plain"
  fi | sed 's/^/    /'
}

mkdir -p "$RENDERED_DIR"
passed=0
failed=()
for notebook in "${notebooks[@]}"; do
  name="$(basename "$notebook" .ipynb)"
  log="$RENDERED_DIR/$name.log"
  say "running $name ..."
  started=$(date +%s%N)
  if "$JUPYTER" nbconvert --to notebook --execute --log-level=WARN \
        --ExecutePreprocessor.kernel_name=java \
        --ExecutePreprocessor.timeout="$CELL_TIMEOUT" \
        --output-dir "$RENDERED_DIR" --output "$name" "$notebook" >"$log" 2>&1 \
     && "$JUPYTER" nbconvert --to html --log-level=WARN \
        --output-dir "$RENDERED_DIR" --output "$name" "$RENDERED_DIR/$name.ipynb" >>"$log" 2>&1 \
     && inspect check-outputs "$RENDERED_DIR/$name.ipynb" "$RENDERED_DIR/$name.html" >>"$log" 2>&1; then
    tenths=$(( ($(date +%s%N) - started) / 100000000 ))
    say "ok     $name ($((tenths / 10)).$((tenths % 10)) s) -> target/rendered/$name.html"
    passed=$((passed + 1))
  else
    tenths=$(( ($(date +%s%N) - started) / 100000000 ))
    say "FAILED $name ($((tenths / 10)).$((tenths % 10)) s); full log: $log"
    show_failure "$log"
    failed+=("$name")
  fi
done

say "notebooks: $passed passed, ${#failed[@]} failed"
if [ ${#failed[@]} -gt 0 ]; then
  say "failed: ${failed[*]}"
  exit 1
fi
