#!/usr/bin/env bash
# Benchmark of db-cloner against what users would otherwise script. See bench/README.md.
#
#   bench/run.sh [options] ROWS [ROWS...]     ROWS: rows of the biggest table (order_items), e.g. 1000000 4000000
#   bench/run.sh --clean                      drops every bench_* database this script creates
#
# Options:
#   --jar PATH        db-cloner jar (default: target/db-cloner.jar of this checkout, or $DB_CLONER_JAR)
#   --threads N       threads for mydumper, myloader and the cloner (cloner.threads); default 2
#   --runs K          time every pipeline K times and report medians; default 1
#   --java-opts OPTS  JVM options of the cloner run; default "-Xmx256m" (the heap the issue's flat-memory goal names)
#   --plain-jar       run java -jar on the jar itself, as the README does, instead of as the image runs it (the
#                     Dockerfile's layers, class data archive and ENTRYPOINT options; see bench/README.md)
#   --drop-source     drop the generated source databases at the end (default: keep them for the next run)
#   --out DIR         where the printed report is also written (default: bench/results)
#   --generate-only   only generate (or check) the source databases, time nothing
#
# Server: BENCH_HOST (127.0.0.1), BENCH_PORT (3306), BENCH_USER (root), BENCH_PASSWORD (empty). The user needs every
# privilege on bench_* databases. Databases used: bench_src_<ROWS> (kept and reused), bench_seed, bench_myl,
# bench_clone, bench_repo (dropped at exit). Do not run two instances against the same server at once.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/.." && pwd)"
# shellcheck source=bench/lib.sh
source "$HERE/lib.sh" # server settings, die/log/sql, ensure_source, run_cloner and the log parsers

JAR="${DB_CLONER_JAR:-$REPO/target/db-cloner.jar}"
LAYOUT=image
THREADS=2
RUNS=1
DROP_SOURCE=0
OUT="$HERE/results"
SIZES=()
CLEAN=0
GENERATE_ONLY=0

SEED_DB=bench_seed
MYL_DB=bench_myl
CLONE_DB=bench_clone
REPO_DB=bench_repo

while [[ $# -gt 0 ]]; do
  case "$1" in
    --jar) JAR="$2"; shift 2 ;;
    --threads) THREADS="$2"; shift 2 ;;
    --runs) RUNS="$2"; shift 2 ;;
    --java-opts) JAVA_OPTS_BENCH="$2"; shift 2 ;;
    --plain-jar) LAYOUT=plain; shift ;;
    --drop-source) DROP_SOURCE=1; shift ;;
    --out) OUT="$2"; shift 2 ;;
    --clean) CLEAN=1; shift ;;
    --generate-only) GENERATE_ONLY=1; shift ;;
    -h|--help) sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) die "unknown option $1 (see --help)" ;;
    *) [[ "$1" =~ ^[0-9]+$ && "$1" -ge 20 ]] || die "ROWS must be an integer >= 20, got '$1'"; SIZES+=("$1"); shift ;;
  esac
done
[[ "$THREADS" =~ ^[1-9][0-9]*$ ]] || die "--threads must be a positive integer"
[[ "$RUNS" =~ ^[1-9][0-9]*$ ]] || die "--runs must be a positive integer"

median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print "-"; else if (NR % 2) printf "%.2f", v[(NR + 1) / 2]; else printf "%.2f", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "-" || b == "-" || b + 0 == 0) print "-"; else printf "%.2f", a / b }'; }
verdict() { awk -v v="$1" -v g="$2" 'BEGIN { if (v == "-") print "?"; else if (v + 0 <= g + 0) print "met"; else print "MISSED" }'; }

drop_work_dbs() {
  sqlq -e "DROP DATABASE IF EXISTS $SEED_DB; DROP DATABASE IF EXISTS $MYL_DB; DROP DATABASE IF EXISTS $CLONE_DB; DROP DATABASE IF EXISTS $REPO_DB" \
    2>/dev/null || true
}

if [[ $CLEAN -eq 1 ]]; then
  drop_work_dbs
  for db in $(sqlq -e "SELECT schema_name FROM information_schema.schemata WHERE schema_name LIKE 'bench\\_src\\_%'"); do
    log "dropping $db"; sqlq -e "DROP DATABASE \`$db\`"
  done
  exit 0
fi
[[ ${#SIZES[@]} -gt 0 ]] || die "give at least one size (rows of the biggest table); see --help"
if [[ $GENERATE_ONLY -eq 1 ]]; then JAR=/dev/null; fi
[[ -e "$JAR" ]] || die "no jar at $JAR (build it with ./mvnw -B -q package -DskipTests, or pass --jar)"
for tool in mariadb mariadb-dump mydumper myloader java awk python3; do
  command -v "$tool" >/dev/null || die "$tool not found (apt-get install mariadb-client mydumper openjdk-17-jre-headless)"
done
sqlq -e "SELECT 1" >/dev/null || die "cannot connect to $DB_USER@$HOST:$PORT"

TMP="$(mktemp -d "${TMPDIR:-/tmp}/db-cloner-bench.XXXXXX")"
cleanup() {
  drop_work_dbs
  if [[ $DROP_SOURCE -eq 1 ]]; then for n in "${SIZES[@]}"; do sqlq -e "DROP DATABASE IF EXISTS bench_src_$n" || true; done; fi
  rm -rf "$TMP"
}
trap cleanup EXIT
mkdir -p "$OUT"
REPORT="$OUT/report-$(date -u +%Y%m%dT%H%M%SZ).txt"

# CHECKSUM TABLE of the source's base tables in database $1, one "table<TAB>checksum" line per table, sorted.
TABLES=""
checksums() {
  local db=$1 list="" t
  for t in $TABLES; do list+="${list:+, }\`$db\`.\`$t\`"; done
  sqlq -e "CHECKSUM TABLE $list" | sed "s/^$db\\.//" | sort
}
verify_equal() { # name, file with source sums, file with copy sums
  if ! diff -u "$2" "$3" >"$TMP/diff" || grep -q 'NULL' "$3"; then
    cat "$TMP/diff" >&2; die "$1: CHECKSUM TABLE differs from the source (or a table is missing)"
  fi
}
settle() { # untimed: while InnoDB is still flushing pages dirtied by the previous pipeline (at most 20 s), wait
  local t0 dirty prev=-1 waited=0
  t0=$(now)
  while (( waited < 20 )); do
    dirty=$(sqlq -e "SELECT variable_value FROM information_schema.global_status
                     WHERE variable_name = 'INNODB_BUFFER_POOL_PAGES_DIRTY'")
    (( prev < 0 || dirty < prev - 100 )) || break # fewer than 100 pages flushed in the last second: settled
    prev=$dirty; sleep 1; waited=$(( waited + 1 ))
  done
  (( waited <= 1 )) || log "  settled for $(elapsed "$t0" "$(now)") s ($dirty buffer pool pages still dirty)"
}
create_like_source() { # db: created with the source's default character set and collation
  sqlq -e "DROP DATABASE IF EXISTS \`$1\`; CREATE DATABASE \`$1\` CHARACTER SET $SRC_CHARSET COLLATE $SRC_COLLATION"
}

# ---------------------------------------------------------------------------------------------------------------------
# Pipelines. Each sets global variables with its timings (seconds).

pipeline_seed() { # (a) mariadb-dump --single-transaction to a file, mariadb restore into a fresh db, CHECKSUM both sides
  local t0 t1 t2 t3
  sqlq -e "DROP DATABASE IF EXISTS $SEED_DB"
  t0=$(now)
  mariadb-dump --default-character-set=utf8mb4 -h "$HOST" -P "$PORT" -u "$DB_USER" --single-transaction \
    --routines --triggers --events "$SRC" >"$TMP/seed.sql" || die "(a) mariadb-dump failed"
  t1=$(now)
  create_like_source "$SEED_DB"
  sql "$SEED_DB" <"$TMP/seed.sql" || die "(a) mariadb restore failed"
  t2=$(now)
  checksums "$SRC" >"$TMP/a.src"; checksums "$SEED_DB" >"$TMP/a.dst"
  t3=$(now)
  verify_equal "(a) seed-style" "$TMP/a.src" "$TMP/a.dst"
  A_DUMP=$(elapsed "$t0" "$t1"); A_LOAD=$(elapsed "$t1" "$t2"); A_SUM=$(elapsed "$t2" "$t3"); A_TOTAL=$(elapsed "$t0" "$t3")
  A_BYTES=$(stat -c %s "$TMP/seed.sql")
  rm -f "$TMP/seed.sql"; sqlq -e "DROP DATABASE $SEED_DB"
}

pipeline_mydumper() { # (b) mydumper -t N, myloader -t N, CHECKSUM both sides
  local t0 t1 t2 t3 pass=() dir="$TMP/mydumper"
  [[ -n "$DB_PASS" ]] && pass=(-p "$DB_PASS")
  rm -rf "$dir"; sqlq -e "DROP DATABASE IF EXISTS $MYL_DB"
  t0=$(now)
  # --trx-consistency-only: one consistent InnoDB snapshot (the lock is released as soon as the threads have it);
  # --rows: chunks of the big tables, so that -t threads also split one table (as the cloner does). Uncompressed.
  mydumper -h "$HOST" -P "$PORT" -u "$DB_USER" "${pass[@]}" -t "$THREADS" -B "$SRC" -o "$dir" \
    --trx-consistency-only --rows 100000 -G -E -R -v 1 || die "(b) mydumper failed"
  t1=$(now)
  create_like_source "$MYL_DB"
  myloader -h "$HOST" -P "$PORT" -u "$DB_USER" "${pass[@]}" -t "$THREADS" -d "$dir" -s "$SRC" -B "$MYL_DB" -o -v 1 \
    || die "(b) myloader failed"
  t2=$(now)
  checksums "$SRC" >"$TMP/b.src"; checksums "$MYL_DB" >"$TMP/b.dst"
  t3=$(now)
  verify_equal "(b) mydumper+myloader" "$TMP/b.src" "$TMP/b.dst"
  B_DUMP=$(elapsed "$t0" "$t1"); B_LOAD=$(elapsed "$t1" "$t2"); B_SUM=$(elapsed "$t2" "$t3"); B_TOTAL=$(elapsed "$t0" "$t3")
  rm -rf "$dir"; sqlq -e "DROP DATABASE $MYL_DB"
}

pipeline_cloner() { # (c) java -jar db-cloner.jar clone, job repository in MariaDB (bench_repo); then (d)
  local t0 t1 rc=0
  sqlq -e "DROP DATABASE IF EXISTS $CLONE_DB; CREATE DATABASE IF NOT EXISTS $REPO_DB"
  t0=$(now)
  run_cloner "$SRC" "$CLONE_DB" "$REPO_DB" "$TMP" || rc=$?
  t1=$(now)
  if [[ $rc -ne 0 ]]; then
    tail -n 40 "$TMP/cloner.err" >&2; die "(c) db-cloner clone exited with $rc (last log lines above)"
  fi
  C_TOTAL=$(elapsed "$t0" "$t1")
  parse_cloner_process "$TMP"
  C_BACKUP_BYTES=$(du -sb "$TMP/backups" | cut -f1)
  # The job must be COMPLETED in the job repository (kept in MariaDB, as in production, not in H2).
  C_JOB=$(cloner_job_status "$REPO_DB") || die "(c) cannot read the job repository $REPO_DB"
  [[ "$(cut -f1 <<<"$C_JOB")" == COMPLETED ]] || die "(c) job execution not COMPLETED: $C_JOB"
  parse_cloner_log "$TMP"
  parse_gc_log "$TMP/gc.log"
  # (d) CHECKSUM TABLE on both sides alone, which also verifies the clone independently of the cloner's own compare.
  local d0 d1
  d0=$(now)
  checksums "$SRC" >"$TMP/d.src"; checksums "$CLONE_DB" >"$TMP/d.dst"
  d1=$(now)
  verify_equal "(c) db-cloner clone" "$TMP/d.src" "$TMP/d.dst"
  D_TOTAL=$(elapsed "$d0" "$d1")
  rm -rf "$TMP/backups"; sqlq -e "DROP DATABASE $CLONE_DB"
}

# ---------------------------------------------------------------------------------------------------------------------

read_facts "$JAR"
# a copy, laid out as the image lays it out: a rebuild of the jar during the run must not change or break it
install_cloner "$JAR" "$TMP/cloner" $LAYOUT
MYDUMPER_VERSION="$(mydumper --version 2>&1 | head -1)"
declare -A RES

run_size() {
  local n=$1 r
  SRC="bench_src_$n"
  ensure_source "$n"
  # bench/flat-memory.sh adds big_blobs (rows of 20 MiB) to the same source; the pipelines here are not meant to copy
  # it, and its rows exceed the max_allowed_packet that mariadb-dump, mariadb and a default server run with.
  [[ -z "$(sqlq -e "SHOW TABLES FROM \`$SRC\` LIKE 'big\\_blobs'")" ]] \
    || die "$SRC holds big_blobs, made by bench/flat-memory.sh: drop it with bench/flat-memory.sh --clean first"
  TABLES="$(sqlq -e "SELECT table_name FROM information_schema.tables WHERE table_schema = '$SRC'
                     AND table_type = 'BASE TABLE' ORDER BY table_name")"
  read -r SRC_CHARSET SRC_COLLATION < <(sqlq -e "SELECT default_character_set_name, default_collation_name
                                               FROM information_schema.schemata WHERE schema_name = '$SRC'")
  local rows bytes
  rows=0; for t in $TABLES; do rows=$(( rows + $(sqlq -e "SELECT COUNT(*) FROM \`$SRC\`.\`$t\`") )); done
  bytes=$(sqlq -e "SELECT SUM(data_length + index_length) FROM information_schema.tables WHERE table_schema = '$SRC'")
  local load0; load0="$(cut -d' ' -f1-3 /proc/loadavg)"
  log "warming up: CHECKSUM TABLE $SRC (untimed)"
  checksums "$SRC" >/dev/null

  local a=() ad=() al=() as=() b=() bd=() bl=() bs=() c=() cc=() cj=() d=() heap=() live=()
  run_a() {
    log "size $n, run $r/$RUNS: (a) mariadb-dump | mariadb + CHECKSUM TABLE"
    pipeline_seed; a+=("$A_TOTAL"); ad+=("$A_DUMP"); al+=("$A_LOAD"); as+=("$A_SUM")
    log "  (a) $A_TOTAL s (dump $A_DUMP, restore $A_LOAD, checksum $A_SUM)"
  }
  run_b() {
    log "size $n, run $r/$RUNS: (b) mydumper + myloader -t $THREADS + CHECKSUM TABLE"
    pipeline_mydumper; b+=("$B_TOTAL"); bd+=("$B_DUMP"); bl+=("$B_LOAD"); bs+=("$B_SUM")
    log "  (b) $B_TOTAL s (dump $B_DUMP, load $B_LOAD, checksum $B_SUM)"
  }
  run_c() {
    log "size $n, run $r/$RUNS: (c) db-cloner clone, then (d) CHECKSUM TABLE both sides"
    pipeline_cloner; c+=("$C_TOTAL"); cc+=("$C_COMPARE"); cj+=("$C_JOBSECS"); d+=("$D_TOTAL")
    heap+=("$C_HEAP_PEAK"); live+=("$C_HEAP_LIVE")
    log "  (c) $C_TOTAL s ($C_STEPS; job $C_JOBSECS s), peak heap $C_HEAP_PEAK MiB; (d) $D_TOTAL s"
  }
  local order=(a b c) i
  for ((r = 1; r <= RUNS; r++)); do
    # Run r starts with pipeline r (rotating a b c), so that with --runs 3 each one goes first, second and last once.
    for ((i = 0; i < 3; i++)); do settle; "run_${order[(r - 1 + i) % 3]}"; done
  done
  local A B C CC D
  A=$(median <<<"${a[*]}"); B=$(median <<<"${b[*]}"); C=$(median <<<"${c[*]}"); CC=$(median <<<"${cc[*]}")
  D=$(median <<<"${d[*]}")
  RES[$n,a]=$A; RES[$n,b]=$B; RES[$n,c]=$C; RES[$n,cmp]=$CC; RES[$n,d]=$D; RES[$n,job]=$(median <<<"${cj[*]}")
  local r1 r2 r3
  r1=$(ratio "$C" "$A"); r2=$(ratio "$C" "$B"); r3=$(ratio "$CC" "$D")
  {
    echo
    echo "== db-cloner bench: $n rows in order_items; $rows rows in $(wc -w <<<"$TABLES") tables, ~$(( bytes / 1048576 )) MiB on disk =="
    echo "machine: $(machine_line); load average before $load0, after $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "jar: $JAR_INFO; threads $THREADS; JVM options $JAVA_OPTS_BENCH $IMAGE_JAVA_OPTS ($LAYOUT layout); $MYDUMPER_VERSION"
    echo "runs: $RUNS (every figure is the median of the runs, except the cloner's steps and GC counts: the last run's)"
    printf '%-48s %9s   %s\n' "pipeline (end to end, verified)" "seconds" "parts (s)"
    printf '%-48s %9s   %s\n' "(a) mariadb-dump | mariadb + CHECKSUM both" "$A" \
      "dump $(median <<<"${ad[*]}") ($(( A_BYTES / 1048576 )) MiB) / restore $(median <<<"${al[*]}") / checksum $(median <<<"${as[*]}")"
    printf '%-48s %9s   %s\n' "(b) mydumper+myloader -t $THREADS + CHECKSUM both" "$B" \
      "dump $(median <<<"${bd[*]}") / load $(median <<<"${bl[*]}") / checksum $(median <<<"${bs[*]}")"
    printf '%-48s %9s   %s\n' "(c) java -jar db-cloner.jar clone" "$C" \
      "$C_STEPS; job $C_JOBSECS; JVM + Spring start $C_START; backup files $(( C_BACKUP_BYTES / 1048576 )) MiB"
    printf '%-48s %9s\n' "(d) CHECKSUM TABLE source + clone" "$D"
    printf '%-48s %9s   %-7s %s\n' "ratio" "value" "goal" ""
    printf '%-48s %9s   %-7s %s\n' "cloner / seed-style (c/a)" "$r1" "<= 0.50" "$(verdict "$r1" 0.50)"
    printf '%-48s %9s   %-7s %s\n' "cloner / mydumper+myloader+checksum (c/b)" "$r2" "<= 1.00" "$(verdict "$r2" 1.00)"
    printf '%-48s %9s   %-7s %s\n' "compare step / checksum both sides (cmp/d)" "$r3" "<= 1.00" "$(verdict "$r3" 1.00)"
    printf '%-48s %9.0f   %s\n' "JVM peak heap used (MiB)" "$(median <<<"${heap[*]}")" \
      "max live after GC $(median <<<"${live[*]}" | cut -d. -f1) MiB; committed max $C_HEAP_COMMITTED MiB; $C_GCS GC pauses (last run)"
    printf '%-48s %9s   %s\n' "cloner process (last run)" "" "$C_PROC"
  } | tee -a "$REPORT"
}

if [[ $GENERATE_ONLY -eq 1 ]]; then
  DROP_SOURCE=0; for n in "${SIZES[@]}"; do ensure_source "$n"; done; exit 0
fi
for n in "${SIZES[@]}"; do run_size "$n"; done

if [[ ${#SIZES[@]} -gt 1 ]]; then
  {
    echo
    echo "== growth with rows (goal: time ratio <= 1.1 x rows ratio, e.g. 4x rows <= 4.4x time) =="
    printf '%-22s %-12s %8s %8s %8s %8s %8s %8s\n' "sizes" "rows ratio" "(a)" "(b)" "(c)" "(c) job" "compare" "(d)"
    for ((i = 1; i < ${#SIZES[@]}; i++)); do
      s0=${SIZES[i-1]}; s1=${SIZES[i]}
      rr=$(ratio "$s1" "$s0")
      printf '%-22s %-12s %8s %8s %8s %8s %8s %8s   cloner: %s\n' "$s0 -> $s1" "x$rr" \
        "x$(ratio "${RES[$s1,a]}" "${RES[$s0,a]}")" "x$(ratio "${RES[$s1,b]}" "${RES[$s0,b]}")" \
        "x$(ratio "${RES[$s1,c]}" "${RES[$s0,c]}")" "x$(ratio "${RES[$s1,job]}" "${RES[$s0,job]}")" \
        "x$(ratio "${RES[$s1,cmp]}" "${RES[$s0,cmp]}")" \
        "x$(ratio "${RES[$s1,d]}" "${RES[$s0,d]}")" \
        "$(verdict "$(ratio "${RES[$s1,c]}" "${RES[$s0,c]}")" "$(awk -v r="$rr" 'BEGIN { print 1.1 * r }')")"
    done
  } | tee -a "$REPORT"
fi
log "report written to $REPORT"
