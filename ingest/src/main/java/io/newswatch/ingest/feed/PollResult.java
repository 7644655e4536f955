package io.newswatch.ingest.feed;

import io.newswatch.schemas.avro.Article;
import io.newswatch.schemas.avro.DeadLetter;
import io.newswatch.schemas.avro.FeedState;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The result of one poll: what to publish and what to remember.
 *
 * @param outcome NEW, NOT_MODIFIED or ERROR
 * @param reason why the poll failed, or empty
 * @param articles items not seen before, normalized
 * @param rejects dead letters: items that could not become articles, or the document that is not a feed
 * @param state the feed state to store (ETag, Last-Modified, seen items, failure count)
 * @param nextPollIn when to poll again: the interval, or a backoff after errors
 */
public record PollResult(
    PollOutcome outcome,
    String reason,
    List<Article> articles,
    List<DeadLetter> rejects,
    FeedState state,
    Duration nextPollIn) {

  public PollResult {
    Objects.requireNonNull(outcome, "outcome");
    reason = reason == null ? "" : reason;
    articles = List.copyOf(articles);
    rejects = List.copyOf(rejects);
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(nextPollIn, "nextPollIn");
  }
}
