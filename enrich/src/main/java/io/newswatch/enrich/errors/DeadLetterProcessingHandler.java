package io.newswatch.enrich.errors;

import io.newswatch.enrich.stream.ArticleIntakeProcessor;
import java.util.Map;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A processor that throws on one record (a bad article, a tagger bug) dead-letters it; the rest flows. */
public final class DeadLetterProcessingHandler implements ProcessingExceptionHandler {
  private static final Logger log = LoggerFactory.getLogger(DeadLetterProcessingHandler.class);
  private final DeadLetterRouter router = new DeadLetterRouter();

  @Override
  public void configure(Map<String, ?> configs) {
    router.configure(configs);
  }

  @Override
  public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
    if (router.retryWhenRegistryDown(exception, context)) {
      return Response.fail();
    }
    if (exception instanceof io.newswatch.enrich.stream.RawArticles.Unavailable) {
      log.warn("{}; failing the task so the decision is applied after the restart", exception.getMessage());
      return Response.fail();
    }
    try {
      // The intake decodes raw articles itself (the source passes bytes): a record it cannot
      // decode is one the source could not deserialize, and is labelled so.
      String reason = exception instanceof ArticleIntakeProcessor.Undecodable
          ? "cannot deserialize at " + context.processorNodeId()
          : "processing failed in " + context.processorNodeId();
      return Response.resume(router.deadLetter(reason, exception, context, context.sourceRawKey(), context.sourceRawValue()));
    } catch (RuntimeException e) {
      log.error("cannot write a dead letter at {}; failing the task so the record is retried", context.processorNodeId(), e);
      return Response.fail();
    }
  }
}
