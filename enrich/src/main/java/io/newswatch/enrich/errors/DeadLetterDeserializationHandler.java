package io.newswatch.enrich.errors;

import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A record that cannot be read (random bytes, wrong magic byte, unknown schema id) goes to the DLQ; a
 * registry that cannot be reached fails the task instead, since the record itself may be fine.
 */
public final class DeadLetterDeserializationHandler implements DeserializationExceptionHandler {
  private static final Logger log = LoggerFactory.getLogger(DeadLetterDeserializationHandler.class);
  private final DeadLetterRouter router = new DeadLetterRouter();

  @Override
  public void configure(Map<String, ?> configs) {
    router.configure(configs);
  }

  @Override
  public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
    if (router.retryWhenRegistryDown(exception, context)) {
      return Response.fail();
    }
    try {
      return Response.resume(router.deadLetter("cannot deserialize", exception, context, record.key(), record.value()));
    } catch (RuntimeException e) {
      log.error("cannot write a dead letter for {}-{}@{}; failing the task so the record is retried",
          record.topic(), record.partition(), record.offset(), e);
      return Response.fail();
    }
  }
}
