# Shared by bench/run.sh and bench/flat-memory.sh (sourced, not run): the server connection, the source generator, and
# one run of the cloner with the figures read from its log, its GC log and /usr/bin/time. See bench/README.md.
#
# Server: BENCH_HOST (127.0.0.1), BENCH_PORT (3306), BENCH_USER (root), BENCH_PASSWORD (empty).
# shellcheck shell=bash disable=SC2034 # the variables set here are read by the scripts that source this file

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
GEN_VERSION=2

HOST="${BENCH_HOST:-127.0.0.1}"
PORT="${BENCH_PORT:-3306}"
DB_USER="${BENCH_USER:-root}"
DB_PASS="${BENCH_PASSWORD:-}"
JAVA_OPTS_BENCH="${BENCH_JAVA_OPTS:--Xmx256m}" # the heap the issue's flat-memory goal names

die() { printf '\nBENCH FAILED: %s\n' "$*" >&2; exit 1; }
log() { printf '[%s] %s\n' "$(date +%T)" "$*" >&2; }

export MYSQL_PWD="$DB_PASS"
sql() { mariadb --default-character-set=utf8mb4 -h "$HOST" -P "$PORT" -u "$DB_USER" "$@"; }
sqlq() { sql -N -B "$@"; }
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }

# ---------------------------------------------------------------------------------------------------------------------
# Source generation (idempotent: reused when bench_generated says it is complete, of this size and generator version)

ensure_source() {
  local n=$1 db="bench_src_$1"
  local have
  have="$(sqlq -e "SELECT version FROM \`$db\`.bench_generated WHERE items = $n" 2>/dev/null || true)"
  if [[ "$have" == "$GEN_VERSION" ]]; then log "reusing $db"; return; fi
  local customers=$(( n / 20 > 10 ? n / 20 : 10 )) orders=$(( n / 4 > 10 ? n / 4 : 10 ))
  local products=$(( n / 200 > 10 ? n / 200 : 10 )) documents=$(( n / 2000 > 5 ? n / 2000 : 5 ))
  local audit=$(( n / 20 > 10 ? n / 20 : 10 ))
  log "generating $db: order_items $n, orders $orders, customers $customers, products $products, documents $documents, audit_log $audit"
  local t0; t0=$(now)
  sed -e "s/{{DB}}/$db/g" -e "s/{{ITEMS}}/$n/g" -e "s/{{ORDERS}}/$orders/g" -e "s/{{CUSTOMERS}}/$customers/g" \
      -e "s/{{PRODUCTS}}/$products/g" -e "s/{{DOCUMENTS}}/$documents/g" -e "s/{{AUDIT}}/$audit/g" \
      -e "s/{{VERSION}}/$GEN_VERSION/g" "$BENCH_DIR/generate.sql" | sql >/dev/null || die "generating $db"
  log "generated $db in $(elapsed "$t0" "$(now)") s"
}

# read_facts JAR: CPU_MODEL, SERVER_VERSION and JAR_INFO (the jar's time and the start of its SHA-256), which
# machine_line and the reports' "jar:" line print.
read_facts() {
  CPU_MODEL="$(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)"
  SERVER_VERSION="$(sqlq -e 'SELECT VERSION()')"
  JAR_INFO="$1 ($(stat -c %y "$1" | cut -d. -f1), sha256 $(sha256sum "$1" | cut -c1-12))"
}

# machine_line: "N cores, CPU, M GiB; server VERSION", after read_facts.
machine_line() {
  echo "$(nproc) cores, $CPU_MODEL, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo); server $SERVER_VERSION"
}

# ---------------------------------------------------------------------------------------------------------------------
# The cloner

# dockerfile_runtime KIND: the Dockerfile's instructions of one kind in its last (runtime) stage, one a line, with
# continuation lines joined as Docker joins them.
dockerfile_runtime() {
  sed -e ':a' -e '/\\$/N; s/\\\n//; ta' "$BENCH_DIR/../Dockerfile" | awk -v kind="$1" '
    toupper($1) == "FROM" { n = 0; next }
    toupper($1) == kind { $1 = ""; found[n++] = substr($0, 2) }
    END { for (i = 0; i < n; i++) print found[i] }'
}

# install_cloner JAR DIR [plain]: sets CLONER_DIR, CLONER_JAR and IMAGE_JAVA_OPTS so that run_cloner runs the cloner as
# the container image runs it: the jar split into the Dockerfile's layers, copied in its order into DIR/app, the
# runtime stage's class data sharing training run done there (untimed, as it is done when the image is built), and
# the ENTRYPOINT's JVM options but its heap sizing and temporary directory (the bench sets -Xmx). With "plain": a copy
# of the jar in DIR, run with java -jar and no option but $JAVA_OPTS_BENCH (what the README's command does).
install_cloner() {
  local jar=$1 dir=$2 layer training
  rm -rf "$dir/layers" "$dir/app"; mkdir -p "$dir/app"
  if [[ "${3:-}" == plain ]]; then
    cp "$jar" "$dir/app/db-cloner.jar"; CLONER_DIR="$dir/app"; CLONER_JAR="db-cloner.jar"; IMAGE_JAVA_OPTS=""
    return
  fi
  cp "$jar" "$dir/db-cloner.jar" # the Dockerfile's jar name, which the extracted application jar keeps
  java -Djarmode=tools -jar "$dir/db-cloner.jar" extract --layers --destination "$dir/layers" >/dev/null \
    || die "cannot extract the layers of $jar"
  for layer in $(dockerfile_runtime COPY | sed -n 's#^--from=build /build/extracted/\([^ ]*\)/ .*#\1#p'); do
    cp -R "$dir/layers/$layer/." "$dir/app/"
  done
  training="$(dockerfile_runtime RUN | grep -- '-XX:ArchiveClassesAtExit')" || die "no training run in the Dockerfile"
  ( cd "$dir/app" && eval "$training" ) >"$dir/training.log" 2>&1 \
    || { tail -n 20 "$dir/training.log" >&2; die "the Dockerfile's class data sharing training run failed"; }
  CLONER_DIR="$dir/app"; CLONER_JAR="db-cloner.jar"
  IMAGE_JAVA_OPTS="$(dockerfile_runtime ENTRYPOINT | python3 -c '
import json, sys
options = json.loads(sys.stdin.read())[1:-2]  # between "java" and "-jar", "db-cloner.jar"
print(" ".join(o for o in options if not o.startswith(("-XX:MaxRAMPercentage=", "-Djava.io.tmpdir="))))')"
}

# run_cloner SOURCE_DB CLONE_DB REPO_DB DIR: the cloner install_cloner installed, java $JAVA_OPTS_BENCH $IMAGE_JAVA_OPTS
# -jar db-cloner.jar clone in its directory, with cloner.threads=$THREADS, the job
# repository in the MariaDB database REPO_DB, the backup under DIR/backups, the GC log in DIR/gc.log, the output in
# DIR/cloner.out and DIR/cloner.err, and (when /usr/bin/time is installed) the JVM's CPU and peak RSS in DIR/time.
# Returns the JVM's exit status.
run_cloner() {
  local src=$1 clone=$2 repo=$3 dir=$4 timer=()
  rm -rf "$dir/backups" "$dir/gc.log" "$dir/time"; mkdir -p "$dir/backups"
  if [[ -x /usr/bin/time ]]; then timer=(/usr/bin/time -o "$dir/time" -f "%U %S %M"); fi
  # shellcheck disable=SC2086 # JAVA_OPTS_BENCH and IMAGE_JAVA_OPTS are lists of options
  env -C "$CLONER_DIR" CLONER_SOURCE_URL="jdbc:mysql://$HOST:$PORT/$src" CLONER_SOURCE_USERNAME="$DB_USER" \
      CLONER_SOURCE_PASSWORD="$DB_PASS" CLONER_TARGET_DATABASE="$clone" CLONER_BACKUP_DIR="$dir/backups" \
      CLONER_THREADS="$THREADS" \
      SPRING_DATASOURCE_URL="jdbc:mysql://$HOST:$PORT/$repo" SPRING_DATASOURCE_USERNAME="$DB_USER" \
      SPRING_DATASOURCE_PASSWORD="$DB_PASS" \
    "${timer[@]}" java $JAVA_OPTS_BENCH $IMAGE_JAVA_OPTS "-Xlog:gc,gc+heap+exit:file=$dir/gc.log" -jar "$CLONER_JAR" clone \
    >"$dir/cloner.out" 2>"$dir/cloner.err"
}

# cloner_job_status REPO_DB: "STATUS<TAB>EXIT_CODE" of the last job execution in the job repository.
cloner_job_status() {
  sqlq -e "SELECT STATUS, EXIT_CODE FROM $1.BATCH_JOB_EXECUTION ORDER BY JOB_EXECUTION_ID DESC LIMIT 1"
}

# parse_cloner_process DIR: C_PROC (CPU seconds of the JVM, user + system, and its peak resident memory, or "-") and
# C_RSS (peak RSS in MiB, or "-") from DIR/time, which /usr/bin/time wrote.
parse_cloner_process() {
  C_PROC="-"; C_RSS="-"
  if [[ -s "$1/time" ]]; then
    C_PROC=$(awk '{ printf "JVM CPU %.1f s (user %.1f + sys %.1f), peak RSS %.0f MiB", $1 + $2, $1, $2, $3 / 1024 }' "$1/time")
    C_RSS=$(awk '{ printf "%.0f", $3 / 1024 }' "$1/time")
  fi
}

# parse_cloner_log DIR: C_STEPS ("backup 1.23 / emptyCheck 0.12 / ..."), C_COMPARE, C_JOBSECS and C_START (seconds, or
# "-") from DIR/cloner.err; the parsed lines are left in DIR/steps.
parse_cloner_log() {
  local dir=$1
  # Durations from Spring Batch's log lines "Step: [name] executed in 1m2s345ms" and "Job: [...] completed ... in ...":
  # millisecond precision, where the repository's START_TIME/END_TIME lose their fractions with Connector/J on
  # MariaDB 10.x. Partition worker steps ("name:partitionN") are left out: their manager step spans them.
  awk '
    function secs(d,   t, v) { t = 0
      while (match(d, /^[0-9]+(ms|h|m|s)/)) { v = substr(d, RSTART, RLENGTH); d = substr(d, RLENGTH + 1)
        if (v ~ /ms$/) t += v / 1000; else if (v ~ /h$/) t += v * 3600; else if (v ~ /m$/) t += v * 60; else t += v + 0 }
      return t }
    match($0, /Step: \[[^]]+\] executed in [0-9hms]+/) { s = substr($0, RSTART + 7, RLENGTH - 7)
      name = substr(s, 1, index(s, "]") - 1); d = substr(s, index(s, "executed in ") + 12)
      if (name !~ /:/) printf "step\t%s\t%.2f\n", name, secs(d) }
    /Job: \[.*\] completed/ && match($0, /in [0-9hms]+$/) { printf "job\tjob\t%.2f\n", secs(substr($0, RSTART + 3)) }
    match($0, /Started .* \(process running for [0-9.]+\)/) { v = substr($0, RSTART, RLENGTH)
      sub(/.*process running for /, "", v); sub(/\)/, "", v); printf "start\tstart\t%.2f\n", v }
  ' "$dir/cloner.err" >"$dir/steps"
  C_STEPS=$(awk -F'\t' '$1 == "step" { printf "%s%s %s", (n++ ? " / " : ""), $2, $3 }' "$dir/steps")
  C_COMPARE=$(awk -F'\t' '$1 == "step" && $2 == "compare" { v = $3 } END { print (v == "" ? "-" : v) }' "$dir/steps")
  C_JOBSECS=$(awk -F'\t' '$1 == "job" { v = $3 } END { print (v == "" ? "-" : v) }' "$dir/steps")
  C_START=$(awk -F'\t' '$1 == "start" { v = $3 } END { print (v == "" ? "-" : v) }' "$dir/steps")
  [[ "$C_COMPARE" != "-" ]] || log "  warning: no 'Step: [compare] executed in' line in the cloner's log"
}

# parse_gc_log FILE: C_HEAP_PEAK, C_HEAP_LIVE, C_HEAP_COMMITTED (MiB) and C_GCS from the log of
# -Xlog:gc,gc+heap+exit. Peak heap: the largest heap occupancy seen before a collection ("A->B(C)": A), or at exit;
# live: the largest occupancy after one (B: an upper bound of the live data); committed: the largest committed heap (C).
parse_gc_log() {
  read -r C_HEAP_PEAK C_HEAP_LIVE C_HEAP_COMMITTED C_GCS < <(awk '
    function mb(v,   u, x) { u = substr(v, length(v)); x = substr(v, 1, length(v) - 1) + 0
                             return u == "G" ? x * 1024 : u == "K" ? x / 1024 : u == "B" ? x / 1048576 : x }
    match($0, /[0-9]+[BKMG]->[0-9]+[BKMG]\([0-9]+[BKMG]\)/) {
      s = substr($0, RSTART, RLENGTH); split(s, p, /->|\(|\)/)
      if (mb(p[1]) > peak) peak = mb(p[1]); if (mb(p[2]) > live) live = mb(p[2]); if (mb(p[3]) > com) com = mb(p[3]); n++ }
    /garbage-first heap|def new generation|PSYoungGen|ParOldGen|tenured generation/ && match($0, /used [0-9]+K/) {
      u = substr($0, RSTART + 5, RLENGTH - 6) / 1024; exit_used += u }
    END { if (exit_used > peak) peak = exit_used; printf "%.0f %.0f %.0f %d\n", peak, live, com, n }' "$1")
}
