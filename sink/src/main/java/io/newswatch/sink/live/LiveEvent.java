package io.newswatch.sink.live;

/**
 * One alert as the page receives it.
 *
 * @param id the alert id, used as the SSE event id
 * @param json the alert rendered by {@link io.newswatch.sink.AlertJson#toJson}, on one line
 */
public record LiveEvent(String id, String json) {
}
