package io.newswatch.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogSafeTest {

  @Test
  void shouldEscapeLineBreaksWhenAValueTriesToForgeALogLine() {
    String forged = "story.txt\n12:00:00.000 INFO  DirectoryImporter - Imported admin.txt\r";

    String safe = LogSafe.of(forged);

    assertThat(safe).doesNotContain("\n", "\r")
        .isEqualTo("story.txt\\n12:00:00.000 INFO  DirectoryImporter - Imported admin.txt\\r");
  }

  @Test
  void shouldEscapeControlSeparatorAndBidiCharactersWhenPresent() {
    String hostile = "a\u0000b\u001B[31mc\u2028d\u2029e\u202Efdp.exe\u0085g\tz";

    String safe = LogSafe.of(hostile);

    assertThat(safe).isEqualTo("a\\u0000b\\u001B[31mc\\u2028d\\u2029e\\u202Efdp.exe\\u0085g\\tz");
    assertThat(safe.codePoints()).noneMatch(Character::isISOControl);
  }

  @Test
  void shouldKeepArabicAndOrdinaryTextUnchangedWhenNothingIsHostile() {
    String text = "كوريا الشمالية تطلق صاروخاً — Seoul (Yonhap) 50%";

    assertThat(LogSafe.of(text)).isSameAs(text);
    assertThat(LogSafe.of((String) null)).isEqualTo("null");
  }

  @Test
  void shouldCutAValueWhenItIsLongerThanTheLimit() {
    String huge = "x".repeat(LogSafe.MAX_CHARS * 5);

    assertThat(LogSafe.of(huge)).hasSize(LogSafe.MAX_CHARS + "...(5000 chars)".length())
        .endsWith("...(5000 chars)");
  }

  @Test
  void shouldMaskUserInfoAndSecretParametersWhenAUrlCarriesCredentials() {
    String url = "https://desk:s3cr3t@feeds.example.org/rss?lang=ar&access_token=abc123&author=kim#sig=zz";

    String safe = LogSafe.url(url);

    assertThat(safe).doesNotContain("desk", "s3cr3t", "abc123", "zz")
        .isEqualTo("https://***@feeds.example.org/rss?lang=ar&access_token=***&author=kim#sig=***");
  }

  @Test
  void shouldMaskEveryUrlWhenAMessageQuotesSeveral() {
    String message = "HTTP 500 from http://u:p@a.example/x after a redirect from https://v@b.example/?api_key=k";

    assertThat(LogSafe.maskCredentials(message))
        .isEqualTo("HTTP 500 from http://***@a.example/x after a redirect from https://***@b.example/?api_key=***");
    assertThat(LogSafe.maskCredentials("https://example.org/a?monkey=1")).isEqualTo("https://example.org/a?monkey=1");
  }
}
