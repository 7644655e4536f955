package io.newswatch.enrich.stream;

import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/** Drops (by nulling) records whose timestamp is past a replay's end; the next node filters the nulls. */
public final class UntilFilter<V> implements FixedKeyProcessor<String, V, V> {
  private final long untilMs;
  private FixedKeyProcessorContext<String, V> context;

  public UntilFilter(long untilMs) {
    this.untilMs = untilMs;
  }

  @Override
  public void init(FixedKeyProcessorContext<String, V> context) {
    this.context = context;
  }

  @Override
  public void process(FixedKeyRecord<String, V> record) {
    context.forward(record.timestamp() <= untilMs ? record : record.withValue(null));
  }
}
