package io.newswatch.enrich.tagging;

import java.util.List;
import java.util.stream.Collectors;

/** A taxonomy that cannot be used: every error found, each with file, line and a suggestion. */
public final class TaxonomyException extends IllegalArgumentException {

  private final List<TaxonomyDiagnostic> diagnostics;

  public TaxonomyException(List<TaxonomyDiagnostic> diagnostics) {
    super(message(diagnostics));
    this.diagnostics = List.copyOf(diagnostics);
  }

  /** All diagnostics, errors and warnings, in file order. */
  public List<TaxonomyDiagnostic> diagnostics() {
    return diagnostics;
  }

  private static String message(List<TaxonomyDiagnostic> diagnostics) {
    List<TaxonomyDiagnostic> errors = diagnostics.stream().filter(TaxonomyDiagnostic::isError).toList();
    return "the taxonomy has " + errors.size() + " error(s):\n  "
        + errors.stream().map(TaxonomyDiagnostic::toString).collect(Collectors.joining("\n  "));
  }
}
