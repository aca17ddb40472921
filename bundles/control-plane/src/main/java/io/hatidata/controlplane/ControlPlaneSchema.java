package io.hatidata.controlplane;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;

/**
 * Creates and migrates the control plane's tables. Each version is a list of statements applied in one
 * transaction; {@code cp_schema_version} records the version reached, so a restart applies only what is new.
 */
final class ControlPlaneSchema {
    /** Version 1: organizations, users, environments, API keys. */
    private static final List<String> VERSION_1 = List.of(
            "CREATE TABLE cp_schema_version (version INT NOT NULL)",
            "CREATE TABLE organizations (id VARCHAR(40) PRIMARY KEY, name VARCHAR(200) NOT NULL,"
                    + " tier VARCHAR(20) NOT NULL, created_at TIMESTAMP NOT NULL)",
            "CREATE TABLE users (id VARCHAR(40) PRIMARY KEY,"
                    + " org_id VARCHAR(40) NOT NULL REFERENCES organizations (id),"
                    + " user_name VARCHAR(200) NOT NULL, email VARCHAR(320) NOT NULL,"
                    + " password_hash VARCHAR(200), role VARCHAR(40) NOT NULL, created_at TIMESTAMP NOT NULL,"
                    + " CONSTRAINT users_email_unique UNIQUE (email))",
            "CREATE TABLE environments (id VARCHAR(40) PRIMARY KEY,"
                    + " org_id VARCHAR(40) NOT NULL REFERENCES organizations (id),"
                    + " name VARCHAR(100) NOT NULL, created_at TIMESTAMP NOT NULL,"
                    + " CONSTRAINT environments_name_unique UNIQUE (org_id, name))",
            "CREATE TABLE api_keys (id VARCHAR(40) PRIMARY KEY,"
                    + " org_id VARCHAR(40) NOT NULL REFERENCES organizations (id),"
                    + " environment_id VARCHAR(40) NOT NULL REFERENCES environments (id),"
                    + " user_id VARCHAR(40) NOT NULL REFERENCES users (id),"
                    + " name VARCHAR(200) NOT NULL, key_prefix CHAR(12) NOT NULL, key_hash VARCHAR(200) NOT NULL,"
                    + " role VARCHAR(40) NOT NULL, created_at TIMESTAMP NOT NULL, expires_at TIMESTAMP,"
                    + " revoked_at TIMESTAMP)",
            "CREATE INDEX api_keys_prefix ON api_keys (key_prefix)",
            "INSERT INTO cp_schema_version (version) VALUES (1)");

    /**
     * Version 2: organization slug, status and settings; user status and profile, e-mail unique per
     * organization (a person may belong to several); environment slug, status and settings; key scopes,
     * IP allowlist, last use, creator and rotation; login sessions with rotating refresh tokens.
     */
    private static final List<String> VERSION_2 = List.of(
            "ALTER TABLE organizations ADD COLUMN slug VARCHAR(100)",
            "ALTER TABLE organizations ADD COLUMN status VARCHAR(20) DEFAULT 'active' NOT NULL",
            "ALTER TABLE organizations ADD COLUMN billing_email VARCHAR(320)",
            "ALTER TABLE organizations ADD COLUMN cloud_region VARCHAR(40) DEFAULT 'us-east-1' NOT NULL",
            "ALTER TABLE organizations ADD COLUMN mfa_required BOOLEAN DEFAULT FALSE NOT NULL",
            "ALTER TABLE organizations ADD COLUMN enforce_sso BOOLEAN DEFAULT FALSE NOT NULL",
            "ALTER TABLE organizations ADD COLUMN updated_at TIMESTAMP",
            "UPDATE organizations SET slug = id, updated_at = created_at",
            "CREATE UNIQUE INDEX organizations_slug ON organizations (slug)",
            "ALTER TABLE users DROP CONSTRAINT users_email_unique",
            "ALTER TABLE users ADD CONSTRAINT users_org_email_unique UNIQUE (org_id, email)",
            "CREATE INDEX users_email ON users (email)",
            "ALTER TABLE users ADD COLUMN name VARCHAR(200)",
            "ALTER TABLE users ADD COLUMN status VARCHAR(20) DEFAULT 'active' NOT NULL",
            "ALTER TABLE users ADD COLUMN mfa_enabled BOOLEAN DEFAULT FALSE NOT NULL",
            "ALTER TABLE users ADD COLUMN last_login TIMESTAMP",
            "ALTER TABLE users ADD COLUMN invitation_expires_at TIMESTAMP",
            "ALTER TABLE environments ADD COLUMN slug VARCHAR(100)",
            "ALTER TABLE environments ADD COLUMN status VARCHAR(20) DEFAULT 'active' NOT NULL",
            "ALTER TABLE environments ADD COLUMN query_timeout_ms INT DEFAULT 30000 NOT NULL",
            "ALTER TABLE environments ADD COLUMN max_concurrent_queries INT DEFAULT 50 NOT NULL",
            "ALTER TABLE environments ADD COLUMN cache_enabled BOOLEAN DEFAULT FALSE NOT NULL",
            "ALTER TABLE environments ADD COLUMN updated_at TIMESTAMP",
            "UPDATE environments SET slug = name, updated_at = created_at",
            "CREATE UNIQUE INDEX environments_slug ON environments (org_id, slug)",
            "ALTER TABLE api_keys ADD COLUMN scopes VARCHAR(1000) DEFAULT '' NOT NULL",
            "ALTER TABLE api_keys ADD COLUMN ip_allowlist VARCHAR(4000) DEFAULT '' NOT NULL",
            "ALTER TABLE api_keys ADD COLUMN last_used_at TIMESTAMP",
            "ALTER TABLE api_keys ADD COLUMN created_by VARCHAR(40)",
            "ALTER TABLE api_keys ADD COLUMN replaced_by VARCHAR(40)",
            "UPDATE api_keys SET created_by = user_id, scopes = '" + String.join(" ", io.hatidata.api.controlplane.Scopes.ALL) + "'",
            "CREATE TABLE auth_sessions (id VARCHAR(40) PRIMARY KEY,"
                    + " user_id VARCHAR(40) NOT NULL REFERENCES users (id), org_id VARCHAR(40) NOT NULL,"
                    + " environment_id VARCHAR(40) NOT NULL, started_at TIMESTAMP NOT NULL, revoked_at TIMESTAMP)",
            "CREATE TABLE refresh_tokens (id VARCHAR(40) PRIMARY KEY,"
                    + " session_id VARCHAR(40) NOT NULL REFERENCES auth_sessions (id),"
                    + " token_hash VARCHAR(200) NOT NULL, created_at TIMESTAMP NOT NULL, expires_at TIMESTAMP NOT NULL,"
                    + " used_at TIMESTAMP)");

    /** Version 3: agent keys (SPEC §2.5.1) are API keys with an agent name and framework. */
    private static final List<String> VERSION_3 = List.of(
            "ALTER TABLE api_keys ADD COLUMN agent_name VARCHAR(200)",
            "ALTER TABLE api_keys ADD COLUMN framework VARCHAR(100)",
            "ALTER TABLE api_keys ADD COLUMN description VARCHAR(1000)",
            "ALTER TABLE api_keys ADD COLUMN allowed_schemas VARCHAR(4000) DEFAULT '' NOT NULL",
            "ALTER TABLE api_keys ADD COLUMN allowed_tables VARCHAR(4000) DEFAULT '' NOT NULL");

    /**
     * Version 4: the durable domain-event log (the transactional outbox). {@code domain_event_counter}'s one
     * row is locked by every append until its transaction ends, so sequence numbers are gap-free and
     * become visible in order.
     */
    private static final List<String> VERSION_4 = List.of(
            "CREATE TABLE domain_event_counter (id INT PRIMARY KEY, last_sequence BIGINT NOT NULL)",
            "INSERT INTO domain_event_counter (id, last_sequence) VALUES (1, 0)",
            "CREATE TABLE domain_events (sequence BIGINT PRIMARY KEY, id VARCHAR(40) NOT NULL UNIQUE,"
                    + " type VARCHAR(100) NOT NULL, org_id VARCHAR(40) NOT NULL, actor_id VARCHAR(40) NOT NULL,"
                    + " resource_id VARCHAR(200) NOT NULL, data VARCHAR(8000) NOT NULL, occurred_at TIMESTAMP NOT NULL)",
            "CREATE TABLE domain_event_cursors (consumer VARCHAR(200) PRIMARY KEY, last_sequence BIGINT NOT NULL,"
                    + " updated_at TIMESTAMP NOT NULL)");

    /**
     * Version 5: just-in-time access grants (SPEC §2.8.1; {@code principal_id} is what the elevation
     * applies to: the requesting API key, or the user for a request made with an access token), the agent
     * registry (SPEC §1.6.3) and agent capabilities (SPEC §2.8.2).
     */
    private static final List<String> VERSION_5 = List.of(
            "CREATE TABLE jit_grants (id VARCHAR(40) PRIMARY KEY,"
                    + " org_id VARCHAR(40) NOT NULL REFERENCES organizations (id), environment_id VARCHAR(40),"
                    + " requester_id VARCHAR(40) NOT NULL, requester_key_id VARCHAR(40) DEFAULT '' NOT NULL,"
                    + " principal_id VARCHAR(40) NOT NULL, requester_email VARCHAR(320) NOT NULL,"
                    + " held_role VARCHAR(40) NOT NULL, requested_role VARCHAR(40) NOT NULL,"
                    + " reason VARCHAR(1000) NOT NULL, duration_seconds BIGINT NOT NULL, status VARCHAR(20) NOT NULL,"
                    + " decided_by VARCHAR(40), requested_at TIMESTAMP NOT NULL, decided_at TIMESTAMP,"
                    + " expires_at TIMESTAMP, revoked_by VARCHAR(40), revoked_at TIMESTAMP)",
            "CREATE INDEX jit_grants_principal ON jit_grants (org_id, principal_id, status)",
            "CREATE INDEX jit_grants_status ON jit_grants (status, expires_at)",
            "CREATE TABLE registered_agents (fingerprint VARCHAR(40) PRIMARY KEY,"
                    + " org_id VARCHAR(40) NOT NULL REFERENCES organizations (id),"
                    + " environment_id VARCHAR(40) NOT NULL REFERENCES environments (id), agent_id VARCHAR(200) NOT NULL,"
                    + " framework VARCHAR(100) DEFAULT '' NOT NULL, trust_level VARCHAR(20) DEFAULT 'provisional' NOT NULL,"
                    + " registered_by VARCHAR(40) NOT NULL, first_seen_at TIMESTAMP NOT NULL, last_seen_at TIMESTAMP NOT NULL,"
                    + " CONSTRAINT registered_agents_name UNIQUE (environment_id, agent_id))",
            "CREATE TABLE agent_capabilities (id VARCHAR(40) PRIMARY KEY,"
                    + " org_id VARCHAR(40) NOT NULL REFERENCES organizations (id), environment_id VARCHAR(40) NOT NULL,"
                    + " fingerprint VARCHAR(40) NOT NULL REFERENCES registered_agents (fingerprint),"
                    + " capability VARCHAR(40) NOT NULL, tables VARCHAR(4000) DEFAULT '' NOT NULL,"
                    + " schemas VARCHAR(4000) DEFAULT '' NOT NULL, max_rows INT, credits_per_day INT,"
                    + " window_start VARCHAR(5), window_end VARCHAR(5), expires_at TIMESTAMP, granted_by VARCHAR(40) NOT NULL,"
                    + " created_at TIMESTAMP NOT NULL, updated_at TIMESTAMP NOT NULL, revoked_at TIMESTAMP)",
            "CREATE INDEX agent_capabilities_agent ON agent_capabilities (fingerprint, revoked_at)");

    /**
     * Version 6: invitation tokens. Only the SHA-256 of a token is kept ({@code token_hash}, hex); a token is
     * {@code used_at} once accepted and {@code revoked_at} when a newer one replaced it or the user left.
     */
    private static final List<String> VERSION_6 = List.of(
            "CREATE TABLE user_invitations (token_hash VARCHAR(64) PRIMARY KEY,"
                    + " user_id VARCHAR(40) NOT NULL REFERENCES users (id),"
                    + " org_id VARCHAR(40) NOT NULL REFERENCES organizations (id), invited_by VARCHAR(40) NOT NULL,"
                    + " created_at TIMESTAMP NOT NULL, expires_at TIMESTAMP NOT NULL, used_at TIMESTAMP,"
                    + " revoked_at TIMESTAMP)",
            "CREATE INDEX user_invitations_user ON user_invitations (user_id, revoked_at)");

    private static final List<List<String>> VERSIONS = List.of(VERSION_1, VERSION_2, VERSION_3, VERSION_4, VERSION_5,
            VERSION_6);

    private ControlPlaneSchema() {}

    /** Brings the schema to the newest version; returns the version it was at before. */
    static int migrate(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            int current = currentVersion(connection);
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                for (int version = current + 1; version <= VERSIONS.size(); version++) {
                    for (String each : VERSIONS.get(version - 1)) {
                        statement.execute(each);
                    }
                    if (version > 1) {
                        statement.executeUpdate("UPDATE cp_schema_version SET version = " + version);
                    }
                    connection.commit();
                }
            } catch (SQLException ex) {
                connection.rollback();
                throw ex;
            }
            return current;
        }
    }

    private static int currentVersion(Connection connection) throws SQLException {
        // Derby reports unquoted names in upper case, PostgreSQL in lower case
        boolean exists = false;
        for (String name : List.of("CP_SCHEMA_VERSION", "cp_schema_version")) {
            try (ResultSet tables = connection.getMetaData().getTables(null, null, name, null)) {
                exists |= tables.next();
            }
        }
        if (!exists) {
            return 0;
        }
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT MAX(version) FROM cp_schema_version")) {
            return rows.next() ? rows.getInt(1) : 0;
        }
    }
}
