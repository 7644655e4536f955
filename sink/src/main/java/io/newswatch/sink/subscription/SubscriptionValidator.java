package io.newswatch.sink.subscription;

import io.newswatch.schemas.query.SubscriptionQuery;
import io.newswatch.schemas.avro.Channel;
import io.newswatch.schemas.avro.Subscription;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Checks a subscription before it is used, naming each bad field. */
public final class SubscriptionValidator {

  /** Ids end up in delivery keys ("id:alertId") and file names, so no ':' or '/'. */
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
  private static final Pattern ENV_VAR = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private SubscriptionValidator() {
  }

  /** The problems with this subscription, each prefixed with {@code prefix} and the field; empty if valid. */
  public static List<String> problems(Subscription s, String prefix) {
    List<String> problems = new ArrayList<>();
    if (s.getId() == null || !ID.matcher(s.getId()).matches()) {
      problems.add(prefix + "id: '" + s.getId() + "' is not a valid id; use 1-128 letters, digits, '.', '_' or '-'"
          + ", starting with a letter or digit");
    }
    Channel channel = s.getChannel();
    String target = s.getTarget() == null ? "" : s.getTarget();
    if (channel == null || channel == Channel.UNKNOWN) {
      problems.add(prefix + "channel: must be one of FILE, WEBHOOK, POSTGRES, LIVE");
    } else if (channel == Channel.WEBHOOK) {
      webhookProblems(target, s.getSecretRef(), prefix, problems);
    } else if (channel == Channel.POSTGRES && !target.isBlank() && !target.startsWith("jdbc:postgresql:")) {
      problems.add(prefix + "target: '" + target + "' is not a PostgreSQL JDBC URL; use jdbc:postgresql://host:5432/db"
          + " or leave it empty for the sink's default database");
    }
    blankEntries(s.getTopics(), prefix + "topics", problems);
    blankEntries(s.getLanguages(), prefix + "languages", problems);
    String query = SubscriptionQuery.problem(s);
    if (query != null) {
      problems.add(prefix + "query: " + query);
    }
    return problems;
  }

  /** Throws {@link InvalidSubscriptionException} listing every problem, if there is any. */
  public static void validate(Subscription s) {
    List<String> problems = problems(s, "");
    if (!problems.isEmpty()) {
      throw new InvalidSubscriptionException(problems);
    }
  }

  private static void webhookProblems(String target, String secretRef, String prefix, List<String> problems) {
    try {
      URI uri = new URI(target);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
        problems.add(prefix + "target: a WEBHOOK subscription needs an absolute http(s) URL such as https://example.org/hook");
      } else if (uri.getUserInfo() != null) {
        problems.add(prefix + "target: do not put credentials in the webhook URL; the body is signed with the secret named by secretRef");
      }
    } catch (URISyntaxException e) {
      problems.add(prefix + "target: not a valid URL (" + e.getReason() + ")");
    }
    if (secretRef == null || !ENV_VAR.matcher(secretRef).matches()) {
      problems.add(prefix + "secretRef: a WEBHOOK subscription needs the name of the environment variable that holds"
          + " its signing secret, e.g. NEWSWATCH_HOOK_SECRET");
    }
  }

  private static void blankEntries(List<String> values, String field, List<String> problems) {
    for (int i = 0; i < values.size(); i++) {
      if (values.get(i) == null || values.get(i).isBlank()) {
        problems.add(field + "[" + i + "]: must not be blank; remove the entry (an empty list means all)");
      }
    }
  }
}
