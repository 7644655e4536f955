package io.newswatch.sink.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.newswatch.schemas.avro.Alert;
import io.newswatch.schemas.avro.Channel;
import io.newswatch.schemas.avro.Subscription;
import io.newswatch.sink.Fixtures;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The live page in a real headless Chromium (Debian's chromium + chromium-driver): alerts render newest
 * first, arrive over SSE after the page loaded, highlight evidence terms, and never run injected HTML.
 */
class LivePageBrowserIT {

  private static final String CHROMIUM = System.getProperty("newswatch.chromium", "/usr/bin/chromium");
  private static final String CHROMEDRIVER = System.getProperty("newswatch.chromedriver", "/usr/bin/chromedriver");
  private static final Subscription LIVE = Fixtures.subscription("live", Channel.LIVE, "");

  @TempDir
  Path profile;

  private RecentAlerts alerts;
  private LivePageServer server;
  private ChromeDriver browser;

  @BeforeEach
  void start() {
    for (String binary : List.of(CHROMIUM, CHROMEDRIVER)) {
      if (!Files.isExecutable(Path.of(binary))) {
        throw new AssertionError(binary + " is missing: this test needs a real browser."
            + " Install it with: apt-get install -y chromium chromium-driver"
            + " (or point -Dnewswatch.chromium / -Dnewswatch.chromedriver at them)");
      }
    }
    alerts = new RecentAlerts(50);
    server = new LivePageServer(new LiveConfig("127.0.0.1", 0, 100, Duration.ofSeconds(1)), alerts);
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-quic", "--no-first-run", "--disable-component-update",
        "--disable-sync", "--window-size=1100,900", "--user-data-dir=" + profile);
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(new File(CHROMEDRIVER))
        .usingAnyFreePort()
        .build();
    browser = new ChromeDriver(service, options);
  }

  @AfterEach
  void stop() {
    if (browser != null) {
      browser.quit();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void shouldRenderEscapedHighlightedAlertsNewestFirstWhenTheyArriveLive() throws Exception {
    List<Alert> fixtures = Fixtures.alertsFromResource("live-page.json");
    LiveChannel channel = new LiveChannel(alerts);
    channel.deliver(LIVE, fixtures.get(0)).join();

    browser.get(server.url());
    await().atMost(Duration.ofSeconds(15)).until(() -> items().size() == 1);

    WebElement hostile = items().get(0);
    assertThat(hostile.getAttribute("data-alert-id")).isEqualTo("live-1");
    assertThat(hostile.findElement(By.className("title")).getText())
        .contains("<img src=x onerror=\"document.title='pwned'\">");
    assertThat(hostile.findElement(By.className("summary")).getText()).contains("<b>volatility</b>");
    assertThat(browser.findElements(By.cssSelector("#alerts img, #alerts b"))).isEmpty();
    assertThat(browser.getTitle()).isEqualTo("newswatch: live alerts");
    assertThat(hostile.findElements(By.tagName("a"))).as("a javascript: URL must not become a link").isEmpty();
    assertThat(hostile.findElements(By.tagName("mark"))).extracting(WebElement::getText)
        .containsExactly("OPEC", "Oil price", "OPEC");

    channel.deliver(LIVE, fixtures.get(1)).join();
    await().atMost(Duration.ofSeconds(10)).until(() -> items().size() == 2);

    WebElement newest = items().get(0);
    assertThat(newest.getAttribute("data-alert-id")).isEqualTo("live-2");
    assertThat(newest.findElement(By.className("severity")).getText()).isEqualTo("CRITICAL");
    assertThat(newest.findElement(By.className("topic")).getText()).isEqualTo("health");
    assertThat(newest.findElement(By.className("source")).getText()).isEqualTo("city-desk");
    assertThat(newest.findElement(By.cssSelector(".title a")).getAttribute("href"))
        .isEqualTo("https://news.example/measles");
    assertThat(newest.findElements(By.tagName("mark"))).extracting(WebElement::getText)
        .containsExactly("outbreak", "outbreak");

    // A replay of live-1 is not pushed again; live-3 proves the stream is still flowing.
    channel.deliver(LIVE, fixtures.get(0)).join();
    channel.deliver(LIVE, Fixtures.alert("live-3")).join();
    await().atMost(Duration.ofSeconds(10)).until(() -> items().size() == 3);
    assertThat(items()).extracting(e -> e.getAttribute("data-alert-id"))
        .containsExactly("live-3", "live-2", "live-1");

    Path shot = Path.of("target", "live-page.png");
    Files.createDirectories(shot.getParent());
    Files.write(shot, browser.getScreenshotAs(OutputType.BYTES));
  }

  @Test
  void shouldShowRecentAlertsOnceWhenPageIsReloaded() {
    Fixtures.alerts("r", 3).forEach(alerts::publish);

    browser.get(server.url());
    await().atMost(Duration.ofSeconds(15)).until(() -> items().size() == 3);
    browser.navigate().refresh();
    await().atMost(Duration.ofSeconds(15)).until(() -> items().size() == 3);

    assertThat(items()).extracting(e -> e.getAttribute("data-alert-id")).containsExactly("r-2", "r-1", "r-0");
  }

  private List<WebElement> items() {
    return browser.findElements(By.cssSelector("#alerts li.alert"));
  }
}
