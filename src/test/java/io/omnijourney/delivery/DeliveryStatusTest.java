package io.omnijourney.delivery;

import static io.omnijourney.delivery.DeliveryStatus.ACCEPTED;
import static io.omnijourney.delivery.DeliveryStatus.DELIVERED;
import static io.omnijourney.delivery.DeliveryStatus.FAILED;
import static io.omnijourney.delivery.DeliveryStatus.PENDING;
import static io.omnijourney.delivery.DeliveryStatus.READ;
import static io.omnijourney.delivery.DeliveryStatus.REJECTED;
import static io.omnijourney.delivery.DeliveryStatus.SENT;
import static io.omnijourney.delivery.DeliveryStatus.UNCERTAIN;
import static io.omnijourney.delivery.DeliveryStatus.UNDELIVERED;
import static org.assertj.core.api.Assertions.assertThat;

import io.omnijourney.bpmn.Bpmn.Messages;
import io.omnijourney.delivery.Delivery.WaitFor;
import org.junit.jupiter.api.Test;

class DeliveryStatusTest {

  @Test
  void statusOnlyMovesForward() {
    assertThat(ACCEPTED.canMoveTo(SENT)).isTrue();
    assertThat(SENT.canMoveTo(DELIVERED)).isTrue();
    assertThat(ACCEPTED.canMoveTo(DELIVERED)).isTrue();
    assertThat(DELIVERED.canMoveTo(READ)).isTrue();
    assertThat(DELIVERED.canMoveTo(SENT)).isFalse();
    assertThat(READ.canMoveTo(DELIVERED)).isFalse();
    assertThat(SENT.canMoveTo(SENT)).isFalse();
  }

  @Test
  void aWaitForReadIsNotEndedByDeliveredButByReadOrAFailure() {
    assertThat(WaitFor.READ.endedBy(DELIVERED)).isFalse();
    assertThat(WaitFor.READ.endedBy(SENT)).isFalse();
    assertThat(WaitFor.READ.endedBy(READ)).isTrue();
    assertThat(WaitFor.READ.endedBy(UNDELIVERED)).isTrue();
    assertThat(WaitFor.READ.message(READ)).isEqualTo(Messages.DELIVERY_READ);
    assertThat(WaitFor.READ.message(FAILED)).isEqualTo(Messages.DELIVERY_FAILED);

    assertThat(WaitFor.DELIVERY.endedBy(DELIVERED)).isTrue();
    assertThat(WaitFor.DELIVERY.endedBy(READ)).isTrue();
    assertThat(WaitFor.DELIVERY.endedBy(ACCEPTED)).isFalse();
    assertThat(WaitFor.DELIVERY.message(READ)).isEqualTo(Messages.DELIVERY_CONFIRMED);
    assertThat(WaitFor.DELIVERY.message(UNDELIVERED)).isEqualTo(Messages.DELIVERY_FAILED);
  }

  @Test
  void failuresAreFinalAndNeverUndoADelivery() {
    assertThat(SENT.canMoveTo(FAILED)).isTrue();
    assertThat(UNCERTAIN.canMoveTo(UNDELIVERED)).isTrue();
    assertThat(DELIVERED.canMoveTo(FAILED)).isFalse();
    assertThat(READ.canMoveTo(UNDELIVERED)).isFalse();
    assertThat(FAILED.canMoveTo(DELIVERED)).isFalse();
    assertThat(REJECTED.canMoveTo(ACCEPTED)).isFalse();
    assertThat(FAILED.canMoveTo(UNDELIVERED)).isFalse();
  }

  @Test
  void aReportMovesAnUncertainDeliveryForward() {
    assertThat(UNCERTAIN.canMoveTo(DELIVERED)).isTrue();
    assertThat(DeliveryStatus.movableTo(SENT)).containsExactlyInAnyOrder(PENDING, UNCERTAIN, ACCEPTED);
  }
}
