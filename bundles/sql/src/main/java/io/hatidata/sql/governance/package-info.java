/**
 * The {@link io.hatidata.api.sql.TableRewriter} service: governed table references replaced by
 * sub-queries on the parse tree, spliced into the client's text at the positions the parser reports and
 * verified by parsing the result again.
 */
package io.hatidata.sql.governance;
