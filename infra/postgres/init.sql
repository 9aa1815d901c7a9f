-- Linkway: per-service schemas and roles inside one database (a hub's, or the federation's).
-- Run as a superuser with psql, once per database; it is idempotent, so re-running is safe:
--
--   psql -v ON_ERROR_STOP=1 -d linkway_hub1 \
--        -v services=gateway,referral_intake,casework,partner_directory,outcomes \
--        -v owner_password=... -v app_password=... -f infra/postgres/init.sql
--
-- For each service S it makes:
--   role S        LOGIN, owns schema S: runs the migrations (DDL). Use it for DB_MIGRATE_ON_START
--                 or for the explicit migrate target.
--   role S_app    LOGIN, may only read and write rows in schema S: the running service.
--   schema S      where every table of S lives; nobody else gets USAGE on it, so no
--                 service can read another's tables (architecture.md, "Data").
-- Roles are cluster-wide, so hubs sharing one cluster share the role names; schemas and
-- grants are per database. The gateway's migrations revoke UPDATE/DELETE on its audit
-- table from gateway_app, which is why that grant is not made here.
\set ON_ERROR_STOP on

\if :{?services}
\else
  \set services 'gateway,referral_intake,casework,partner_directory,outcomes'
\endif
\if :{?owner_password}
\else
  \echo 'init.sql: pass -v owner_password=... and -v app_password=... (roles need a password to log in over TCP)'
  \quit
\endif

-- Nothing may create objects in public: a stray table there would be shared by everyone.
REVOKE CREATE ON SCHEMA public FROM PUBLIC;

-- Owner roles (migrations).
SELECT format('CREATE ROLE %I LOGIN PASSWORD %L', s, :'owner_password')
  FROM unnest(string_to_array(:'services', ',')) AS s
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = s)
\gexec

-- Application roles (runtime).
SELECT format('CREATE ROLE %I LOGIN PASSWORD %L', s || '_app', :'app_password')
  FROM unnest(string_to_array(:'services', ',')) AS s
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = s || '_app')
\gexec

-- One schema per service, owned by its owner role.
SELECT format('CREATE SCHEMA IF NOT EXISTS %I AUTHORIZATION %I', s, s)
  FROM unnest(string_to_array(:'services', ',')) AS s
\gexec

-- The owner may connect (CONNECT is also granted to PUBLIC by default; say it anyway).
SELECT format('GRANT CONNECT, TEMPORARY ON DATABASE %I TO %I, %I', current_database(), s, s || '_app')
  FROM unnest(string_to_array(:'services', ',')) AS s
\gexec

-- The app role sees only its own schema, with row-level rights; DDL stays with the owner.
SELECT format('GRANT USAGE ON SCHEMA %I TO %I', s, s || '_app')
  FROM unnest(string_to_array(:'services', ',')) AS s
\gexec

-- Tables and sequences the owner creates later (migrations) are usable by the app role.
SELECT format('ALTER DEFAULT PRIVILEGES FOR ROLE %I IN SCHEMA %I GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO %I', s, s, s || '_app')
  FROM unnest(string_to_array(:'services', ',')) AS s
\gexec
SELECT format('ALTER DEFAULT PRIVILEGES FOR ROLE %I IN SCHEMA %I GRANT USAGE, SELECT ON SEQUENCES TO %I', s, s, s || '_app')
  FROM unnest(string_to_array(:'services', ',')) AS s
\gexec

-- Tables that already exist (re-run after migrations) get the same rights.
SELECT format('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA %I TO %I', s, s || '_app')
  FROM unnest(string_to_array(:'services', ',')) AS s
\gexec
SELECT format('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA %I TO %I', s, s || '_app')
  FROM unnest(string_to_array(:'services', ',')) AS s
\gexec
