#!/usr/bin/env bash
# First-start script for the Postgres container (mounted into /docker-entrypoint-initdb.d):
# creates each hub's database and the federation's, then applies init.sql to each with the
# services that live there. Env: LINKWAY_HUBS (space-separated hub ids), LINKWAY_DB_OWNER_PASSWORD,
# LINKWAY_DB_APP_PASSWORD.
set -euo pipefail

hubs="${LINKWAY_HUBS:-hub1 hub2}"
hub_services="gateway,referral_intake,casework,partner_directory,outcomes"
init_sql="${LINKWAY_INIT_SQL:-/linkway/init.sql}"

apply() { # database services
  psql -v ON_ERROR_STOP=1 --username "${POSTGRES_USER:-postgres}" --dbname postgres \
    -tAc "SELECT 1 FROM pg_database WHERE datname = '$1'" | grep -q 1 \
    || createdb --username "${POSTGRES_USER:-postgres}" "$1"
  psql -v ON_ERROR_STOP=1 --username "${POSTGRES_USER:-postgres}" --dbname "$1" \
    -v services="$2" \
    -v owner_password="${LINKWAY_DB_OWNER_PASSWORD:?set LINKWAY_DB_OWNER_PASSWORD}" \
    -v app_password="${LINKWAY_DB_APP_PASSWORD:?set LINKWAY_DB_APP_PASSWORD}" \
    -f "$init_sql"
}

for hub in $hubs; do
  apply "linkway_${hub}" "$hub_services"
done
apply linkway_federation federation
