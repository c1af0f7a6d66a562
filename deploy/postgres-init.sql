-- Run once by the postgres image on first start: sohoa's own database and the Prefect server's.
CREATE DATABASE prefect OWNER sohoa;
