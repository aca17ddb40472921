package io.hatidata.api.query;

/**
 * The SQLSTATE codes the product reports, named after the PostgreSQL condition names (Appendix A of the
 * PostgreSQL manual). Clients branch on these codes, so a code never changes meaning.
 */
public final class SqlState {
    /** {@code 08P01} protocol_violation: a malformed or unexpected frontend message. */
    public static final String PROTOCOL_VIOLATION = "08P01";
    /** {@code 08004} sqlserver_rejected_establishment_of_sqlconnection: refused, for example throttled. */
    public static final String CONNECTION_REJECTED = "08004";
    /** {@code 0A000} feature_not_supported. */
    public static final String FEATURE_NOT_SUPPORTED = "0A000";
    /** {@code 28000} invalid_authorization_specification: unknown user or database, missing credentials. */
    public static final String INVALID_AUTHORIZATION = "28000";
    /** {@code 28P01} invalid_password: wrong, revoked or expired credential. */
    public static final String INVALID_PASSWORD = "28P01";
    /** {@code 42501} insufficient_privilege: denied by a role, scope or policy. */
    public static final String INSUFFICIENT_PRIVILEGE = "42501";
    /** {@code 42601} syntax_error. */
    public static final String SYNTAX_ERROR = "42601";
    /** {@code 42P01} undefined_table. */
    public static final String UNDEFINED_TABLE = "42P01";
    /** {@code 42703} undefined_column. */
    public static final String UNDEFINED_COLUMN = "42703";
    /** {@code 42P07} duplicate_table. */
    public static final String DUPLICATE_TABLE = "42P07";
    /** {@code 42883} undefined_function. */
    public static final String UNDEFINED_FUNCTION = "42883";
    /** {@code 22000} data_exception. */
    public static final String DATA_EXCEPTION = "22000";
    /** {@code 22012} division_by_zero. */
    public static final String DIVISION_BY_ZERO = "22012";
    /** {@code 23505} unique_violation. */
    public static final String UNIQUE_VIOLATION = "23505";
    /** {@code 23502} not_null_violation. */
    public static final String NOT_NULL_VIOLATION = "23502";
    /** {@code 25P01} no_active_sql_transaction: the command needs a transaction block. */
    public static final String NO_ACTIVE_SQL_TRANSACTION = "25P01";
    /** {@code 25P02} in_failed_sql_transaction. */
    public static final String IN_FAILED_TRANSACTION = "25P02";
    /** {@code 40001} serialization_failure: a write-write conflict between transactions. */
    public static final String SERIALIZATION_FAILURE = "40001";
    /** {@code 53300} too_many_connections. */
    public static final String TOO_MANY_CONNECTIONS = "53300";
    /** {@code 53400} configuration_limit_exceeded: a quota or the credit balance is exhausted. */
    public static final String LIMIT_EXCEEDED = "53400";
    /** {@code 55000} object_not_in_prerequisite_state: the product is not ready for this statement. */
    public static final String NOT_IN_PREREQUISITE_STATE = "55000";
    /** {@code 57014} query_canceled: cancelled by the client or by a timeout. */
    public static final String QUERY_CANCELED = "57014";
    /** {@code 57P03} cannot_connect_now: authentication cannot be checked right now; retry later. */
    public static final String CANNOT_CONNECT_NOW = "57P03";
    /** {@code 57P01} admin_shutdown: the server is stopping. */
    public static final String ADMIN_SHUTDOWN = "57P01";
    /** {@code 58000} system_error: an error outside the statement, such as a missing engine. */
    public static final String SYSTEM_ERROR = "58000";
    /** {@code XX000} internal_error: a defect; the message never contains internals or secrets. */
    public static final String INTERNAL_ERROR = "XX000";

    /** {@code 08006} connection_failure: the client connection closed while a statement ran. */
    public static final String CONNECTION_FAILURE = "08006";
    /** {@code 22P02} invalid_text_representation: a value cannot be converted. */
    public static final String INVALID_TEXT_REPRESENTATION = "22P02";
    /** {@code 22P03} invalid_binary_representation: a binary value has the wrong layout. */
    public static final String INVALID_BINARY_REPRESENTATION = "22P03";
    /** {@code 22003} numeric_value_out_of_range. */
    public static final String NUMERIC_VALUE_OUT_OF_RANGE = "22003";
    /** {@code 22023} invalid_parameter_value. */
    public static final String INVALID_PARAMETER_VALUE = "22023";
    /** {@code 23000} integrity_constraint_violation. */
    public static final String INTEGRITY_CONSTRAINT_VIOLATION = "23000";
    /** {@code 55P02} cant_change_runtime_param: a read-only parameter. */
    public static final String CANT_CHANGE_RUNTIME_PARAM = "55P02";
    /** {@code 25000} invalid_transaction_state. */
    public static final String INVALID_TRANSACTION_STATE = "25000";
    /** {@code 2BP01} dependent_objects_still_exist. */
    public static final String DEPENDENT_OBJECTS_STILL_EXIST = "2BP01";
    /** {@code 3D000} invalid_catalog_name: the database asked for does not exist. */
    public static final String INVALID_CATALOG_NAME = "3D000";
    /** {@code 42000} syntax_error_or_access_rule_violation. */
    public static final String SYNTAX_ERROR_OR_ACCESS_RULE_VIOLATION = "42000";
    /** {@code 42704} undefined_object. */
    public static final String UNDEFINED_OBJECT = "42704";
    /** {@code 42P02} undefined_parameter: a statement refers to a parameter no value was bound to. */
    public static final String UNDEFINED_PARAMETER = "42P02";
    /** {@code 42P03} duplicate_cursor: a portal of that name exists. */
    public static final String DUPLICATE_CURSOR = "42P03";
    /** {@code 42P11} invalid_cursor_definition: the statement cannot be opened as a cursor. */
    public static final String INVALID_CURSOR_DEFINITION = "42P11";
    /** {@code 42P05} duplicate_prepared_statement: a prepared statement of that name exists. */
    public static final String DUPLICATE_PREPARED_STATEMENT = "42P05";
    /** {@code 26000} invalid_sql_statement_name: no prepared statement of that name. */
    public static final String INVALID_SQL_STATEMENT_NAME = "26000";
    /** {@code 34000} invalid_cursor_name: no portal of that name. */
    public static final String INVALID_CURSOR_NAME = "34000";
    /** {@code 53200} out_of_memory. */
    public static final String OUT_OF_MEMORY = "53200";
    /** {@code 58030} io_error. */
    public static final String IO_ERROR = "58030";
    /** An idle session was closed after {@code idle_session_timeout}. */
    public static final String IDLE_SESSION_TIMEOUT = "57P05";
    /** A session idle inside a transaction was closed after {@code idle_in_transaction_session_timeout}. */
    public static final String IDLE_IN_TRANSACTION_SESSION_TIMEOUT = "25P03";

    private SqlState() {}
}
