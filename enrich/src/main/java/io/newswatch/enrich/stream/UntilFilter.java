package io.newswatch.enrich.stream;

import io.newswatch.schemas.avro.Article;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/** Drops (by nulling) records whose timestamp is past a replay's end; the next node filters the nulls. */
public final class UntilFilter implements FixedKeyProcessor<String, Article, Article> {
  private final long untilMs;
  private FixedKeyProcessorContext<String, Article> context;

  public UntilFilter(long untilMs) {
    this.untilMs = untilMs;
  }

  @Override
  public void init(FixedKeyProcessorContext<String, Article> context) {
    this.context = context;
  }

  @Override
  public void process(FixedKeyRecord<String, Article> record) {
    context.forward(record.timestamp() <= untilMs ? record : record.withValue(null));
  }
}
