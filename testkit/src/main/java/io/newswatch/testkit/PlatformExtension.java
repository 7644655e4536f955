package io.newswatch.testkit;

import java.util.Locale;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;

/** Starts the chosen backend before a test class and stops it after; resolves {@link TestPlatform} parameters. */
public final class PlatformExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {
  private static final Logger log = LoggerFactory.getLogger(PlatformExtension.class);
  private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(PlatformExtension.class);
  private static final String KEY = "platform";
  public static final String BACKEND_PROPERTY = "newswatch.it.backend";
  private static volatile String chosen;

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    String backend = backend();
    TestPlatform platform = backend.equals("testcontainers") ? new ContainersBackend() : new EmbeddedBackend();
    log.info("newswatch IT backend: {} for {} (kafka {}, registry {})", platform.backend(),
        context.getRequiredTestClass().getSimpleName(), platform.bootstrapServers(), platform.registryUrl());
    context.getStore(NS).put(KEY, platform);
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    Object p = context.getStore(NS).remove(KEY);
    if (p instanceof AutoCloseable c) {
      c.close();
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext pc, ExtensionContext ec) {
    return pc.getParameter().getType() == TestPlatform.class;
  }

  @Override
  public Object resolveParameter(ParameterContext pc, ExtensionContext ec) {
    return ec.getStore(NS).get(KEY, TestPlatform.class);
  }

  /** The backend from {@code -Dnewswatch.it.backend}, resolving {@code auto} once per JVM. */
  static synchronized String backend() {
    if (chosen != null) {
      return chosen;
    }
    String wanted = System.getProperty(BACKEND_PROPERTY, System.getenv().getOrDefault("NEWSWATCH_IT_BACKEND", "auto"))
        .trim().toLowerCase(Locale.ROOT);
    switch (wanted) {
      case "embedded", "testcontainers" -> {
        chosen = wanted;
        log.info("newswatch IT backend: {} (set by {})", chosen, BACKEND_PROPERTY);
      }
      case "auto", "" -> {
        boolean docker = dockerAvailable();
        chosen = docker ? "testcontainers" : "embedded";
        log.info("newswatch IT backend: {} (auto: Docker engine {})", chosen, docker ? "available" : "not available");
      }
      default -> throw new IllegalArgumentException(
          BACKEND_PROPERTY + " must be embedded, testcontainers or auto, got '" + wanted + "'");
    }
    return chosen;
  }

  private static boolean dockerAvailable() {
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException | LinkageError e) {
      log.debug("Docker probe failed", e);
      return false;
    }
  }
}
