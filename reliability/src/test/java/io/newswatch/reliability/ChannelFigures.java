package io.newswatch.reliability;

import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What one channel got against what it should have: every expected alert once.
 *
 * @param delivered distinct alerts the channel holds
 * @param duplicates deliveries beyond the first of an alert
 * @param losses expected alerts the channel does not hold
 * @param unexpected alerts the channel holds that were never on the alerts topic
 */
record ChannelFigures(String channel, int delivered, int duplicates, int losses, int unexpected) {

  static ChannelFigures of(String channel, Map<String, Integer> countByAlert, Set<String> expected) {
    int duplicates = countByAlert.values().stream().mapToInt(c -> Math.max(0, c - 1)).sum();
    Set<String> missing = new HashSet<>(expected);
    missing.removeAll(countByAlert.keySet());
    Set<String> extra = new HashSet<>(countByAlert.keySet());
    extra.removeAll(expected);
    return new ChannelFigures(channel, countByAlert.size(), duplicates, missing.size(), extra.size());
  }

  String line() {
    return String.format(Locale.ROOT, "%s: delivered=%d duplicates=%d losses=%d unexpected=%d", channel, delivered,
        duplicates, losses, unexpected);
  }
}
