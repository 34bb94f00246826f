#!/usr/bin/env bash
# Makes this machine ready to run the notebooks, doing only what is missing:
#   1. Jupyter from Debian's packages, when /usr/bin/jupyter nbconvert is absent;
#   2. the kernel jar (notebooks/kernel), when it is missing or older than its sources;
#   3. the engine's CLI jar that the notebooks load (%jars ../engine/target/cryptomargin-engine-*-cli.jar),
#      when it is missing or older than the engine's sources;
#   4. the kernelspec "java" in the project-local JUPYTER_PATH notebooks/target/jupyter.
# Safe to run again and again. Jupyter is /usr/bin/jupyter unless JUPYTER names another one: the
# python3 first on PATH may be a build without the Jupyter modules.
set -euo pipefail

NOTEBOOKS_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_DIR="$(dirname "$NOTEBOOKS_DIR")"
KERNEL_DIR="$NOTEBOOKS_DIR/kernel"
ENGINE_DIR="$REPO_DIR/engine"
JUPYTER="${JUPYTER:-/usr/bin/jupyter}"
JUPYTER_DIR="$NOTEBOOKS_DIR/target/jupyter"
KERNELSPEC_DIR="$JUPYTER_DIR/kernels/java"
APT_PACKAGES=(jupyter-nbconvert python3-nbclient jupyter-client jupyter-core python3-ipykernel jupyter-notebook)

say() { echo "[notebooks/setup] $*"; }
die() { echo "[notebooks/setup] ERROR: $*" >&2; exit 1; }
# What to do when Jupyter cannot be installed here, said with every such error.
JUPYTER_HELP="Install Jupyter yourself (Debian, Ubuntu: sudo apt-get install ${APT_PACKAGES[*]}; elsewhere: pip install nbconvert nbclient ipykernel, then run again with JUPYTER=/path/to/jupyter), or build without the notebooks: ./mvnw -B verify -Dnotebooks.skip=true"

install_jupyter() {
  if "$JUPYTER" nbconvert --version >/dev/null 2>&1; then
    return
  fi
  command -v apt-get >/dev/null || die "$JUPYTER nbconvert is missing and apt-get is not available. $JUPYTER_HELP"
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || die "$JUPYTER nbconvert is missing and installing it needs root or sudo. $JUPYTER_HELP"
    sudo="sudo"
  fi
  say "installing Jupyter from Debian packages (${APT_PACKAGES[*]}) ..."
  local log
  log="$(mktemp)"
  if ! { $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${APT_PACKAGES[@]}"; } >"$log" 2>&1; then
    tail -n 30 "$log" >&2
    die "apt-get could not install Jupyter (full log: $log; a full disk or no network are the usual causes). $JUPYTER_HELP"
  fi
  rm -f "$log"
  "$JUPYTER" nbconvert --version >/dev/null 2>&1 || die "$JUPYTER nbconvert still does not run after installing. $JUPYTER_HELP"
  say "Jupyter installed: nbconvert $("$JUPYTER" nbconvert --version)"
}

kernel_jar() {
  # Empty when there is none (ls fails then; under pipefail that must not end the script).
  { ls -t "$KERNEL_DIR"/target/cryptomargin-notebooks-kernel-*-all.jar 2>/dev/null || true; } | head -n 1
}

build_kernel_if_stale() {
  local jar
  jar="$(kernel_jar)"
  if [ -n "$jar" ] && [ -z "$(find "$KERNEL_DIR/src/main" "$KERNEL_DIR/pom.xml" -newer "$jar" -print -quit)" ]; then
    return
  fi
  say "building the kernel jar ..."
  "$REPO_DIR/mvnw" -B -q -f "$KERNEL_DIR/pom.xml" package -DskipTests \
    || die "the kernel did not build (cd $REPO_DIR && ./mvnw -f notebooks/kernel/pom.xml package)"
  jar="$(kernel_jar)"
  [ -n "$jar" ] || die "the build left no kernel jar in $KERNEL_DIR/target"
}

# The jar every notebook's first cell loads: %jars ../engine/target/cryptomargin-engine-*-cli.jar
engine_jar() {
  # Empty when there is none (ls fails then; under pipefail that must not end the script).
  { ls -t "$ENGINE_DIR"/target/cryptomargin-engine-*-cli.jar 2>/dev/null || true; } | head -n 1
}

# A no-op inside `./mvnw verify`, which packages the engine before the notebooks module runs this.
build_engine_if_stale() {
  local jar
  jar="$(engine_jar)"
  if [ -n "$jar" ] && [ -z "$(find "$ENGINE_DIR/src/main" "$ENGINE_DIR/pom.xml" -newer "$jar" -print -quit)" ]; then
    return
  fi
  if [ -n "$jar" ]; then
    say "engine sources changed since $(basename "$jar"); building the engine jar ..."
  else
    say "building the engine jar (engine/target/cryptomargin-engine-*-cli.jar) ..."
  fi
  (cd "$REPO_DIR" && ./mvnw -B -q -pl engine package -DskipTests) \
    || die "the engine did not build (cd $REPO_DIR && ./mvnw -pl engine package -DskipTests)"
  jar="$(engine_jar)"
  [ -n "$jar" ] || die "the build left no cryptomargin-engine-*-cli.jar in $ENGINE_DIR/target"
}

json_string() {
  local s="${1//\\/\\\\}"
  printf '"%s"' "${s//\"/\\\"}"
}

register_kernelspec() {
  local jar java
  jar="$(kernel_jar)"
  java="$(command -v java)" || die "java is not on the PATH"
  java="$(readlink -f "$java")"
  mkdir -p "$KERNELSPEC_DIR"
  # Same name, display name and language as IJava's kernelspec, so notebooks are portable.
  cat >"$KERNELSPEC_DIR/kernel.json.tmp" <<JSON
{
  "argv": [
    $(json_string "$java"),
    "-Djava.awt.headless=true",
    "-jar",
    $(json_string "$jar"),
    "{connection_file}"
  ],
  "display_name": "Java",
  "language": "java",
  "interrupt_mode": "message",
  "env": {
    "CRYPTOMARGIN_KERNEL_MAVEN": $(json_string "$REPO_DIR/mvnw")
  }
}
JSON
  if ! cmp -s "$KERNELSPEC_DIR/kernel.json.tmp" "$KERNELSPEC_DIR/kernel.json" 2>/dev/null; then
    mv "$KERNELSPEC_DIR/kernel.json.tmp" "$KERNELSPEC_DIR/kernel.json"
    say "kernelspec 'java' registered: $KERNELSPEC_DIR/kernel.json"
  else
    rm -f "$KERNELSPEC_DIR/kernel.json.tmp"
  fi
}

install_jupyter
build_kernel_if_stale
build_engine_if_stale
register_kernelspec
