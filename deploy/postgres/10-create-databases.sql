-- One database per service (and the resident web site's, for its sessions). The official postgres image runs the files in
-- /docker-entrypoint-initdb.d once, when it initialises an empty data directory.
-- (Each service's `migrate` command would also create its database if missing; creating them
-- here means the stack's databases exist however the services are started.)
CREATE DATABASE asb_intake;
CREATE DATABASE asb_casework;
CREATE DATABASE asb_engagement;
CREATE DATABASE asb_notifications;
CREATE DATABASE asb_partner_gateway;
-- The resident web site's sessions.
CREATE DATABASE asb_web;
