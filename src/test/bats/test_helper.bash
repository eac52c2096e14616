# Shared by the Bats suites: the MySQL-compatible server the tests use (DB_CLONER_TEST_URL, a server URL ending in
# '/', DB_CLONER_TEST_USER, DB_CLONER_TEST_PASSWORD; the local MariaDB by default) and how to talk to it.

# Exports DB_HOST, DB_PORT, DB_USER, DB_PASSWORD, SERVER_URL, and RUN_ID: the prefix of this run's databases.
use_test_server() {
  local url="${DB_CLONER_TEST_URL:-jdbc:mysql://127.0.0.1:3306/}"
  local hostport="${url#jdbc:mysql://}"; hostport="${hostport%%/*}"
  export DB_HOST="${hostport%%:*}" DB_PORT="${hostport##*:}"
  export DB_USER="${DB_CLONER_TEST_USER:-root}" DB_PASSWORD="${DB_CLONER_TEST_PASSWORD:-}"
  export RUN_ID="${1}_$$_$RANDOM"
  export SERVER_URL="jdbc:mysql://$DB_HOST:$DB_PORT/"
}

# The mariadb client speaks utf8mb3 by default: emoji would become '?' on both sides and differences would hide.
sql() { MYSQL_PWD="$DB_PASSWORD" mariadb --default-character-set=utf8mb4 -h "$DB_HOST" -P "$DB_PORT" -u "$DB_USER" -e "$1"; }
sql_value() { MYSQL_PWD="$DB_PASSWORD" mariadb --default-character-set=utf8mb4 -N -B -h "$DB_HOST" -P "$DB_PORT" -u "$DB_USER" -e "$1"; }

# Drops every database of this run.
drop_run_databases() {
  local dbs
  dbs=$(sql_value "SELECT GROUP_CONCAT(SCHEMA_NAME SEPARATOR ' ') FROM information_schema.SCHEMATA
                   WHERE SCHEMA_NAME LIKE '${RUN_ID}\\_%'")
  for db in $dbs; do sql "DROP DATABASE \`$db\`"; done
}
