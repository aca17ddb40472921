/** Row-level security (RowFilterProvider): filter templates with identity placeholders bound as literals. */
package io.hatidata.policy.rls;
