/** An example custom pipeline stage: {@link io.hatidata.examples.statementguard.StatementGuardStage}. */
package io.hatidata.examples.statementguard;
