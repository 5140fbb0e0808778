package io.omnijourney;

import java.util.Optional;
import java.util.function.Supplier;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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

  /**
   * {@link #inOwn(Supplier)}, again when the engine reports that a journey changed under it (a
   * timer, a report or a job moved it at the same moment): that transaction rolled back whole, so
   * trying again is safe. Empty when every one of {@code attempts} raced.
   */
  public <T> Optional<T> inOwnRetried(int attempts, Supplier<T> work) {
    for (int attempt = 1; attempt <= attempts; attempt++) {
      try {
        return Optional.of(inOwn(work));
      } catch (OptimisticLockingException raced) {
        log.debug("Attempt {} of {} raced a concurrent change: {}", attempt, attempts, raced.getMessage());
      }
    }
    return Optional.empty();
  }

  private static final Logger log = LoggerFactory.getLogger(Transactions.class);
}
