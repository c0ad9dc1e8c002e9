-- One database per service, on one PostgreSQL server. Each service's Flyway migrations own its schema.
CREATE DATABASE ingest;
CREATE DATABASE eligibility;
CREATE DATABASE writer;
CREATE DATABASE status;
