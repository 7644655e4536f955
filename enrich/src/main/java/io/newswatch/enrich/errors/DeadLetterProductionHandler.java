package io.newswatch.enrich.errors;

import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An output record that cannot be serialized or is too large dead-letters the source record; other
 * send errors, and a schema registry that cannot be reached, fail the task so that exactly-once
 * retries them.
 */
public final class DeadLetterProductionHandler implements ProductionExceptionHandler {
  private static final Logger log = LoggerFactory.getLogger(DeadLetterProductionHandler.class);
  private final DeadLetterRouter router = new DeadLetterRouter();

  @Override
  public void configure(Map<String, ?> configs) {
    router.configure(configs);
  }

  @Override
  public Response handleError(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record, Exception exception) {
    if (!(exception instanceof RecordTooLargeException) || record.topic().equals(router.topic())) {
      return Response.fail();
    }
    return resume(context, exception, "output too large for " + record.topic());
  }

  @Override
  @SuppressWarnings("rawtypes")
  public Response handleSerializationError(ErrorHandlerContext context, ProducerRecord record, Exception exception,
      SerializationExceptionOrigin origin) {
    if (router.retryWhenRegistryDown(exception, context)) {
      return Response.fail();
    }
    return resume(context, exception, "cannot serialize output " + origin.name().toLowerCase(java.util.Locale.ROOT)
        + " for " + record.topic());
  }

  private Response resume(ErrorHandlerContext context, Exception exception, String reason) {
    try {
      return Response.resume(router.deadLetter(reason, exception, context, context.sourceRawKey(), context.sourceRawValue()));
    } catch (RuntimeException e) {
      log.error("cannot write a dead letter at {}; failing the task", context.processorNodeId(), e);
      return Response.fail();
    }
  }
}
