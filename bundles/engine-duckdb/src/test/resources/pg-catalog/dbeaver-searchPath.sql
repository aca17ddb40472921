-- source: DBeaver PostgreExecutionContext.refreshDefaults (on connect, per context)
SHOW search_path
