package io.newswatch.runtime;

import io.newswatch.schemas.Topic;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates the catalog's topics when they are missing, with the catalog's partitions and configs. */
public final class TopicProvisioner {
  private static final Logger log = LoggerFactory.getLogger(TopicProvisioner.class);

  private TopicProvisioner() {}

  /** Creates whichever of {@code topics} do not exist yet; existing topics are left as they are. */
  public static void ensure(Properties kafka, Collection<Topic<?>> topics) {
    try (Admin admin = Admin.create(kafka)) {
      Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
      short rf = (short) Math.min(3, admin.describeCluster().nodes().get(30, TimeUnit.SECONDS).size());
      List<NewTopic> missing = topics.stream()
          .filter(t -> !existing.contains(t.name()))
          .map(t -> new NewTopic(t.name(), t.partitions(), rf).configs(t.configs()))
          .toList();
      if (missing.isEmpty()) {
        return;
      }
      try {
        admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
      } catch (ExecutionException e) {
        // Another instance may have created them between our list and our create.
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw e;
        }
      }
      log.info("created topics {}", missing.stream().map(NewTopic::name).toList());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topics", e);
    } catch (Exception e) {
      throw new IllegalStateException("cannot create topics on " + kafka.getProperty("bootstrap.servers") + ": " + e.getMessage(), e);
    }
  }
}
