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
 * The desk view in a real headless Chromium (Debian's chromium + chromium-driver): one card per story in
 * event-time order with its topics, counts and evidence spans, the day's chart with surge marks,
 * filters, Arabic right-to-left, updates merged into their card over SSE, and no injected HTML run.
 * Screenshots land in target/.
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
  void shouldShowStoriesWithTopicsCountsVolumeAndOnlyTheTaggersSpansWhenTheDeskOpensThePage() throws Exception {
    desk().forEach(alerts::publish);

    browser.get(server.url());
    await().atMost(Duration.ofSeconds(15)).until(() -> cards().size() == 3);

    // Stories, not alerts: the surge is a mark on the chart, the two topic alerts of story-det one card,
    // and the cards in event-time order (last seen), newest first.
    assertThat(cards()).extracting(e -> e.getAttribute("data-story-id"))
        .containsExactly("story-hostile", "story-det", "story-dmz");

    WebElement border = card("story-dmz");
    assertThat(border.getAttribute("dir")).as("its latest report is in Arabic").isEqualTo("rtl");
    assertThat(border.getAttribute("data-alert-id")).isEqualTo("dmz-v2");
    assertThat(text(border, "updated")).isEqualTo("updated · v2");
    assertThat(text(border, "articles")).isEqualTo("2 articles");
    assertThat(text(border, "outlets-count")).isEqualTo("2 outlets");
    assertThat(text(border, "languages")).isEqualTo("2 languages: ar, en");
    assertThat(text(border, "seen")).isEqualTo("first 2026-11-22 07:00 UTC · last 2026-11-22 08:10 UTC");
    assertThat(border.findElements(By.cssSelector(".title mark"))).extracting(WebElement::getText)
        .containsExactly("خط الترسيم العسكري");

    WebElement deterrence = card("story-det");
    assertThat(deterrence.findElements(By.className("topic")))
        .extracting(e -> e.getAttribute("data-topic") + ":" + e.getAttribute("data-role"))
        .containsExactly("deterrence:PRIMARY", "dmz:SECONDARY");
    // "Korea" is evidence; "Korean" two words later is not, and must not light up.
    assertThat(deterrence.findElements(By.cssSelector(".title mark"))).extracting(WebElement::getText)
        .containsExactly("Korea", "extended deterrence");
    assertThat(deterrence.findElements(By.cssSelector(".summary mark"))).extracting(WebElement::getText)
        .containsExactly("extended deterrence", "Korea");
    assertThat(deterrence.findElements(By.cssSelector(".passage mark"))).extracting(WebElement::getText)
        .containsExactly("extended deterrence", "Korea");
    assertThat(deterrence.findElements(By.tagName("mark"))).extracting(WebElement::getText).doesNotContain("Korean");

    // The day's chart: dmz counts the two border reports and story-det's secondary tag; the surge marks
    // the 08:00 hour (the chart ends at the newest event, 12:00, as the fixtures are in the past).
    await().atMost(Duration.ofSeconds(10)).until(() -> !browser.findElements(By.cssSelector("svg[data-topic='dmz'] rect.bar")).isEmpty());
    assertThat(barTotal("dmz")).isEqualTo(3);
    assertThat(barTotal("deterrence")).isEqualTo(1);
    assertThat(browser.findElements(By.cssSelector(".surge-mark[data-topic='dmz']")))
        .singleElement().extracting(e -> e.getAttribute("data-hour")).isEqualTo("20");

    screenshot("desk-page.png");

    select("filter-lang", "ar");
    assertThat(cards()).extracting(e -> e.getAttribute("data-story-id")).containsExactly("story-dmz");
    select("filter-lang", "");
    select("filter-topic", "deterrence");
    assertThat(cards()).extracting(e -> e.getAttribute("data-story-id")).containsExactly("story-det");
    select("filter-topic", "dmz");
    assertThat(cards()).extracting(e -> e.getAttribute("data-story-id")).containsExactly("story-det", "story-dmz");
    select("filter-topic", "");
    select("filter-severity", "CRITICAL");
    assertThat(cards()).extracting(e -> e.getAttribute("data-story-id")).containsExactly("story-hostile");
    screenshot("desk-page-filtered.png");
  }

  @Test
  void shouldNeverRunInjectedHtmlWhenAStoryCarriesIt() {
    desk().forEach(alerts::publish);
    browser.get(server.url());
    await().atMost(Duration.ofSeconds(15)).until(() -> cards().size() == 3);

    WebElement hostile = card("story-hostile");
    assertThat(hostile.findElement(By.className("title")).getText())
        .contains("<img src=x onerror=\"document.title='pwned'\">");
    assertThat(hostile.findElement(By.className("summary")).getText()).contains("<b>volatility</b>");
    assertThat(browser.findElements(By.cssSelector("#stories img, #stories b"))).isEmpty();
    assertThat(browser.getTitle()).isEqualTo("newswatch: desk");
    assertThat(hostile.findElements(By.tagName("a"))).as("a javascript: URL must not become a link").isEmpty();
    assertThat(hostile.findElements(By.tagName("mark"))).extracting(WebElement::getText)
        .containsExactly("OPEC", "Oil price");

    // A page without a headline: its strongest passage stands in, marked by the hit's own words.
    alerts.publish(Alert.newBuilder(byId(desk(), "det-topic")).setAlertId("headless").setStoryId("story-headless")
        .setTitle("").setPassage("Seoul and Washington reaffirmed extended deterrence on Friday.").build());
    await().atMost(Duration.ofSeconds(10)).until(() -> cards().size() == 4);
    WebElement headless = card("story-headless");
    assertThat(headless.findElement(By.className("title")).getText())
        .isEqualTo("Seoul and Washington reaffirmed extended deterrence on Friday.");
    assertThat(headless.findElements(By.cssSelector(".title mark"))).extracting(WebElement::getText)
        .containsExactly("extended deterrence");
  }

  @Test
  void shouldUpdateTheStorysCardInPlaceWhenUpdatesArriveLiveAndShowItOnceAfterAReload() {
    List<Alert> desk = desk();
    LiveChannel channel = new LiveChannel(alerts);
    channel.deliver(LIVE, byId(desk, "dmz-v1")).join();

    browser.get(server.url());
    await().atMost(Duration.ofSeconds(15)).until(() -> cards().size() == 1);
    assertThat(text(card("story-dmz"), "outlets-count")).isEqualTo("1 outlet");
    assertThat(card("story-dmz").getAttribute("dir")).isEqualTo("ltr");

    channel.deliver(LIVE, byId(desk, "dmz-v2")).join();
    await().atMost(Duration.ofSeconds(10)).until(() -> "2 outlets".equals(text(card("story-dmz"), "outlets-count")));
    assertThat(cards()).hasSize(1);
    assertThat(card("story-dmz").getAttribute("dir")).isEqualTo("rtl");

    // A re-delivery of version 1 changes nothing; a new story comes in on top.
    channel.deliver(LIVE, byId(desk, "dmz-v1")).join();
    alerts.publish(Alert.newBuilder(byId(desk, "dmz-v1")).setAlertId("dmz-v1-replayed").build());
    channel.deliver(LIVE, byId(desk, "det-topic")).join();
    await().atMost(Duration.ofSeconds(10)).until(() -> cards().size() == 2);
    assertThat(cards()).extracting(e -> e.getAttribute("data-story-id")).containsExactly("story-det", "story-dmz");
    assertThat(text(card("story-dmz"), "updated")).isEqualTo("updated · v2");

    browser.navigate().refresh();
    await().atMost(Duration.ofSeconds(15)).until(() -> cards().size() == 2);
    assertThat(cards()).extracting(e -> e.getAttribute("data-story-id")).containsExactly("story-det", "story-dmz");
    assertThat(text(card("story-dmz"), "outlets-count")).isEqualTo("2 outlets");
  }

  private static List<Alert> desk() {
    return Fixtures.alertsFromResource("desk-page.json");
  }

  private static Alert byId(List<Alert> alerts, String id) {
    return alerts.stream().filter(a -> a.getAlertId().equals(id)).findFirst().orElseThrow();
  }

  private List<WebElement> cards() {
    return browser.findElements(By.cssSelector("#stories li.story"));
  }

  private WebElement card(String storyId) {
    return browser.findElement(By.cssSelector("#stories li.story[data-story-id='" + storyId + "']"));
  }

  private static String text(WebElement card, String className) {
    List<WebElement> found = card.findElements(By.className(className));
    return found.isEmpty() ? null : found.get(0).getText();
  }

  private int barTotal(String topic) {
    return browser.findElements(By.cssSelector("svg[data-topic='" + topic + "'] rect.bar")).stream()
        .mapToInt(e -> Integer.parseInt(e.getAttribute("data-count"))).sum();
  }

  private void select(String id, String value) {
    // As a user does it: the option is clicked, the browser fires the change.
    browser.findElement(By.cssSelector("#" + id + " option[value='" + value + "']")).click();
  }

  private void screenshot(String name) throws java.io.IOException {
    Path shot = Path.of("target", name);
    Files.createDirectories(shot.getParent());
    Files.write(shot, browser.getScreenshotAs(OutputType.BYTES));
  }

}
