package io.hatidata.audit;

/** One chain: a trail and its chain id (an environment id for queries, an organization id for IAM). */
record ChainKey(AuditLogKind kind, String chainId) {}
