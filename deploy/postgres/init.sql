-- Runs once when the compose PostgreSQL volume is created. Login roles for
-- the services (write only wirefeed's tables) and for analysts (read only);
-- the migrations grant the table privileges to the two group roles.
-- Change the passwords for anything but a local trial.
CREATE ROLE wirefeed_writer NOLOGIN;
CREATE ROLE wirefeed_reader NOLOGIN;
CREATE ROLE wirefeed_app LOGIN PASSWORD 'wirefeed_app' IN ROLE wirefeed_writer;
CREATE ROLE analyst LOGIN PASSWORD 'analyst' IN ROLE wirefeed_reader;
