package io.omnijourney.segment;

import io.omnijourney.channel.Channel;
import io.omnijourney.customer.ChannelBlocks;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A segment's filter as an SQL condition over the {@code customer} table as {@code c}. The SQL text
 * comes from this class alone; every value of the filter is a bind parameter, in {@code params}'
 * order, so no filter can change the statement.
 */
record SegmentQuery(String where, List<Object> params) {

  static SegmentQuery of(SegmentFilter filter, OffsetDateTime now, boolean postgres) {
    List<String> conditions = new ArrayList<>();
    List<Object> params = new ArrayList<>();
    anyOf(conditions, params, "c.locale", filter.locale());
    anyOf(conditions, params, "c.country", filter.country());
    anyOf(conditions, params, "c.time_zone", filter.timeZone());
    anyOf(conditions, params, "c.engaged_channel", filter.learnedChannel());
    if (filter.reachableOn() != null) {
      conditions.add(filter.reachableOn().stream()
          .map(id -> ChannelBlocks.reachableSql(Channel.fromId(id).orElseThrow(), postgres))
          .collect(Collectors.joining(" OR ", "(", ")")));
      params.addAll(filter.reachableOn());
    }
    if (filter.tags() != null) {
      for (String tag : filter.tags().stream().distinct().toList()) {
        conditions.add("EXISTS (SELECT 1 FROM customer_tag t WHERE t.customer_id = c.id AND t.tag = ?)");
        params.add(tag);
      }
    }
    if (filter.attributes() != null) {
      filter.attributes().forEach((name, values) -> {
        conditions.add("EXISTS (SELECT 1 FROM customer_attribute a WHERE a.customer_id = c.id AND a.name = ?"
            + " AND a.content IN (" + placeholders(values.size()) + "))");
        params.add(name);
        params.addAll(values);
      });
    }
    if (filter.engagedWithinDays() != null) {
      conditions.add("c.engaged_at >= ?");
      params.add(now.minusDays(filter.engagedWithinDays()));
    }
    if (filter.purchasedWithinDays() != null) {
      conditions.add("c.purchased_at >= ?");
      params.add(now.minusDays(filter.purchasedWithinDays()));
    }
    return new SegmentQuery(conditions.isEmpty() ? "1 = 1" : String.join(" AND ", conditions), List.copyOf(params));
  }

  private static void anyOf(List<String> conditions, List<Object> params, String column, List<String> values) {
    if (values != null) {
      conditions.add(column + " IN (" + placeholders(values.size()) + ")");
      params.addAll(values);
    }
  }

  private static String placeholders(int count) {
    return String.join(", ", Collections.nCopies(count, "?"));
  }
}
