#!/usr/bin/env bats
# The packaged jar as the CronJob runs it: settings from the environment, exit status and the REF_BC line on
# stderr for a success and for each failure code. Needs a MySQL-compatible server (DB_CLONER_TEST_URL, default the
# local MariaDB), the mariadb client and a built target/db-cloner.jar.

bats_require_minimum_version 1.5.0
load test_helper

setup_file() {
  export JAR="$BATS_TEST_DIRNAME/../../../target/db-cloner.jar"
  [ -f "$JAR" ] || { echo "build the jar first: ./mvnw -B package" >&2; return 1; }
  use_test_server bats
  export WORK="$BATS_FILE_TMPDIR/work"; mkdir -p "$WORK"
  sql "CREATE DATABASE ${RUN_ID}_repo; CREATE DATABASE ${RUN_ID}_empty; CREATE DATABASE ${RUN_ID}_foreign;
       CREATE TABLE ${RUN_ID}_foreign.precious (id INT PRIMARY KEY); INSERT INTO ${RUN_ID}_foreign.precious VALUES (7);"
  # the demo profile seeds the sample shop into the source, then clones it: the source for every other test
  ( cd "$WORK" && env_for "${RUN_ID}_src" java -jar "$JAR" clone --spring.profiles.active=demo ) \
    >"$BATS_FILE_TMPDIR/seed.log" 2>&1 || { cat "$BATS_FILE_TMPDIR/seed.log" >&2; return 1; }
}

teardown_file() {
  drop_run_databases
  sql "DROP USER IF EXISTS '${RUN_ID}_u'@'%'"
}


# The environment the CronJob sets: source $1, everything else from the test run.
env_for() {
  local source="$1"; shift
  env CLONER_SOURCE_URL="${SERVER_URL}${source}" CLONER_SOURCE_USERNAME="$DB_USER" CLONER_SOURCE_PASSWORD="$DB_PASSWORD" \
      CLONER_BACKUP_DIR="$WORK/backups" \
      SPRING_DATASOURCE_URL="${SERVER_URL}${RUN_ID}_repo" SPRING_DATASOURCE_USERNAME="$DB_USER" \
      SPRING_DATASOURCE_PASSWORD="$DB_PASSWORD" "$@"
}

cloner() { cd "$WORK" && env_for "${RUN_ID}_src" "$@" java -jar "$JAR" "${CLONER_ARGS[@]}"; }

# The one REF_BC line of a failed run's stderr (log lines share stderr); fails if there is not exactly one, or if
# a stack trace was printed.
ref_bc_line() {
  [ "$(grep -c '^REF_BC_' <<<"$stderr")" -eq 1 ] || return 1
  ! grep -q $'^\tat ' <<<"$stderr" || return 1
  grep '^REF_BC_' <<<"$stderr"
}

last_exit_code() {
  sql_value "SELECT e.EXIT_CODE FROM ${RUN_ID}_repo.BATCH_JOB_EXECUTION e
             JOIN ${RUN_ID}_repo.BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID
             WHERE i.JOB_NAME = '$1' ORDER BY e.JOB_EXECUTION_ID DESC LIMIT 1"
}

@test "clone succeeds run after run, as the CronJob runs it, and leaves a verified clone" {
  CLONER_ARGS=(clone)
  run --separate-stderr cloner CLONER_TARGET_DATABASE="${RUN_ID}_ok"
  [ "$status" -eq 0 ]
  [ -z "$output" ]
  run --separate-stderr cloner CLONER_TARGET_DATABASE="${RUN_ID}_ok"
  [ "$status" -eq 0 ]
  [ "$(sql_value "SELECT status FROM ${RUN_ID}_ok._db_cloner")" = "VERIFIED" ]
  [ "$(sql_value "SELECT COUNT(*) FROM ${RUN_ID}_ok.order_line")" = "$(sql_value "SELECT COUNT(*) FROM ${RUN_ID}_src.order_line")" ]
  [ "$(last_exit_code cloneJob)" = "COMPLETED" ]
}

@test "REF_BC_001: a wrong source password" {
  CLONER_ARGS=(clone)
  run --separate-stderr cloner CLONER_SOURCE_PASSWORD=wrong-password CLONER_TARGET_DATABASE="${RUN_ID}_pw"
  [ "$status" -eq 1 ]
  [ "$(ref_bc_line)" = "REF_BC_001 ERROR_BACKUP: Error al realizar el respaldo. Error en el respaldo. Verifica las credenciales y la base de datos." ]
  [[ "$stderr" == *"check cloner.source.username and cloner.source.password"* ]]
  [[ "$stderr" != *"wrong-password"* ]]
  [ "$(last_exit_code cloneJob)" = "REF_BC_001" ]
}

@test "REF_BC_002: an empty source database" {
  CLONER_ARGS=(clone)
  run --separate-stderr cloner CLONER_SOURCE_URL="${SERVER_URL}${RUN_ID}_empty"
  [ "$status" -eq 2 ]
  [ "$(ref_bc_line)" = "REF_BC_002 ERROR_EMPTY_BACKUP: ¡Error! El archivo de respaldo está vacío. Prueba unitaria fallida." ]
  [ "$(last_exit_code cloneJob)" = "REF_BC_002" ]
}

@test "REF_BC_003: an existing database that db-cloner did not create is left untouched" {
  CLONER_ARGS=(clone)
  run --separate-stderr cloner CLONER_TARGET_DATABASE="${RUN_ID}_foreign"
  [ "$status" -eq 3 ]
  [ "$(ref_bc_line)" = "REF_BC_003 ERROR_CREATE_TEST_DB: Error al crear la base de datos de prueba." ]
  [[ "$stderr" == *"not created by db-cloner"* ]]
  [ "$(sql_value "SELECT id FROM ${RUN_ID}_foreign.precious")" = "7" ]
}

@test "REF_BC_004: the target server rejects the restore" {
  sql "CREATE USER '${RUN_ID}_u'@'%' IDENTIFIED BY 'pw4' WITH MAX_UPDATES_PER_HOUR 3; GRANT ALL ON *.* TO '${RUN_ID}_u'@'%';"
  CLONER_ARGS=(clone)
  run --separate-stderr cloner CLONER_TARGET_URL="$SERVER_URL" CLONER_TARGET_USERNAME="${RUN_ID}_u" \
      CLONER_TARGET_PASSWORD=pw4 CLONER_TARGET_DATABASE="${RUN_ID}_rejected"
  sql "DROP USER '${RUN_ID}_u'@'%'"
  [ "$status" -eq 4 ]
  [ "$(ref_bc_line)" = "REF_BC_004 ERROR_RESTORE_BACKUP: Error al restaurar el respaldo en la base de datos de prueba." ]
  [ "$(sql_value "SELECT status FROM ${RUN_ID}_rejected._db_cloner")" = "RESTORING" ]
  [ "$(last_exit_code cloneJob)" = "REF_BC_004" ]
}

@test "REF_BC_005: verify finds a clone changed after restore, naming table and key" {
  CLONER_ARGS=(clone)
  run --separate-stderr cloner CLONER_TARGET_DATABASE="${RUN_ID}_tampered"
  [ "$status" -eq 0 ]
  sql "DELETE FROM ${RUN_ID}_tampered.event_log ORDER BY happened_at LIMIT 1"
  CLONER_ARGS=(verify)
  run --separate-stderr cloner CLONER_TARGET_DATABASE="${RUN_ID}_tampered"
  [ "$status" -eq 5 ]
  [ "$(ref_bc_line)" = "REF_BC_005 ERROR_DB_COMPARISON: ¡Error! Las bases de datos son diferentes. Prueba unitaria fallida." ]
  [[ "$stderr" == *'table `event_log`'* ]]
  [ "$(last_exit_code verifyJob)" = "REF_BC_005" ]
}

@test "REF_BC_006: a clone that would be the source itself is refused before anything runs" {
  CLONER_ARGS=(clone)
  run --separate-stderr cloner CLONER_TARGET_DATABASE="${RUN_ID}_src"
  [ "$status" -eq 6 ]
  [[ "$(ref_bc_line)" == "REF_BC_006 ERROR_CONFIGURATION: "* ]]
  [ "$(sql_value "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = '${RUN_ID}_src'")" -eq 5 ]
}

@test "REF_BC_008: an unknown command prints usage" {
  run --separate-stderr java -jar "$JAR" frobnicate
  [ "$status" -eq 8 ]
  [[ "$(ref_bc_line)" == "REF_BC_008 ERROR_USAGE: "* ]]
  [[ "$stderr" == *"Usage: java -jar db-cloner.jar"* ]]
}

# KMS failures need no KMS: static test keys for the SDK's chain, and an endpoint where nothing listens.
KMS_ENV=(AWS_ACCESS_KEY_ID=AKIABATSTEST AWS_SECRET_ACCESS_KEY=bats-test-secret AWS_REGION=eu-west-1
         AWS_EC2_METADATA_DISABLED=true CLONER_KMS_ENDPOINT=http://127.0.0.1:9 CLONER_KMS_MAX_ATTEMPTS=2)

@test "encrypt: without --key-id it prints usage, reads nothing and writes nothing on stdout" {
  run --separate-stderr java -jar "$JAR" encrypt <<<"a-secret"
  [ "$status" -eq 8 ]
  [ -z "$output" ]
  [[ "$(ref_bc_line)" == "REF_BC_008 ERROR_USAGE: "* ]]
  [[ "$stderr" == *"--key-id="* ]]
}

@test "REF_BC_011: KMS unreachable, nothing on stdout and the secret in no message" {
  run --separate-stderr env "${KMS_ENV[@]}" java -jar "$JAR" encrypt --key-id=alias/db-cloner <<<"bats-secret-value"
  [ "$status" -eq 11 ]
  [ -z "$output" ]
  [ "$(ref_bc_line)" = "REF_BC_011 ERROR_KMS_UNAVAILABLE: No se pudo contactar con AWS KMS. Verifica el endpoint y la red." ]
  [[ "$stderr" != *"bats-secret-value"* ]]
}

@test "REF_BC_014: a password-kms that is not a ciphertext stops the run before any database is touched" {
  CLONER_ARGS=(clone)
  run --separate-stderr cloner "${KMS_ENV[@]}" CLONER_SOURCE_PASSWORD= CLONER_SOURCE_PASSWORD_KMS='not*a*ciphertext' \
      CLONER_TARGET_DATABASE="${RUN_ID}_kms" SPRING_DATASOURCE_URL="${SERVER_URL}${RUN_ID}_kmsrepo"
  [ "$status" -eq 14 ]
  [ "$(ref_bc_line)" = "REF_BC_014 ERROR_KMS_CIPHERTEXT: Las credenciales cifradas no tienen un formato válido." ]
  [[ "$stderr" == *"cloner.source.password-kms"* ]]
  [[ "$stderr" != *"not*a*ciphertext"* ]]
  [ "$(sql_value "SELECT COUNT(*) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME IN ('${RUN_ID}_kms', '${RUN_ID}_kmsrepo')")" -eq 0 ]
}
