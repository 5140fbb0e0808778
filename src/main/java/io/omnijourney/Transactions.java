package io.omnijourney;

import java.util.function.Supplier;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs work in a transaction of its own, committed before the caller goes on, even when the caller
 * is inside the engine's transaction. The ledger is written this way around provider calls, so a
 * rollback of the engine's transaction cannot forget that a provider was called.
 */
@Component
public class Transactions {

  private final TransactionTemplate requiresNew;

  public Transactions(PlatformTransactionManager transactionManager) {
    this.requiresNew = new TransactionTemplate(transactionManager);
    this.requiresNew.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  public <T> T inOwn(Supplier<T> work) {
    return requiresNew.execute(status -> work.get());
  }

  public void inOwn(Runnable work) {
    requiresNew.executeWithoutResult(status -> work.run());
  }
}
