package io.omnijourney.journey;

import io.omnijourney.customer.InvalidContactData;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.Map;
import org.springframework.boot.autoconfigure.jersey.ResourceConfigCustomizer;
import org.springframework.stereotype.Component;

/**
 * Makes {@code /engine-rest} answer bad contact data in a start request with 400, as
 * {@code /api/journeys} does. Camunda's REST API turns every engine exception of a start into 500;
 * our exception is not one, so this mapper sees it first.
 */
@Component
class EngineRestErrors implements ResourceConfigCustomizer {

  @Override
  public void customize(org.glassfish.jersey.server.ResourceConfig config) {
    config.register(new InvalidContactDataMapper());
  }

  static class InvalidContactDataMapper implements ExceptionMapper<InvalidContactData> {
    @Override
    public Response toResponse(InvalidContactData e) {
      return Response.status(Response.Status.BAD_REQUEST)
          .type(MediaType.APPLICATION_JSON_TYPE)
          .entity(Map.of("type", "InvalidRequestException", "message", e.getMessage(), "field", e.field()))
          .build();
    }
  }
}
