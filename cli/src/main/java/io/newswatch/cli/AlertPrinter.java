package io.newswatch.cli;

import io.newswatch.schemas.avro.Alert;
import io.newswatch.schemas.avro.Evidence;
import java.io.PrintWriter;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;

/** Prints one line per alert for the terminal: severity, topic, title, source and the evidence terms. */
final class AlertPrinter implements Consumer<Alert> {
  private final PrintWriter out;

  AlertPrinter(PrintWriter out) {
    this.out = out;
  }

  @Override
  public synchronized void accept(Alert a) {
    Set<String> terms = new LinkedHashSet<>();
    for (Evidence e : a.getEvidence()) {
      if (e.getWeight() > 0 && terms.size() < 6) {
        terms.add(e.getText());
      }
    }
    String title = a.getTitle() == null || a.getTitle().isBlank() ? a.getSummary() : a.getTitle();
    if (title.length() > 90) {
      title = title.substring(0, 89) + "…";
    }
    out.printf(Locale.ROOT, "ALERT %-8s %-18s %s%n      %s | %s | evidence: %s | %s%n",
        a.getSeverity(), a.getTopic(), title, a.getSource().isBlank() ? "-" : a.getSource(), a.getLang(),
        terms.isEmpty() ? "-" : String.join(", ", terms), a.getAlertId());
    out.flush();
  }
}
