package io.newswatch.sink.subscription;

import java.util.List;

/** Thrown when a subscription is malformed; each problem names the field and how to fix it. */
public final class InvalidSubscriptionException extends IllegalArgumentException {

  private final transient List<String> problems;

  public InvalidSubscriptionException(List<String> problems) {
    super(String.join("; ", problems));
    this.problems = List.copyOf(problems);
  }

  /** One message per problem, each starting with the field it is about. */
  public List<String> problems() {
    return problems;
  }
}
