package io.hatidata.wire.pg;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The configuration of {@link PgServer}, PID {@value PgServer#PID}. The defaults here are the defaults of
 * {@code etc/io.hatidata.wire.pg.cfg}.
 */
@ObjectClassDefinition(
        name = "HatiData Postgres wire protocol",
        description = "The PostgreSQL protocol server that Postgres clients (psql, JDBC, drivers) connect to.")
@interface PgServerConfig {

    @AttributeDefinition(name = "Port", description = "TCP port Postgres clients connect to.")
    int port() default 5439;

    @AttributeDefinition(
            name = "Bind address",
            description = "Address to listen on. Loopback by default: the protocol is not encrypted yet.")
    String bindAddress() default "127.0.0.1";

    @AttributeDefinition(
            name = "Database names",
            description = "Comma-separated database names a client may ask for. A client that names no "
                    + "database asks for its user name, as in PostgreSQL.")
    String databaseNames() default "hatidata,main";

    @AttributeDefinition(
            name = "Maximum connections",
            description = "Open connections beyond this are refused with SQLSTATE 53300.")
    int maxConnections() default 512;

    @AttributeDefinition(
            name = "Maximum startup packet bytes",
            description = "Largest startup packet accepted; a larger one ends the connection.")
    int maxStartupPacketBytes() default 10000;

    @AttributeDefinition(
            name = "Maximum message bytes",
            description = "Largest frontend message accepted (a Query's text, for instance); a larger one "
                    + "ends the connection.")
    int maxMessageBytes() default 16777216;

    @AttributeDefinition(
            name = "Statement threads",
            description = "Threads that authenticate clients and run statements; statements never run on "
                    + "the network threads.")
    int statementThreads() default 64;

    @AttributeDefinition(
            name = "Statement queue",
            description = "Statements that may wait for a free statement thread; beyond this a statement "
                    + "is refused with SQLSTATE 53300 and the connection stays open.")
    int statementQueue() default 256;

    @AttributeDefinition(
            name = "Authentication timeout (seconds)",
            description = "A client that has not completed startup and authentication within this time is "
                    + "disconnected.")
    int authenticationTimeoutSeconds() default 60;
}
