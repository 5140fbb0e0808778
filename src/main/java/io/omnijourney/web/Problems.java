package io.omnijourney.web;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.omnijourney.web.InvalidRequest.FieldError;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error of our own API as {@code application/problem+json} (RFC 9457). Validation errors list
 * each bad field under {@code errors}, as {@code {"field": "customer.phone", "message": "..."}}.
 */
@RestControllerAdvice(basePackages = "io.omnijourney")
public class Problems extends ResponseEntityExceptionHandler {

  @ExceptionHandler(InvalidRequest.class)
  ProblemDetail invalid(InvalidRequest e) {
    return badRequest(e.errors());
  }

  @ExceptionHandler(NotFound.class)
  ProblemDetail notFound(NotFound e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
    problem.setTitle("Not found");
    return problem;
  }

  @ExceptionHandler(Conflict.class)
  ProblemDetail conflict(Conflict e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
    problem.setTitle("Conflict");
    return problem;
  }

  /** A body that went past the size limit while being read (see {@link BodySizeLimitFilter}). */
  @ExceptionHandler(BodyTooLarge.class)
  ProblemDetail tooLarge(BodyTooLarge e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.PAYLOAD_TOO_LARGE, e.getMessage());
    problem.setTitle("Payload too large");
    return problem;
  }

  @Override
  protected ResponseEntity<Object> handleMethodArgumentNotValid(
      MethodArgumentNotValidException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    List<FieldError> errors = e.getBindingResult().getFieldErrors().stream()
        .map(f -> new FieldError(f.getField(), f.getDefaultMessage()))
        .sorted(Comparator.comparing(FieldError::field))
        .toList();
    return ResponseEntity.badRequest().body(badRequest(errors));
  }

  @Override
  protected ResponseEntity<Object> handleHandlerMethodValidationException(
      HandlerMethodValidationException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    List<FieldError> errors = e.getAllErrors().stream()
        .map(error -> new FieldError(
            error instanceof org.springframework.validation.FieldError f ? f.getField() : "body",
            error.getDefaultMessage()))
        .toList();
    return ResponseEntity.badRequest().body(badRequest(errors));
  }

  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(
      HttpMessageNotReadableException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    // A message converter reports any failure of the body's stream as unreadable, this one too.
    if (NestedExceptionUtils.getMostSpecificCause(e) instanceof BodyTooLarge tooLarge) {
      return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).body(tooLarge(tooLarge));
    }
    String field = "body";
    String message = "is not valid JSON";
    if (e.getCause() instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
      field = field(mismatch);
      message = "has the wrong type or value";
    } else if (e.getCause() instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
      field = mapping.getPath().get(mapping.getPath().size() - 1).getFieldName();
      message = "is invalid";
    }
    return ResponseEntity.badRequest().body(badRequest(List.of(new FieldError(field, message))));
  }

  /** Where a value that did not bind is, as errors name fields: {@code customer.phone}, {@code tags[0]}. */
  public static String field(JsonMappingException e) {
    return e.getPath().stream()
        .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
        .collect(Collectors.joining(".")).replace(".[", "[");
  }

  private static ProblemDetail badRequest(List<FieldError> errors) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
        errors.stream().map(f -> f.field() + " " + f.message()).collect(Collectors.joining("; ")));
    problem.setTitle("Invalid request");
    problem.setProperty("errors", errors);
    return problem;
  }
}
