package io.omnijourney.journey;

import io.omnijourney.bpmn.Bpmn.Events;
import io.omnijourney.bpmn.Bpmn.Messages;
import io.omnijourney.bpmn.Bpmn.Vars;
import io.omnijourney.customer.Customers;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import io.omnijourney.web.InvalidRequest;
import io.omnijourney.web.InvalidRequest.FieldError;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.MessageCorrelationBuilder;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/events}: a business event (payment received, checkout, a customer's reply) for
 * the journeys waiting for it, by message name, and by business key and customer when given: an
 * event that names its customer reaches only that customer's journeys. Reaching none is fine.
 */
@RestController
@Tag(name = "Business events", description = "Events of the shop for the journeys waiting for them")
class BusinessEventController {

  record BusinessEvent(
      @NotBlank @Size(max = 255) @Pattern(regexp = "[A-Za-z0-9._-]+", message = "may hold letters, digits and . _ -")
          String name,
      @Size(max = 255) String businessKey,
      @Schema(description = "The customer the event is about: only their journeys hear of it, and a"
          + " purchase-completed with it is recorded as their last purchase, which segments filter on")
          @Size(max = 64) String customerId,
      Map<String, Object> variables) {}

  @Schema(requiredProperties = {"name", "correlated"})
  record Correlated(String name, String businessKey, int correlated) {}

  private final RuntimeService runtime;
  private final Customers customers;

  BusinessEventController(RuntimeService runtime, Customers customers) {
    this.runtime = runtime;
    this.customers = customers;
  }

  @Operation(summary = "Report a business event", description = """
      Correlates the event (by message name, and by business key and customer when given) with every \
      journey waiting for it, with its variables; reaching none is fine. The delivery reports' own names \
      are refused. A `purchase-completed` that names its `customerId` is also the customer's last purchase.""")
  @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(examples = @ExampleObject(value = """
      {"name": "payment-received", "businessKey": "order-1001", "variables": {"amount": 120}}""")))
  @ApiResponse(responseCode = "200", description = "How many journeys the event reached (`correlated`)")
  @PostMapping("/api/events")
  Correlated publish(@RequestBody @Valid BusinessEvent event) {
    if (event.name().equals(Messages.DELIVERY_CONFIRMED) || event.name().equals(Messages.DELIVERY_FAILED)) {
      // Delivery reports come from providers' signed webhooks only.
      throw new InvalidRequest(List.of(new FieldError("name", "is reserved for delivery reports")));
    }
    if (event.name().equals(Events.PURCHASE_COMPLETED) && event.customerId() != null) {
      customers.purchased(event.customerId(), OffsetDateTime.now(ZoneOffset.UTC));
    }
    MessageCorrelationBuilder correlation = runtime.createMessageCorrelation(event.name());
    if (event.businessKey() != null) {
      correlation.processInstanceBusinessKey(event.businessKey());
    }
    if (event.customerId() != null) {
      correlation.processInstanceVariableEquals(Vars.CUSTOMER_ID, event.customerId());
    }
    if (event.variables() != null) {
      correlation.setVariables(event.variables());
    }
    return new Correlated(event.name(), event.businessKey(), correlation.correlateAllWithResult().size());
  }
}
