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
            description = "Address to listen on. Loopback by default; before listening on other interfaces, "
                    + "consider tlsRequired.")
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
            description = "Threads that authenticate clients and run statements (1 to 32767; idle ones are "
                    + "kept); statements never run on the network threads. Also the most SQL cursors "
                    + "(DECLARE) open at once across the server, each on a thread of its own.")
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

    @AttributeDefinition(
            name = "Idle session timeout (seconds)",
            description = "A session waiting for its next statement outside a transaction this long is closed "
                    + "with FATAL 57P05 (PostgreSQL's idle_session_timeout, which a session may SET). 0 disables.")
    int idleSessionTimeoutSeconds() default 3600;

    @AttributeDefinition(
            name = "Idle in transaction timeout (seconds)",
            description = "A session idle inside an open transaction this long is closed with FATAL 25P03 and its "
                    + "transaction rolled back (idle_in_transaction_session_timeout). 0 disables.")
    int idleInTransactionTimeoutSeconds() default 600;

    @AttributeDefinition(
            name = "TLS enabled",
            description = "Answer a client's SSLRequest with TLS on the same port. When false, SSLRequest is "
                    + "refused and clients continue unencrypted (or give up, if they require TLS).")
    boolean tlsEnabled() default true;

    @AttributeDefinition(
            name = "TLS required",
            description = "Refuse clients that did not start TLS (FATAL 28000 \"TLS is required: connect with "
                    + "sslmode=require\"). Needs tlsEnabled.")
    boolean tlsRequired() default false;

    @AttributeDefinition(
            name = "TLS protocols",
            description = "Comma-separated TLS versions offered, such as TLSv1.3 or TLSv1.3,TLSv1.2.")
    String tlsProtocols() default "TLSv1.3";

    @AttributeDefinition(
            name = "TLS certificate file",
            description = "PEM certificate chain (server certificate first). Relative paths are resolved "
                    + "against Karaf's etc folder. Blank: key store, else a generated self-signed certificate.")
    String tlsCertificateFile() default "";

    @AttributeDefinition(
            name = "TLS private key file",
            description = "PEM private key of tlsCertificateFile (PKCS#8, or PKCS#1/SEC1), unencrypted.")
    String tlsPrivateKeyFile() default "";

    @AttributeDefinition(
            name = "TLS key store file",
            description = "Key store holding the server's key and certificate chain, used when no PEM files "
                    + "are configured. Its password comes from the environment variable "
                    + "HATIDATA_TLS_KEYSTORE_PASSWORD, never from configuration.")
    String tlsKeyStoreFile() default "";

    @AttributeDefinition(name = "TLS key store type", description = "Type of tlsKeyStoreFile: PKCS12 or JKS.")
    String tlsKeyStoreType() default "PKCS12";

    @AttributeDefinition(
            name = "Data folder",
            description = "The product's data folder; the generated self-signed certificate is kept under its "
                    + "tls folder. Blank: HATIDATA_DATA_DIR, else hatidata under Karaf's data folder.")
    String dataDir() default "";
}
