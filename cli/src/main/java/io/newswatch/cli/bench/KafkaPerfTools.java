package io.newswatch.cli.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs Kafka's own {@code org.apache.kafka.tools.ProducerPerformance} and {@code ConsumerPerformance}
 * (kafka-tools, same version as the broker) in child JVMs on our class path, on the pipeline's own
 * records, and reads the figures they print. Child JVMs because the tools print to System.out and
 * may call {@code Exit}; their own timers start after their client is built.
 *
 * <p>The producer tool reads its payloads from a UTF-8 text file, so each Avro record reaches it
 * decoded as UTF-8: the few bytes of binary framing that are not valid UTF-8 (length prefixes,
 * timestamps) become replacement characters. {@link Result#avgRecordBytes} is the size it sent.
 */
public final class KafkaPerfTools {
  /** Cuts the payload file into records; it cannot occur in an Avro article of UTF-8 text. */
  static final String DELIMITER = "~~NEWSWATCH-BENCH-RECORD~~";
  private static final int MAX_PAYLOADS = 5_000;
  private static final Pattern PRODUCED = Pattern.compile("(\\d+) records sent, ([0-9.]+) records/sec");

  /** What the two tools printed. */
  public record Result(long records, double producePerSecond, double consumePerSecond, double consumeFetchPerSecond,
      long rebalanceMs, double avgRecordBytes) {
    /**
     * Records per second when each is first produced and then consumed, with the consumer's fetch
     * rate (its group join left out, as the bench's own figure leaves it out).
     */
    public double passThroughPerSecond() {
      return 1.0 / (1.0 / producePerSecond + 1.0 / consumeFetchPerSecond);
    }

    /** The same, with the consumer's group join counted (the tool's {@code nMsg.sec}). */
    public double passThroughWithJoinPerSecond() {
      return 1.0 / (1.0 / producePerSecond + 1.0 / consumePerSecond);
    }
  }

  private KafkaPerfTools() {}

  /**
   * Produces {@code records} records drawn from {@code values} to {@code topic} with the producer
   * settings ingest uses, then consumes them, each tool in its own JVM.
   *
   * @param producerProps producer settings, as {@code key=value} (bootstrap servers included)
   */
  public static Result run(String bootstrap, List<String> producerProps, String topic, List<byte[]> values, long records,
      Path dir) throws IOException, InterruptedException {
    Files.createDirectories(dir);
    Path payloads = dir.resolve("payloads.txt");
    double sentBytes = 0;
    int n = Math.min(MAX_PAYLOADS, values.size());
    try (OutputStream out = Files.newOutputStream(payloads)) {
      for (int i = 0; i < n; i++) {
        byte[] v = values.get(i);
        out.write(v);
        out.write(DELIMITER.getBytes(StandardCharsets.US_ASCII));
        sentBytes += new String(v, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8).length;
      }
    }
    Path logConfig = writeLogConfig(dir);

    List<String> producer = new ArrayList<>(List.of("org.apache.kafka.tools.ProducerPerformance", "--topic", topic,
        "--num-records", Long.toString(records), "--throughput", "-1", "--payload-file", payloads.toString(),
        "--payload-delimiter", DELIMITER, "--producer-props"));
    producer.addAll(producerProps);
    String produced = runJava(dir, logConfig, "producer-performance", producer);
    Matcher m = null;
    for (String line : produced.split("\n")) {
      Matcher lm = PRODUCED.matcher(line);
      if (lm.find()) {
        m = lm;
      }
    }
    if (m == null) {
      throw new IOException("ProducerPerformance printed no total; its output:\n" + produced + "\nsee " + dir);
    }
    double produceRate = Double.parseDouble(m.group(2));

    String consumed = runJava(dir, logConfig, "consumer-performance", List.of("org.apache.kafka.tools.ConsumerPerformance",
        "--bootstrap-server", bootstrap, "--topic", topic, "--messages", Long.toString(records), "--timeout", "60000",
        "--group", "bench-tools-consumer"));
    // start.time, end.time, MB, MB.sec, nMsg, nMsg.sec, rebalance.time.ms, fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec
    String[] f = null;
    for (String line : consumed.split("\n")) {
      String[] parts = line.split(",\\s*");
      if (parts.length == 10 && parts[4].matches("\\d+")) {
        f = parts;
      }
    }
    if (f == null) {
      throw new IOException("ConsumerPerformance printed no total; its output:\n" + consumed + "\nsee " + dir);
    }
    return new Result(records, produceRate, Double.parseDouble(f[5]), Double.parseDouble(f[9]), Long.parseLong(f[6]),
        sentBytes / n);
  }

  private static String runJava(Path dir, Path logConfig, String name, List<String> mainAndArgs)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xms256m", "-Xmx1g", "-cp", System.getProperty("java.class.path"),
        "-Dlog4j2.configurationFile=" + logConfig));
    cmd.addAll(mainAndArgs);
    Path out = dir.resolve(name + ".out");
    Path err = dir.resolve(name + ".err");
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile())
        .start();
    if (!p.waitFor(10, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new IOException(name + " did not finish in 10 minutes; see " + err);
    }
    String text = Files.readString(out, StandardCharsets.UTF_8);
    if (p.exitValue() != 0) {
      throw new IOException(String.format(Locale.ROOT, "%s exited with %d; output:%n%s%n%s", name, p.exitValue(), text,
          Files.readString(err, StandardCharsets.UTF_8)));
    }
    return text;
  }

  private static Path writeLogConfig(Path dir) throws IOException {
    Path f = dir.resolve("log4j2-tools.properties");
    Files.writeString(f, String.join("\n",
        "status = warn",
        "appender.err.type = Console",
        "appender.err.name = ERR",
        "appender.err.target = SYSTEM_ERR",
        "appender.err.layout.type = PatternLayout",
        "appender.err.layout.pattern = %d{ISO8601} %-5p [%c{1}] %m%n",
        "rootLogger.level = WARN",
        "rootLogger.appenderRef.err.ref = ERR",
        ""), StandardCharsets.UTF_8);
    return f;
  }
}
