/** Column masking (ColumnMaskProvider): full, partial, hash and null masks by lineage through the TableRewriter. */
package io.hatidata.policy.masking;
