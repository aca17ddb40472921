-- The smallest statement: the gateway's and the wire's own cost (and the connection churn workload, with -C).
SELECT 1;
