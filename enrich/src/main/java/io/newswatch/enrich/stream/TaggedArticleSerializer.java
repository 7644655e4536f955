package io.newswatch.enrich.stream;

import io.newswatch.schemas.avro.TaggedArticle;
import io.newswatch.schemas.registry.SchemaRegistry;
import io.newswatch.schemas.serde.AvroSerializer;
import io.newswatch.schemas.serde.WireFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes a decided article to the tagged topic as a {@link TaggedArticle}, copying its article's
 * encoding from the raw record instead of encoding the decoded article again.
 *
 * <p>The article travels through enrich unchanged, and Avro writes a record as its fields one after
 * the other, so the raw value's bytes after its header are the tagged record's first field, as long
 * as the raw record was written in a schema with the same binary layout (the same parsing canonical
 * form) as the article field of today's {@code TaggedArticle}. Encoding the article's strings again
 * was ~14 % of the stream thread (a 4 KB body in UTF-8, per article). A raw record in another
 * article schema (an older version), or an article read again from the raw topic, is written the
 * ordinary way: the same record either way (TaggedArticleSerializerTest). The bytes are equal too,
 * except where the raw encoding was one of several valid ones: a map keeps its writer's order
 * (decoded and encoded again it would take a hash map's), and text that is not valid UTF-8 is passed
 * on as it was written instead of with replacement characters (ingest writes valid UTF-8).
 */
public final class TaggedArticleSerializer implements Serializer<DecidedArticle> {
  private static final long ARTICLE_LAYOUT = articleLayout();

  private final SchemaRegistry registry;
  private final AvroSerializer<TaggedArticle> tagged;
  /** Per raw schema id: whether its records are laid out as the article field is. */
  private final Map<Integer, Boolean> sameLayout = new ConcurrentHashMap<>();

  public TaggedArticleSerializer(SchemaRegistry registry) {
    this.registry = registry;
    this.tagged = new AvroSerializer<>(registry, false);
  }

  @Override
  public byte[] serialize(String topic, DecidedArticle decided) {
    if (decided == null) {
      return null;
    }
    // The raw value was decoded from these very bytes, so its header is in the wire format.
    byte[] raw = decided.rawValue();
    if (raw != null && sameLayout(WireFormat.schemaId(raw))) {
      return tagged.serializeWithFirstField(topic, decided.tagged(), raw, WireFormat.HEADER_SIZE,
          raw.length - WireFormat.HEADER_SIZE);
    }
    return tagged.serialize(topic, decided.tagged());
  }

  private static long articleLayout() {
    Schema.Field article = TaggedArticle.getClassSchema().getField("article");
    if (article.pos() != 0) {
      throw new IllegalStateException("TaggedArticle.article must be the record's first field to be copied in");
    }
    return SchemaNormalization.parsingFingerprint64(article.schema());
  }

  private boolean sameLayout(int schemaId) {
    Boolean known = sameLayout.get(schemaId);
    if (known != null) {
      return known;
    }
    Schema writer;
    try {
      writer = registry.schemaById(schemaId); // fetched (and cached) already when the record was decoded
    } catch (RuntimeException e) {
      return false; // not decided: written the ordinary way, asked again next time
    }
    boolean same = SchemaNormalization.parsingFingerprint64(writer) == ARTICLE_LAYOUT;
    sameLayout.put(schemaId, same);
    return same;
  }
}
