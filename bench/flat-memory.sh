#!/usr/bin/env bash
# Proof of the issue's flat-memory goal: heap use does not grow with table size or row count, -Xmx256m clones a table
# of 10 million rows and rows holding 20 MB BLOBs. See bench/README.md, "Flat memory".
#
#   bench/flat-memory.sh [options] [ROWS]    ROWS: rows of the biggest table (order_items); default 10000000
#   bench/flat-memory.sh --clean             drops big_blobs from every bench_src_* database, bench_flat_clone and
#                                            bench_flat_repo
#
# Options:
#   --blob-mb N       MiB of each row of big_blobs; default 20
#   --blobs K         rows of big_blobs; default 3
#   --jar PATH        db-cloner jar (default: target/db-cloner.jar of this checkout, or $DB_CLONER_JAR)
#   --java-opts OPTS  JVM options of the cloner run; default bench/run.sh's ("-Xmx256m"); must set -Xmx
#   --plain-jar       run java -jar on the jar itself, as the README does, instead of as the image runs it (the
#                     Dockerfile's layers, class data archive and ENTRYPOINT options; see bench/README.md)
#   --threads N       cloner.threads; default 2
#
# Server: BENCH_HOST (127.0.0.1), BENCH_PORT (3306), BENCH_USER (root), BENCH_PASSWORD (empty), as bench/run.sh. The
# source is bench/run.sh's bench_src_<ROWS> (generated, or reused when complete) plus a table big_blobs of K rows of
# N MiB, both kept for the next run. bench_flat_clone and bench_flat_repo are dropped at exit. When the server's
# max_allowed_packet is below twice a big_blobs row, it is raised for the run and restored at exit.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/.." && pwd)"
# shellcheck source=bench/lib.sh
source "$HERE/lib.sh" # server settings, die/log/sql, ensure_source, run_cloner and the log parsers

JAR="${DB_CLONER_JAR:-$REPO/target/db-cloner.jar}"
LAYOUT=image
THREADS=2
ROWS=10000000
BLOB_MB=20
BLOBS=3
CLEAN=0

CLONE_DB=bench_flat_clone
REPO_DB=bench_flat_repo
MIB=1048576

while [[ $# -gt 0 ]]; do
  case "$1" in
    --blob-mb) BLOB_MB="$2"; shift 2 ;;
    --blobs) BLOBS="$2"; shift 2 ;;
    --jar) JAR="$2"; shift 2 ;;
    --java-opts) JAVA_OPTS_BENCH="$2"; shift 2 ;;
    --plain-jar) LAYOUT=plain; shift ;;
    --threads) THREADS="$2"; shift 2 ;;
    --clean) CLEAN=1; shift ;;
    -h|--help) sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) die "unknown option $1 (see --help)" ;;
    *) [[ "$1" =~ ^[0-9]+$ && "$1" -ge 20 ]] || die "ROWS must be an integer >= 20, got '$1'"; ROWS="$1"; shift ;;
  esac
done
[[ "$THREADS" =~ ^[1-9][0-9]*$ ]] || die "--threads must be a positive integer"
[[ "$BLOBS" =~ ^[1-9][0-9]*$ ]] || die "--blobs must be a positive integer"
# max_allowed_packet goes up to 1 GiB, and it is raised to twice a row
[[ "$BLOB_MB" =~ ^[1-9][0-9]*$ && "$BLOB_MB" -le 512 ]] || die "--blob-mb must be an integer from 1 to 512"
XMX="$(grep -o -- '-Xmx[0-9]*[kKmMgG]\{0,1\}' <<<"$JAVA_OPTS_BENCH" | tail -n 1)" \
  || die "--java-opts must set -Xmx: the goal is a clone within a given heap"

drop_flat_dbs() {
  sqlq -e "DROP DATABASE IF EXISTS $CLONE_DB; DROP DATABASE IF EXISTS $REPO_DB" 2>/dev/null || true
}

for tool in mariadb java awk python3; do
  command -v "$tool" >/dev/null || die "$tool not found (apt-get install mariadb-client openjdk-17-jre-headless)"
done
sqlq -e "SELECT 1" >/dev/null || die "cannot connect to $DB_USER@$HOST:$PORT"

if [[ $CLEAN -eq 1 ]]; then
  drop_flat_dbs
  for db in $(sqlq -e "SELECT table_schema FROM information_schema.tables
                       WHERE table_name = 'big_blobs' AND table_schema LIKE 'bench\\_src\\_%'"); do
    log "dropping $db.big_blobs"; sqlq -e "DROP TABLE \`$db\`.big_blobs"
  done
  exit 0
fi
[[ -e "$JAR" ]] || die "no jar at $JAR (build it with ./mvnw -B -q package -DskipTests, or pass --jar)"

TMP="$(mktemp -d "${TMPDIR:-/tmp}/db-cloner-flat.XXXXXX")"
PACKET_BEFORE=""
cleanup() {
  drop_flat_dbs
  if [[ -n "$PACKET_BEFORE" ]]; then
    if sqlq -e "SET GLOBAL max_allowed_packet = $PACKET_BEFORE"; then
      log "max_allowed_packet restored to $PACKET_BEFORE"
    else
      log "warning: could not restore max_allowed_packet to $PACKET_BEFORE: do it by hand"
    fi
  fi
  rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT # so that cleanup also runs on Ctrl-C and kill
trap 'exit 143' TERM

SRC="bench_src_$ROWS"
BLOB_BYTES=$(( BLOB_MB * MIB ))
mib() { awk -v b="$1" 'BEGIN { printf "%.0f", b / 1048576 }'; }

# ---------------------------------------------------------------------------------------------------------------------
# The server's max_allowed_packet bounds every row a client reads or writes, and every string a function builds
# (MariaDB manual, "Server System Variables", max_allowed_packet): the generator's GROUP_CONCAT, the cloner's backup
# reading the row and its restore writing it. Twice the row leaves room for an INSERT's escaping and statement.
# Sessions take the global value when they connect, so the generator and the cloner, which connect later, see it.

ensure_packet() {
  local packet want
  packet=$(sqlq -e "SELECT @@global.max_allowed_packet")
  PACKET_NOTE="max_allowed_packet $(mib "$packet") MiB"
  (( packet < 2 * BLOB_BYTES )) || return 0
  want=$(( 2 * BLOB_BYTES > 64 * MIB ? 2 * BLOB_BYTES : 64 * MIB ))
  sqlq -e "SET GLOBAL max_allowed_packet = $want" \
    || die "cannot raise max_allowed_packet to $want (needs SUPER); raise it on the server to at least $(( 2 * BLOB_BYTES ))"
  PACKET_BEFORE=$packet
  PACKET_NOTE="max_allowed_packet $(mib "$want") MiB (raised from $(mib "$packet") MiB for this run, restored at exit)"
  log "server max_allowed_packet raised from $packet to $want bytes: rows of $BLOB_MB MiB need more than" \
      "$(mib "$packet") MiB; restored at exit"
}

# ---------------------------------------------------------------------------------------------------------------------
# big_blobs: BLOBS rows of BLOB_MB MiB each, generated inside the server. A payload is the concatenation of SHA-512
# digests of "blob<id>:<n>" for n = 1, 2, ...: deterministic, with no repeated block a compressor could fold, and built
# with the sequence engine (RANDOM_BYTES stops at 1024 bytes). sha is the payload's SHA-256, as generated.

big_blobs_shape() { # "rows min_id max_id min_length max_length shas" of big_blobs in the source, or nothing
  sqlq -e "SELECT CONCAT_WS(' ', COUNT(*), COALESCE(MIN(id), 0), COALESCE(MAX(id), 0),
                            COALESCE(MIN(LENGTH(payload)), 0), COALESCE(MAX(LENGTH(payload)), 0), COUNT(sha))
           FROM \`$SRC\`.big_blobs" 2>/dev/null || true
}

ensure_big_blobs() {
  local want="$BLOBS 1 $BLOBS $BLOB_BYTES $BLOB_BYTES $BLOBS" k t0
  if [[ "$(big_blobs_shape)" == "$want" ]]; then log "reusing $SRC.big_blobs ($BLOBS rows of $BLOB_MB MiB)"; return; fi
  log "generating $SRC.big_blobs: $BLOBS rows of $BLOB_MB MiB"
  t0=$(now)
  {
    echo "SET sql_mode = 'STRICT_TRANS_TABLES,NO_ENGINE_SUBSTITUTION';"
    echo "SET SESSION group_concat_max_len = $(( BLOB_BYTES + MIB ));"
    echo "DROP TABLE IF EXISTS big_blobs;"
    echo "CREATE TABLE big_blobs (id INT PRIMARY KEY, payload LONGBLOB NOT NULL, sha CHAR(64)) ENGINE=InnoDB;"
    for ((k = 1; k <= BLOBS; k++)); do
      echo "INSERT INTO big_blobs (id, payload)
            SELECT $k, GROUP_CONCAT(UNHEX(SHA2(CONCAT('blob', $k, ':', seq), 512)) ORDER BY seq SEPARATOR '')
            FROM seq_1_to_$(( BLOB_BYTES / 64 ));"
    done
    echo "UPDATE big_blobs SET sha = SHA2(payload, 256);"
    echo "ANALYZE TABLE big_blobs;" # fresh statistics, so that information_schema.TABLES gives the size on disk
  } | sql "$SRC" >/dev/null || die "generating $SRC.big_blobs"
  [[ "$(big_blobs_shape)" == "$want" ]] \
    || die "$SRC.big_blobs is '$(big_blobs_shape)' after generation, expected '$want' (rows min_id max_id min_len max_len shas)"
  log "generated $SRC.big_blobs in $(elapsed "$t0" "$(now)") s"
}

blob_digests() { # id, length, SHA-256 of the payload and the sha column, one line per row of big_blobs in database $1
  sqlq -e "SELECT id, LENGTH(payload), SHA2(payload, 256), sha FROM \`$1\`.big_blobs ORDER BY id"
}

# ---------------------------------------------------------------------------------------------------------------------

read_facts "$JAR"
# a copy, laid out as the image lays it out: a rebuild of the jar during the run must not change or break it
install_cloner "$JAR" "$TMP/cloner" $LAYOUT

ensure_packet
ensure_source "$ROWS"
ensure_big_blobs
TABLES="$(sqlq -e "SELECT table_name FROM information_schema.tables WHERE table_schema = '$SRC'
                   AND table_type = 'BASE TABLE' ORDER BY table_name")"
TOTAL_ROWS=0
for t in $TABLES; do TOTAL_ROWS=$(( TOTAL_ROWS + $(sqlq -e "SELECT COUNT(*) FROM \`$SRC\`.\`$t\`") )); done
SRC_BYTES=$(sqlq -e "SELECT SUM(data_length + index_length) FROM information_schema.tables WHERE table_schema = '$SRC'")
# The biggest row, as the sum of its values' lengths (the INT key is 4 bytes); big_blobs' rows are far above the
# generator's largest (documents: 64 KiB).
read -r BIG_ID BIG_BYTES < <(sqlq -e "SELECT id, 4 + LENGTH(payload) + COALESCE(LENGTH(sha), 0) AS b
                                      FROM \`$SRC\`.big_blobs ORDER BY b DESC, id LIMIT 1")
blob_digests "$SRC" >"$TMP/blobs.src"
awk -F'\t' '$3 != $4 { exit 1 }' "$TMP/blobs.src" || die "$SRC.big_blobs: a sha column differs from SHA2(payload, 256)"

LOAD0="$(cut -d' ' -f1-3 /proc/loadavg)"
log "cloning $SRC to $CLONE_DB with $JAVA_OPTS_BENCH, $THREADS threads"
drop_flat_dbs
sqlq -e "CREATE DATABASE $REPO_DB"
T0=$(now)
RC=0
run_cloner "$SRC" "$CLONE_DB" "$REPO_DB" "$TMP" || RC=$?
T1=$(now)
C_TOTAL=$(elapsed "$T0" "$T1")
parse_cloner_process "$TMP"
C_HEAP_PEAK="-"; C_HEAP_LIVE="-"; C_HEAP_COMMITTED="-"; C_GCS="-"
if [[ -s "$TMP/gc.log" ]]; then parse_gc_log "$TMP/gc.log"; fi
HEAP="peak heap used $C_HEAP_PEAK MiB, max live after GC $C_HEAP_LIVE MiB, $C_GCS GC pauses"

# An OutOfMemoryError shows as itself (uncaught, or in a stack trace with --debug) or, caught by the job and reported
# on the REF_BC line, by its message alone ("cause: Java heap space").
OOM='OutOfMemoryError|Java heap space|GC overhead limit exceeded'
if grep -q -E "$OOM" "$TMP/cloner.out" "$TMP/cloner.err"; then
  grep -h -m 5 -E "$OOM" "$TMP/cloner.out" "$TMP/cloner.err" >&2
  die "the cloner ran out of heap (OutOfMemoryError) under $XMX after $C_TOTAL s, exit status $RC ($HEAP)"
fi
if [[ $RC -ne 0 ]]; then
  tail -n 40 "$TMP/cloner.err" >&2
  die "db-cloner clone exited with $RC under $XMX after $C_TOTAL s (last log lines above; $HEAP)"
fi
C_JOB=$(cloner_job_status "$REPO_DB") || die "cannot read the job repository $REPO_DB"
[[ "$(cut -f1 <<<"$C_JOB")" == COMPLETED ]] || die "job execution not COMPLETED: $C_JOB"
grep -q 'Clone .* verified: ' "$TMP/cloner.err" "$TMP/cloner.out" \
  || die "no 'Clone ... verified: ...' line in the cloner's log: its compare did not pass"
blob_digests "$CLONE_DB" >"$TMP/blobs.dst" || die "cannot read $CLONE_DB.big_blobs"
if ! diff -u "$TMP/blobs.src" "$TMP/blobs.dst" >"$TMP/blobs.diff"; then
  cat "$TMP/blobs.diff" >&2; die "$CLONE_DB.big_blobs: payloads differ from the source's (SHA-256 above)"
fi
parse_cloner_log "$TMP"

row() { printf '%-32s %12s%s\n' "$1" "$2" "${3:+   $3}"; }
echo
echo "== db-cloner flat memory: $ROWS rows in order_items, $BLOBS rows of $BLOB_MB MiB in big_blobs; $TOTAL_ROWS rows in $(wc -w <<<"$TABLES") tables, ~$(mib "$SRC_BYTES") MiB on disk =="
echo "machine: $(machine_line), $PACKET_NOTE; load average before $LOAD0, after $(cut -d' ' -f1-3 /proc/loadavg)"
echo "jar: $JAR_INFO; threads $THREADS; JVM options $JAVA_OPTS_BENCH $IMAGE_JAVA_OPTS ($LAYOUT layout)"
row "figure" "value" "detail"
row "rows" "$TOTAL_ROWS" "order_items $ROWS, big_blobs $BLOBS"
row "biggest row (bytes)" "$BIG_BYTES" "big_blobs id $BIG_ID: LONGBLOB of $BLOB_MB MiB, SHA-256 hex, INT key"
row "total seconds" "$C_TOTAL" "java -jar db-cloner.jar clone, end to end; job $C_JOBSECS; JVM + Spring start $C_START"
row "steps (s)" "" "$C_STEPS"
row "JVM peak heap used (MiB)" "$C_HEAP_PEAK" "largest occupancy before a collection or at exit"
row "max live after GC (MiB)" "$C_HEAP_LIVE" "upper bound of the data held: the figure that must not grow with rows"
row "committed heap max (MiB)" "$C_HEAP_COMMITTED" "reserved by the JVM, at most $XMX"
row "GC pauses" "$C_GCS" ""
row "peak RSS (MiB)" "$C_RSS" "${C_PROC%%, peak RSS*}"
row "verified" "" "exit 0; job $(cut -f1 <<<"$C_JOB"), exit code $(cut -f2 <<<"$C_JOB"); the cloner's compare: verified; SHA-256 and length of each big_blobs payload equal to the source's"
echo "flat memory: met ($ROWS-row table and $BLOB_MB MiB rows cloned and verified under $XMX; max live after GC $C_HEAP_LIVE MiB)"
