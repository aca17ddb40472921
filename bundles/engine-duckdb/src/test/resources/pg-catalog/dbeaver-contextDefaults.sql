-- source: DBeaver PostgreExecutionContext.refreshDefaults (on connect, per context)
SELECT current_schema(),session_user
