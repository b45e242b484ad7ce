#!/bin/sh
# Runs once, when the compose PostgreSQL volume is created: login roles for
# the services (write only wirefeed's tables) and for analysts (read only),
# with the passwords the `secrets` step generated. The migrations grant the
# table privileges to the two group roles.
set -eu
app_password=$(cat /run/wirefeed/app_password)
analyst_password=$(cat /run/wirefeed/analyst_password)
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
    -v app_password="$app_password" -v analyst_password="$analyst_password" <<'SQL'
CREATE ROLE wirefeed_writer NOLOGIN;
CREATE ROLE wirefeed_reader NOLOGIN;
CREATE ROLE wirefeed_app LOGIN PASSWORD :'app_password' IN ROLE wirefeed_writer;
CREATE ROLE analyst LOGIN PASSWORD :'analyst_password' IN ROLE wirefeed_reader;
SQL
