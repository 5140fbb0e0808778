package io.omnijourney.customer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import io.omnijourney.Transactions;
import io.omnijourney.web.InvalidRequest;
import io.omnijourney.web.InvalidRequest.FieldError;
import io.omnijourney.web.Problems;
import io.swagger.v3.oas.annotations.media.Schema;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/**
 * Imports customers in bulk from CSV or NDJSON, read as a stream: however long the file, only one
 * batch of rows is in memory at a time. Each row is checked as a journey's customer is, and a bad
 * row is refused, with its line and field, before anything of it is written; the good rows are
 * saved in batches of {@value #BATCH}, each in a transaction of its own with one JDBC batch per
 * statement. Profiles are keyed by id, so importing a file again updates them.
 */
@Service
public class CustomerImport {

  private static final Logger log = LoggerFactory.getLogger(CustomerImport.class);

  /** Rows per transaction. */
  static final int BATCH = 500;
  /** The refusals an answer lists; the rest are counted only. */
  static final int LISTED = 1_000;

  /** One bad field of a refused row; {@code line} is where the row starts (the CSV header is line 1). */
  @Schema(name = "ImportRefusal", requiredProperties = {"line", "field", "message"})
  public record Refusal(long line, String field, String message) {}

  /**
   * What an import did: the rows saved, the rows refused, and their first {@value #LISTED} problems
   * (a row may have several).
   */
  @Schema(name = "ImportResult", requiredProperties = {"accepted", "refusedRows", "refused"})
  public record Result(long accepted, long refusedRows, List<Refusal> refused) {}

  /** The CSV columns that are a customer's fields; every other column is an attribute. */
  static final List<String> FIELDS = List.of("id", "name", "phone", "email", "telegramChatId", "whatsapp", "viberId",
      "pushToken", "locale", "timeZone", "preferredChannels", "tags");

  private final Customers customers;
  private final CustomerValidation validation;
  private final Transactions transactions;
  private final ObjectReader csv;
  private final ObjectReader ndjson;

  CustomerImport(Customers customers, CustomerValidation validation, Transactions transactions, ObjectMapper json) {
    this.customers = customers;
    this.validation = validation;
    this.transactions = transactions;
    this.csv = CsvMapper.builder()
        .enable(CsvParser.Feature.WRAP_AS_ARRAY, CsvParser.Feature.SKIP_EMPTY_LINES, CsvParser.Feature.TRIM_SPACES)
        .build().readerFor(String[].class);
    // An unknown field is refused rather than dropped: a misspelt "phnoe" would otherwise import nothing.
    this.ndjson = json.readerFor(ImportedCustomer.class).with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  }

  /**
   * A CSV file with a header row. Its columns are named as {@link #FIELDS}; {@code tags} and
   * {@code preferredChannels} are separated by {@code ;}; any other column is an attribute.
   *
   * @throws InvalidRequest when the header is missing or names no id, a column twice, or a column
   *     that can be no attribute; nothing is imported then
   */
  public Result csv(InputStream body) throws IOException {
    try (MappingIterator<String[]> rows = csv.readValues(body)) {
      Columns columns = Columns.of(rows.hasNextValue() ? rows.nextValue() : new String[0]);
      return read(rows, "csv", columns::customer);
    }
  }

  /** NDJSON: one customer object a line, its fields those of {@link ImportedCustomer}. */
  public Result ndjson(InputStream body) throws IOException {
    try (MappingIterator<ImportedCustomer> rows = ndjson.readValues(body)) {
      return read(rows, "json", customer -> customer != null ? new Parsed(customer, List.of())
          : new Parsed(null, List.of(new FieldError("json", "must be a customer object"))));
    }
  }

  /** A row as read: the customer, or what made it unreadable. */
  private record Parsed(ImportedCustomer customer, List<FieldError> problems) {}

  private <T> Result read(MappingIterator<T> rows, String format, Function<T, Parsed> parse) throws IOException {
    Run run = new Run(format);
    while (true) {
      long line = -1;
      try {
        if (!rows.hasNextValue()) {
          break;
        }
        // Where the parser is now, at the row's first token: the CSV parser counts rows, not lines,
        // in its token locations.
        line = rows.getParser().currentLocation().getLineNr();
        run.add(line, parse.apply(rows.nextValue()));
      } catch (UnrecognizedPropertyException e) {
        run.refuse(line, List.of(new FieldError(e.getPropertyName(),
            "is not a customer field; free data goes in attributes")));
      } catch (MismatchedInputException e) {
        // The iterator skips the rest of the bad value and goes on with the next.
        run.refuse(line, List.of(new FieldError(e.getPath().isEmpty() ? format : Problems.field(e),
            e.getPath().isEmpty() ? "must be a customer object" : "has the wrong type")));
      } catch (JsonProcessingException e) {
        // Not CSV or JSON any more: where the next row starts cannot be known, so reading stops here,
        // at the row's line, or where the parser was when no row had begun.
        long at = line >= 0 || e.getLocation() == null ? line : e.getLocation().getLineNr();
        run.refuse(at, List.of(new FieldError(format,
            "is not valid " + format.toUpperCase() + " from here; the lines after it were not read")));
        break;
      }
    }
    Result result = run.finish();
    log.info("Customer import ({}): {} rows saved, {} refused", format, result.accepted(), result.refusedRows());
    return result;
  }

  /** One import under way: the batch being filled, and what has been counted so far. */
  private final class Run {
    private final String attributePrefix;
    private final List<ImportedCustomer> batch = new ArrayList<>(BATCH);
    private final Set<String> ids = new HashSet<>();
    private final List<Refusal> refused = new ArrayList<>();
    private long accepted;
    private long refusedRows;

    Run(String format) {
      this.attributePrefix = format.equals("csv") ? "" : "attributes.";
    }

    void add(long line, Parsed row) {
      List<FieldError> problems = new ArrayList<>(row.problems());
      if (problems.isEmpty()) {
        problems.addAll(validation.problems(row.customer().contact(), ""));
        problems.addAll(row.customer().problems(attributePrefix));
      }
      if (!problems.isEmpty()) {
        refuse(line, problems);
        return;
      }
      if (!ids.add(row.customer().id())) {
        // The same customer twice in one batch: the earlier row is saved first, the later one wins.
        flush();
        ids.add(row.customer().id());
      }
      batch.add(row.customer());
      if (batch.size() == BATCH) {
        flush();
      }
    }

    void refuse(long line, List<FieldError> problems) {
      refusedRows++;
      problems.stream().limit(LISTED - refused.size())
          .forEach(problem -> refused.add(new Refusal(line, problem.field(), problem.message())));
    }

    Result finish() {
      flush();
      return new Result(accepted, refusedRows, List.copyOf(refused));
    }

    private void flush() {
      if (batch.isEmpty()) {
        return;
      }
      try {
        transactions.inOwn(() -> customers.saveAll(batch));
      } catch (DuplicateKeyException raced) {
        // A journey start created one of these profiles between our update and our insert: the
        // batch rolled back whole, and this time the update finds it.
        transactions.inOwn(() -> customers.saveAll(batch));
      }
      accepted += batch.size();
      batch.clear();
      ids.clear();
    }
  }

  /** A CSV file's columns: which cell is which field, and which are attributes. */
  private record Columns(String[] names) {

    static Columns of(String[] header) {
      List<FieldError> problems = new ArrayList<>();
      if (!Arrays.asList(header).contains("id")) {
        problems.add(new FieldError("header", "must be the first line and name an id column"));
      }
      Set<String> seen = new HashSet<>();
      for (int i = 0; i < header.length; i++) {
        String name = header[i];
        if (!seen.add(name)) {
          problems.add(new FieldError("header[" + i + "]", "names the column " + name + " twice"));
        } else if (!FIELDS.contains(name) && !ImportedCustomer.isAttributeName(name)) {
          problems.add(new FieldError("header[" + i + "]", "is neither a customer field (" + String.join(", ", FIELDS)
              + ") nor an attribute name (" + ImportedCustomer.ATTRIBUTE_NAME_RULE + ")"));
        }
      }
      if (!problems.isEmpty()) {
        throw new InvalidRequest(problems);
      }
      return new Columns(header);
    }

    Parsed customer(String[] cells) {
      if (cells.length > names.length) {
        return new Parsed(null, List.of(new FieldError("csv",
            "has " + cells.length + " cells where the header names " + names.length + " columns")));
      }
      Map<String, String> fields = new HashMap<>();
      Map<String, String> attributes = new LinkedHashMap<>();
      for (int i = 0; i < cells.length; i++) {
        if (!cells[i].isEmpty()) {
          (FIELDS.contains(names[i]) ? fields : attributes).put(names[i], cells[i]);
        }
      }
      return new Parsed(new ImportedCustomer(fields.get("id"), fields.get("name"), fields.get("phone"),
          fields.get("email"), fields.get("telegramChatId"), fields.get("whatsapp"), fields.get("viberId"),
          fields.get("pushToken"), fields.get("locale"), fields.get("timeZone"), list(fields.get("preferredChannels")),
          list(fields.get("tags")), attributes.isEmpty() ? null : attributes), List.of());
    }

    /** A {@code ;}-separated cell as a list; null when the cell is empty. */
    private static List<String> list(String cell) {
      return cell == null ? null : Arrays.stream(cell.split(";")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
  }
}
