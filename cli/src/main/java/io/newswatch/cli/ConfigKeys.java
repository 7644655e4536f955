package io.newswatch.cli;

import io.newswatch.enrich.EnrichConfig;
import io.newswatch.ingest.IngestConfig;
import io.newswatch.runtime.KnownKeys;
import io.newswatch.runtime.Settings;
import io.newswatch.sink.SinkConfig;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Every setting key newswatch reads. The keys are the string constants of the stages' config classes
 * (and their defaults), so a key added to a stage the usual way (a constant read in {@code from(Settings)})
 * is known here without a second list to keep in step.
 */
final class ConfigKeys {
  private static final Pattern KEY = Pattern.compile("(registry|management|data|enrich|ingest|sink)(\\.[a-z0-9-]+)+");
  private static final KnownKeys KNOWN = KnownKeys.of(collect());

  private ConfigKeys() {}

  static KnownKeys known() {
    return KNOWN;
  }

  /** Fails with a "did you mean" naming each key that no stage reads. */
  static Settings checked(Settings settings) {
    KNOWN.check(settings);
    return settings;
  }

  private static Set<String> collect() {
    Set<String> keys = new TreeSet<>();
    for (Class<?> c : new Class<?>[] {Settings.class, EnrichConfig.class, IngestConfig.class, SinkConfig.class}) {
      for (Field f : c.getFields()) {
        int m = f.getModifiers();
        if (Modifier.isStatic(m) && Modifier.isFinal(m) && f.getType() == String.class) {
          try {
            String v = (String) f.get(null);
            if (v != null && KEY.matcher(v).matches()) {
              keys.add(v);
            }
          } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot read " + c.getSimpleName() + "." + f.getName(), e);
          }
        }
      }
    }
    keys.addAll(Settings.baseDefaults().keySet());
    keys.addAll(EnrichConfig.defaults().keySet());
    keys.addAll(IngestConfig.defaults().keySet());
    keys.addAll(SinkConfig.defaults().keySet());
    keys.removeIf(k -> k.startsWith("kafka."));
    return keys;
  }
}
