package io.omnijourney.segment;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.omnijourney.segment.Segments.Preview;
import io.omnijourney.segment.Segments.Segment;
import io.omnijourney.web.InvalidRequest;
import io.omnijourney.web.InvalidRequest.FieldError;
import io.omnijourney.web.NotFound;
import io.omnijourney.web.Problems;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/segments}: saved, named filters over the customer profiles ({@link SegmentFilter}),
 * and a preview of whom each holds now. A segment's name is its id.
 */
@RestController
@RequestMapping("/api/segments")
@Tag(name = "Segments", description = "Saved filters over the customer profiles, for campaigns")
class SegmentController {

  /** {@code POST /api/segments}, and {@code PUT /api/segments/{name}} (where {@code name} may be left out). */
  @Schema(name = "SegmentRequest", requiredProperties = "filter")
  record SegmentRequest(
      @Schema(description = "Lower-case letters and digits in words joined by -, at most 64 characters",
          example = "fa-telegram") String name,
      @Schema(implementation = SegmentFilter.class) JsonNode filter) {}

  private final Segments segments;
  private final ObjectReader filters;

  SegmentController(Segments segments, ObjectMapper json) {
    this.segments = segments;
    // A misspelt field is refused, never ignored: ignoring it would widen the segment.
    this.filters = json.readerFor(SegmentFilter.class).with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  }

  @Operation(summary = "Create a segment", description = """
      A name and a filter: each field given narrows the segment, a list means any of its values (`tags`: \
      all of them). Every field is checked; one the filter does not know is refused.""")
  @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(examples = @ExampleObject(value = """
      {"name": "fa-telegram", "filter": {"locale": ["fa"], "reachableOn": ["telegram"], "engagedWithinDays": 90}}""")))
  @ApiResponse(responseCode = "201", description = "Created", headers = @Header(name = "Location",
      description = "/api/segments/{name}", schema = @Schema(type = "string")))
  @ApiResponse(responseCode = "400", description = "A bad name or filter field, each named")
  @ApiResponse(responseCode = "409", description = "A segment of that name exists")
  @PostMapping
  ResponseEntity<Segment> create(@RequestBody SegmentRequest request) {
    List<FieldError> problems = new ArrayList<>();
    String name = request.name();
    if (name == null || name.length() > Segments.MAX_NAME || !Segments.NAME.matcher(name).matches()) {
      problems.add(new FieldError("name", "must be lower-case letters and digits in words joined by -, such as"
          + " fa-telegram, at most " + Segments.MAX_NAME + " characters"));
    }
    SegmentFilter filter = filter(request, problems);
    Segment created = segments.create(name, filter);
    return ResponseEntity.created(URI.create("/api/segments/" + name)).body(created);
  }

  @Operation(summary = "The segments", description = "Every segment with its filter, by name.")
  @ApiResponse(responseCode = "200", description = "The segments")
  @GetMapping
  List<Segment> list() {
    return segments.list();
  }

  @Operation(summary = "A segment", description = "Its filter, and when it was created and last changed.")
  @ApiResponse(responseCode = "200", description = "The segment")
  @ApiResponse(responseCode = "404", description = "No segment of that name")
  @GetMapping("/{name}")
  Segment get(@PathVariable String name) {
    return segments.find(name).orElseThrow(() -> new NotFound("No segment " + name));
  }

  @Operation(summary = "Change a segment's filter", description = """
      Replaces the filter; the name stays (give none, or the one in the path).""")
  @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(examples = @ExampleObject(value = """
      {"filter": {"locale": ["fa"], "reachableOn": ["telegram", "whatsapp"]}}""")))
  @ApiResponse(responseCode = "200", description = "The segment as changed")
  @ApiResponse(responseCode = "400", description = "A bad filter field, each named")
  @ApiResponse(responseCode = "404", description = "No segment of that name")
  @PutMapping("/{name}")
  Segment update(@PathVariable String name, @RequestBody SegmentRequest request) {
    List<FieldError> problems = new ArrayList<>();
    if (request.name() != null && !request.name().equals(name)) {
      problems.add(new FieldError("name", "must be the name in the path, or left out"));
    }
    return segments.update(name, filter(request, problems));
  }

  @Operation(summary = "Delete a segment")
  @ApiResponse(responseCode = "204", description = "Deleted")
  @ApiResponse(responseCode = "404", description = "No segment of that name")
  @DeleteMapping("/{name}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void delete(@PathVariable String name) {
    if (!segments.delete(name)) {
      throw new NotFound("No segment " + name);
    }
  }

  @Operation(summary = "Preview a segment", description = """
      How many customers the segment holds now (`size`), and the first few by id (`sample`): their \
      language, time zone, country, learned channel and tags, no contact data.""")
  @ApiResponse(responseCode = "200", description = "The size and a sample")
  @ApiResponse(responseCode = "404", description = "No segment of that name")
  @GetMapping("/{name}/preview")
  Preview preview(@PathVariable String name) {
    return segments.preview(name);
  }

  /** The request's filter, read strictly; throws with {@code problems} and the filter's own. */
  private SegmentFilter filter(SegmentRequest request, List<FieldError> problems) {
    SegmentFilter filter = null;
    if (request.filter() == null || !request.filter().isObject()) {
      problems.add(new FieldError("filter", "must be an object; {} holds every customer"));
    } else {
      try {
        filter = filters.readValue(request.filter());
        problems.addAll(filter.problems());
      } catch (UnrecognizedPropertyException e) {
        problems.add(new FieldError("filter." + Problems.field(e), "is not a filter field; the filter knows "
            + String.join(", ", e.getKnownPropertyIds().stream().map(Object::toString).sorted().toList())));
      } catch (MismatchedInputException e) {
        problems.add(new FieldError("filter." + Problems.field(e), "has the wrong type"));
      } catch (IOException e) {
        problems.add(new FieldError("filter", "is not a filter"));
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidRequest(problems);
    }
    return filter;
  }
}
