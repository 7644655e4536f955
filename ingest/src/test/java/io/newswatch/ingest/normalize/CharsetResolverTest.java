package io.newswatch.ingest.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import io.newswatch.ingest.TestServer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CharsetResolverTest {

  private final CharsetResolver resolver = new CharsetResolver();
  private final String arabic = new String(TestServer.resource("/langid/arabic-sample.txt"), StandardCharsets.UTF_8);

  @Test
  void shouldDetectWindows1256WhenArabicHasNoDeclaration() {
    DecodedText decoded = resolver.decode(arabic.getBytes(Charset.forName("windows-1256")), null, CharsetResolver.Kind.TEXT);

    assertThat(decoded.origin()).isEqualTo("detected");
    assertThat(decoded.charset().name()).isEqualTo("windows-1256");
    assertThat(decoded.text()).isEqualTo(arabic);
  }

  @Test
  void shouldReadUtf8WithAStrayBadByteAsUtf8NotAsAnotherCharset() {
    // English with Arabic names and two bytes of another encoding pasted in: a detector read it all as
    // windows-1252 and turned the Arabic into mojibake.
    String text = "Soldiers crossed the line near Cheorwon (كوريا الشمالية) on Tuesday, the JCS said. "
        + "Officials in Seoul (سيول) said they went back after warning shots.";
    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
    byte[] damaged = new byte[utf8.length + 2];
    System.arraycopy(utf8, 0, damaged, 0, 20);
    damaged[20] = (byte) 0xFF;
    damaged[21] = (byte) 0xFE;
    System.arraycopy(utf8, 20, damaged, 22, utf8.length - 20);

    DecodedText decoded = resolver.decode(damaged, null, CharsetResolver.Kind.TEXT);

    assertThat(decoded.charset()).isEqualTo(StandardCharsets.UTF_8);
    assertThat(decoded.origin()).isEqualTo("utf-8-damaged");
    assertThat(decoded.text()).contains("كوريا الشمالية", "سيول", "\uFFFD");
  }

  @Test
  void shouldDetectIso88596WhenArabicHasNoDeclaration() {
    DecodedText decoded = resolver.decode(arabic.getBytes(Charset.forName("ISO-8859-6")), null, CharsetResolver.Kind.TEXT);

    assertThat(decoded.charset().name()).isEqualTo("ISO-8859-6");
    assertThat(decoded.text()).isEqualTo(arabic);
  }

  @Test
  void shouldHonourHttpCharsetWhenDeclared() {
    byte[] bytes = arabic.getBytes(Charset.forName("windows-1256"));

    DecodedText decoded = resolver.decode(bytes, "text/plain; charset=windows-1256", CharsetResolver.Kind.TEXT);

    assertThat(decoded.origin()).isEqualTo("http");
    assertThat(decoded.text()).isEqualTo(arabic);
  }

  @Test
  void shouldHonourXmlPrologAndHtmlMetaWhenDeclared() {
    String xml = "<?xml version=\"1.0\" encoding=\"windows-1256\"?><t>" + arabic + "</t>";
    String html = "<html><head><meta charset=\"windows-1256\"></head><body>" + arabic + "</body></html>";

    DecodedText fromXml = resolver.decode(xml.getBytes(Charset.forName("windows-1256")), null, CharsetResolver.Kind.XML);
    DecodedText fromHtml = resolver.decode(html.getBytes(Charset.forName("windows-1256")), null, CharsetResolver.Kind.HTML);

    assertThat(fromXml.origin()).isEqualTo("xml-prolog");
    assertThat(fromXml.text()).contains(arabic);
    assertThat(fromHtml.origin()).isEqualTo("html-meta");
    assertThat(fromHtml.text()).contains(arabic);
  }

  @Test
  void shouldStripBomWhenPresent() {
    byte[] body = ("\uFEFF" + arabic).getBytes(StandardCharsets.UTF_8);

    DecodedText decoded = resolver.decode(body, null, CharsetResolver.Kind.TEXT);

    assertThat(decoded.origin()).isEqualTo("bom");
    assertThat(decoded.text()).isEqualTo(arabic);
  }

  @Test
  void shouldTrustBytesWhenDeclaredUtf8IsNotUtf8() {
    byte[] bytes = arabic.getBytes(Charset.forName("windows-1256"));

    DecodedText decoded = resolver.decode(bytes, "text/html; charset=utf-8", CharsetResolver.Kind.HTML);

    assertThat(decoded.text()).isEqualTo(arabic);
  }

  @Test
  void shouldReadUtf8WhenValidUtf8ArabicIsDeclaredWindows1256() {
    byte[] utf8 = arabic.getBytes(StandardCharsets.UTF_8);

    DecodedText fromHeader = resolver.decode(utf8, "application/rss+xml; charset=windows-1256", CharsetResolver.Kind.XML);
    DecodedText fromProlog = resolver.decode(("<?xml version=\"1.0\" encoding=\"windows-1256\"?><x>" + arabic + "</x>")
        .getBytes(StandardCharsets.UTF_8), null, CharsetResolver.Kind.XML);

    assertThat(fromHeader.text()).isEqualTo(arabic);
    assertThat(fromHeader.charset()).isEqualTo(StandardCharsets.UTF_8);
    assertThat(fromHeader.origin()).isEqualTo("utf-8-over-http");
    assertThat(fromProlog.text()).contains(arabic);
    assertThat(fromProlog.origin()).isEqualTo("utf-8-over-xml-prolog");
  }

  @Test
  void shouldKeepTheDeclaredCharsetWhenUtf8BytesAreOnlyAscii() {
    DecodedText decoded = resolver.decode("plain ASCII news".getBytes(StandardCharsets.US_ASCII),
        "text/plain; charset=windows-1256", CharsetResolver.Kind.TEXT);

    assertThat(decoded.origin()).isEqualTo("http");
    assertThat(decoded.text()).isEqualTo("plain ASCII news");
  }

  @Test
  void shouldDetectTheCharsetWhenTheDeclaredOneCannotMapTheBytes() {
    // windows-1256 bytes such as 0xC7 (alef) are valid ISO-8859-6 too, but its letters above 0xDA are not.
    byte[] bytes = arabic.getBytes(Charset.forName("windows-1256"));

    DecodedText decoded = resolver.decode(bytes, "text/plain; charset=ISO-8859-6", CharsetResolver.Kind.TEXT);

    assertThat(decoded.text()).isEqualTo(arabic).doesNotContain("\uFFFD");
    assertThat(decoded.origin()).isEqualTo("detected-over-http");
  }
}
