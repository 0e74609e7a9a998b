#!/bin/sh
# Runs once, when the PostgreSQL volume is first created: one application role that owns the two
# databases (the Rasa tracker store and the lead store). The superuser stays for maintenance only.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
     -v app_password="$APP_DB_PASSWORD" <<'SQL'
CREATE ROLE intake LOGIN PASSWORD :'app_password';
CREATE DATABASE rasa OWNER intake;
CREATE DATABASE intake OWNER intake;
REVOKE ALL ON DATABASE rasa FROM PUBLIC;
REVOKE ALL ON DATABASE intake FROM PUBLIC;
SQL
