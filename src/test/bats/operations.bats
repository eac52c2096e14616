#!/usr/bin/env bats
# Operating the packaged jar every five minutes: a run killed with SIGKILL or stopped with SIGTERM in the middle of
# its restore, two runs started together, and the history that tells the operator about each. The restore is made
# slow with cloner.restore.pause; the tests wait for the clone's mark, never for a time.

bats_require_minimum_version 1.5.0
load test_helper

setup_file() {
  export JAR="$BATS_TEST_DIRNAME/../../../target/db-cloner.jar"
  [ -f "$JAR" ] || { echo "build the jar first: ./mvnw -B package" >&2; return 1; }
  use_test_server ops
  export WORK="$BATS_FILE_TMPDIR/work"; mkdir -p "$WORK"
  sql "CREATE DATABASE ${RUN_ID}_repo"
  ( cd "$WORK" && cloner_env java -jar "$JAR" clone --spring.profiles.active=demo ) \
    >"$BATS_FILE_TMPDIR/seed.log" 2>&1 || { cat "$BATS_FILE_TMPDIR/seed.log" >&2; return 1; }
}

teardown_file() {
  drop_run_databases
}


cloner_env() {
  env CLONER_SOURCE_URL="${SERVER_URL}${RUN_ID}_src" CLONER_SOURCE_USERNAME="$DB_USER" \
      CLONER_SOURCE_PASSWORD="$DB_PASSWORD" CLONER_BACKUP_DIR="$WORK/backups" \
      SPRING_DATASOURCE_URL="${SERVER_URL}${RUN_ID}_repo" SPRING_DATASOURCE_USERNAME="$DB_USER" \
      SPRING_DATASOURCE_PASSWORD="$DB_PASSWORD" "$@"
}

cloner() { cd "$WORK" && cloner_env java -jar "$JAR" "$@"; }

# A slow clone in the background; its pid in $SLOW_PID, its stderr in $WORK/slow.log.
start_slow_clone() {
  ( cd "$WORK" && exec env CLONER_SOURCE_URL="${SERVER_URL}${RUN_ID}_src" CLONER_SOURCE_USERNAME="$DB_USER" \
      CLONER_SOURCE_PASSWORD="$DB_PASSWORD" CLONER_BACKUP_DIR="$WORK/backups" \
      SPRING_DATASOURCE_URL="${SERVER_URL}${RUN_ID}_repo" SPRING_DATASOURCE_USERNAME="$DB_USER" \
      SPRING_DATASOURCE_PASSWORD="$DB_PASSWORD" \
      java -jar "$JAR" clone --cloner.restore.pause=2s ) >"$WORK/slow.out" 2>"$WORK/slow.log" &
  SLOW_PID=$!
}

# Waits until the clone is being restored (its mark says RESTORING, the run is in the restore step).
await_restore() {
  for _ in $(seq 300); do
    [ "$(sql_value "SELECT status FROM ${RUN_ID}_src_clone._db_cloner")" = "RESTORING" ] \
      && [ "$(last_step)" = "restore" ] && return 0
    sleep 0.2
  done
  cat "$WORK/slow.log" >&2; return 1
}

last_step() {
  sql_value "SELECT s.STEP_NAME FROM ${RUN_ID}_repo.BATCH_STEP_EXECUTION s
             WHERE s.STATUS = 'STARTED' ORDER BY s.STEP_EXECUTION_ID DESC LIMIT 1"
}

started_executions() {
  sql_value "SELECT COUNT(*) FROM ${RUN_ID}_repo.BATCH_JOB_EXECUTION WHERE STATUS IN ('STARTING', 'STARTED', 'STOPPING')"
}

@test "a run killed with SIGKILL during restore is recovered and resumed by the next clone" {
  start_slow_clone
  await_restore
  kill -KILL "$SLOW_PID"; wait "$SLOW_PID" || true
  [ "$(started_executions)" -eq 1 ]
  killed=$(sql_value "SELECT MAX(JOB_EXECUTION_ID) FROM ${RUN_ID}_repo.BATCH_JOB_EXECUTION")

  run --separate-stderr cloner clone
  [ "$status" -eq 0 ]
  [[ "$stderr" == *"Recovered execution $killed"* ]]
  [[ "$stderr" == *"resuming failed execution $killed (REF_BC_015)"* ]]
  [ "$(started_executions)" -eq 0 ]
  [ "$(sql_value "SELECT status FROM ${RUN_ID}_src_clone._db_cloner")" = "VERIFIED" ]

  run --separate-stderr cloner history --execution-id="$killed" --json
  [ "$status" -eq 0 ]
  [ "$(jq -r '.[0].status + " " + .[0].exitCode + " " + .[0].failedStep' <<<"$output")" = "FAILED REF_BC_015 restore" ]
  [[ "$(jq -r '.[0].cause' <<<"$output")" == *"run lock"* ]]
  run --separate-stderr cloner history --limit=1 --json
  [ "$(jq -r '.[0].restartOf' <<<"$output")" = "$killed" ]
  [ "$(jq -r '.[0].status' <<<"$output")" = "COMPLETED" ]
  [ "$(jq -r '[.[0].steps[].name] | join(",")' <<<"$output")" = "restore,compare" ]
}

@test "SIGTERM during restore stops the run with REF_BC_015 and leaves the clone marked incomplete" {
  start_slow_clone
  await_restore
  kill -TERM "$SLOW_PID"
  status=0; wait "$SLOW_PID" || status=$?
  [ "$status" -eq 15 ]
  grep -q '^REF_BC_015 ERROR_INTERRUPTED' "$WORK/slow.log"
  [ "$(sql_value "SELECT status FROM ${RUN_ID}_src_clone._db_cloner")" = "RESTORING" ]
  [ "$(started_executions)" -eq 0 ]

  run --separate-stderr cloner history --limit=1 --status=STOPPED --json
  [ "$(jq -r '.[0].exitCode + " " + .[0].failedStep' <<<"$output")" = "REF_BC_015 restore" ]

  run --separate-stderr cloner clone
  [ "$status" -eq 0 ]
  [ "$(sql_value "SELECT status FROM ${RUN_ID}_src_clone._db_cloner")" = "VERIFIED" ]
}

@test "of two clones started together exactly one runs; the other ends with REF_BC_010 naming the holder" {
  start_slow_clone
  await_restore
  holder=$(sql_value "SELECT MAX(JOB_EXECUTION_ID) FROM ${RUN_ID}_repo.BATCH_JOB_EXECUTION WHERE STATUS = 'STARTED'")

  run --separate-stderr cloner clone
  [ "$status" -eq 10 ]
  [ "$(grep -c '^REF_BC_' <<<"$stderr")" -eq 1 ]
  [[ "$stderr" == *"REF_BC_010 ERROR_LOCKED"*"execution $holder started"* ]]
  wait "$SLOW_PID"

  run --separate-stderr cloner history --limit=2 --json
  [ "$(jq -r '[.[] | .status + ":" + .exitCode] | join(",")' <<<"$output")" = "FAILED:REF_BC_010,COMPLETED:COMPLETED" ]
}

@test "history prints a table on stdout, and JSON only with --json" {
  run --separate-stderr cloner history --limit=3
  [ "$status" -eq 0 ]
  [[ "${lines[0]}" == "ID "*"START"*"DURATION"*"STATUS"*"CODE"*"FAILED"*"RESTART"*"ROWS PER STEP"* ]]
  [ "${#lines[@]}" -eq 4 ]
  run --separate-stderr cloner history --status=FAILED --json
  [ "$status" -eq 0 ]
  jq -e 'length >= 2 and all(.[]; .status == "FAILED")' <<<"$output"
  run --separate-stderr cloner history --limit=oops
  [ "$status" -eq 8 ]
}
