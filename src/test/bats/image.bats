#!/usr/bin/env bats
# The container image, without a container engine: the jar split into layers by the Dockerfile's own extract
# command, the layers copied in the Dockerfile's order into one directory standing for the image's /app, then the
# Dockerfile's ENTRYPOINT and CMD run there (every /app path pointed at that directory), as the CronJob runs them.
# Needs python3 (to read the exec-form JSON), the mariadb client, a MySQL-compatible server and target/db-cloner.jar.

bats_require_minimum_version 1.5.0
load test_helper

setup_file() {
  export ROOT="$BATS_TEST_DIRNAME/../../.."
  [ -f "$ROOT/target/db-cloner.jar" ] || { echo "build the jar first: ./mvnw -B package" >&2; return 1; }
  use_test_server image
  sql "CREATE DATABASE ${RUN_ID}_src; CREATE TABLE ${RUN_ID}_src.item (id INT PRIMARY KEY, name VARCHAR(20));
       INSERT INTO ${RUN_ID}_src.item VALUES (1, 'uno'), (2, 'dos'), (3, 'tres');"
  export IMAGE="$BATS_FILE_TMPDIR/image"
  build_image_directory "$IMAGE"
}

teardown_file() {
  sql "DROP DATABASE IF EXISTS ${RUN_ID}_src; DROP DATABASE IF EXISTS ${RUN_ID}_clone"
}


# The Dockerfile's instructions of one kind in its last (runtime) stage, or in the stage named $2, each on one line
# (continuation lines joined, as Docker joins them).
instructions() {
  sed -e ':a' -e '/\\$/N; s/\\\n//; ta' "$ROOT/Dockerfile" | awk -v kind="$1" -v stage="${2:-}" '
    toupper($1) == "FROM" { in_stage = (stage == "" || tolower($NF) == stage); next }
    in_stage && toupper($1) == kind { $1 = ""; print substr($0, 2) }'
}

# An exec-form instruction's arguments, one a line.
exec_form() { instructions "$1" | tail -n 1 | python3 -c 'import json, sys; print("\n".join(json.load(sys.stdin)))'; }

build_image_directory() {
  local build="$BATS_FILE_TMPDIR/build" app="$1/app"
  mkdir -p "$build" "$app/data" "$app/tmp"
  ln -s "$ROOT/target" "$build/target"
  # the build stage's extract command, as written there
  ( cd "$build" && eval "$(instructions RUN build | grep -- '-Djarmode=tools')" )
  # each layer, in the Dockerfile's order
  while read -r source _; do
    cp -R "$build/${source#/build/}." "$app/"
  done < <(instructions COPY | sed -n 's/^--from=build //p')
  # the runtime stage's class data sharing training run, in the image's working directory
  ( cd "$app" && eval "$(instructions RUN | grep -- '-XX:ArchiveClassesAtExit')" )
}

@test "the image's layers run the Dockerfile's entrypoint and default command, writing only to its volumes" {
  mapfile -t entrypoint < <(exec_form ENTRYPOINT | sed "s#/app/#$IMAGE/app/#")
  mapfile -t command < <(exec_form CMD)
  [ "${command[*]}" = "clone" ]
  touch "$BATS_FILE_TMPDIR/before"
  # the image's working directory is /app: ./data (backups, H2 job repository) is its /app/data volume
  run --separate-stderr env -C "$IMAGE/app" CLONER_SOURCE_URL="${SERVER_URL}${RUN_ID}_src" \
      CLONER_SOURCE_USERNAME="$DB_USER" CLONER_SOURCE_PASSWORD="$DB_PASSWORD" CLONER_TARGET_DATABASE="${RUN_ID}_clone" \
      "${entrypoint[@]}" "${command[@]}"
  echo "$stderr"
  [ "$status" -eq 0 ]
  [ "$(sql_value "SELECT status FROM ${RUN_ID}_clone._db_cloner")" = "VERIFIED" ]
  compgen -G "$IMAGE/app/data/backups/${RUN_ID}_src-*" >/dev/null
  [ -f "$IMAGE/app/data/job-repository.mv.db" ]
  # the class data archive made at build time fits the JVM and class path the entrypoint runs
  [ -s "$IMAGE/app/db-cloner.jsa" ]
  # (-Xshare:on: a JVM that cannot map it fails instead of starting without it)
  run env -C "$IMAGE/app" "${entrypoint[0]}" -Xshare:on "${entrypoint[@]:1}" history --limit=1
  echo "$output"
  [ "$status" -eq 0 ]
  # nothing written outside the volumes: the image's root filesystem can be read-only
  [ -z "$(find "$IMAGE/app" -newer "$BATS_FILE_TMPDIR/before" -not -path "$IMAGE/app/data*" -not -path "$IMAGE/app/tmp*")" ]
}
