package io.newswatch.ingest.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import io.newswatch.ingest.TestServer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextCleanerTest {

  private final TextCleaner cleaner = new TextCleaner();

  private List<String> cleaned() {
    String raw = new String(TestServer.resource("/normalize/english-with-debris.txt"), StandardCharsets.UTF_8);
    return Arrays.asList(cleaner.clean(raw).split("\n\n"));
  }

  @Test
  void shouldKeepTheArticleParagraphsWhenRemovingDebris() {
    assertThat(cleaned()).containsExactly(
        "Talks proposed at the border",
        "Soldiers stand guard at the border village on Monday.",
        "South Korea on Monday proposed military talks with North Korea to clarify the military demarcation line and"
            + " prevent accidental clashes near the border.",
        "The proposal is the first formal offer since the president took office in June, amid repeated crossings of"
            + " the line by soldiers from the North.",
        "\"We expect a positive and quick answer from the North,\" the deputy minister said.");
  }

  @Test
  void shouldReturnEmptyWhenNothingReadsLikeProse() {
    assertThat(cleaner.clean("Home\nShare\nTweet\nhttps://example.com\n")).isEmpty();
  }

  @Test
  void shouldBeIdempotentWhenCleaningTwice() {
    String once = String.join("\n\n", cleaned());
    assertThat(cleaner.clean(once)).isEqualTo(once);
  }

  @Test
  void shouldKeepAListWhenItIsInTheFirstHalf() {
    String text = """
        The agreement includes:
        - a hotline between the two militaries, to be tested every day;
        - new markers along the line, replacing those lost over decades.
        Officials said the measures would take effect next month.
        The talks are the first of their kind since 2018, the ministry said.
        Both sides are expected to meet again in the spring, according to the statement.
        """;
    assertThat(cleaner.clean(text)).contains("a hotline between the two militaries");
  }

  @Test
  void shouldKeepTheLastSentenceWhenThePageWasCutMidSentence() {
    String text = """
        Officials from both sides met in the capital on Tuesday, the ministry said.
        These agreements are a follow-up to the treaty on comprehensive partnership signed between the two
        Share this article
        """;
    assertThat(cleaner.clean(text)).endsWith("signed between the two");
    // A long unpunctuated line followed by more page furniture is a footer (a disclaimer), not a cut.
    assertThat(cleaner.clean(text + "Follow us on social media\n")).endsWith("the ministry said.");
  }

  @Test
  void shouldCutARelatedLinksBlockAndItsHeadingButKeepWhatFollows() {
    String text = """
        Farmers in the province began the rice harvest on Monday, two weeks later than usual after a cold spring.
        Officials said yields were expected to match last year's, despite the late start and a dry August.
        The ministry will publish its first estimate of the crop at the end of the month, a spokesman said.
        Related
          • US bomber flies over the peninsula in joint drill
          • North Korean troops seen near the front in Kursk
        Comments are closed for this story.
        """;
    String cleaned = cleaner.clean(text);
    assertThat(cleaned).doesNotContain("bomber", "Kursk").endsWith("Comments are closed for this story.");

    String arabic = """
        بدأ المزارعون في الإقليم حصاد الأرز يوم الاثنين، بعد أسبوعين من موعده المعتاد بسبب ربيع بارد.
        وقال مسؤولون إن المحصول سيكون قريبا من محصول العام الماضي رغم التأخر وجفاف شهر آب.
        وستنشر الوزارة أول تقدير للمحصول في نهاية الشهر، بحسب متحدث باسمها.
        الأكثر قراءة
        1- غواصة أميركية ترسو في ميناء بوسان
        2- جنود كوريون شماليون على جبهة كورسك
        التعليقات مغلقة على هذا الخبر.
        """;
    assertThat(cleaner.clean(arabic)).doesNotContain("الأكثر قراءة", "غواصة", "كورسك")
        .endsWith("التعليقات مغلقة على هذا الخبر.");
    assertThat(cleaner.clean(cleaner.clean(text))).isEqualTo(cleaned);
  }

  @Test
  void shouldKeepAHeadlineLikeListThatTheArticleIntroduces() {
    String text = """
        The two defence ministers met in Seoul on Tuesday and agreed on a set of measures, officials said.
        The talks lasted three hours and ended with a joint statement read to reporters at the ministry.
        Both sides said the meeting had been constructive and that they would meet again next year.
        The statement lists the steps the allies will take next year:
        - more visits of US strategic assets to the peninsula
        - a joint planning cell for nuclear operations
        - a tabletop exercise on a nuclear attack every year
        The ministers will review the steps when they meet in Washington in the spring.
        """;
    assertThat(cleaner.clean(text)).contains("more visits of US strategic assets", "a joint planning cell",
        "a tabletop exercise");

    // A list under no heading, and one that starts in the first half, stay whole, also when cleaned twice.
    String unheaded = text.replace("The statement lists the steps the allies will take next year:\n", "");
    assertThat(cleaner.clean(unheaded)).contains("more visits of US strategic assets", "a tabletop exercise");
    String early = """
        The two defence ministers met in Seoul on Tuesday and agreed on a set of measures, officials said.
        Measures
        - more visits of US strategic assets to the peninsula
        - a joint planning cell for nuclear operations
        - a tabletop exercise on a nuclear attack every year
        - a hotline between the two ministries
        The talks lasted three hours and ended with a joint statement read to reporters.
        Both sides said they would meet again next year.
        """;
    String once = cleaner.clean(early);
    assertThat(once).contains("more visits of US strategic assets", "a hotline between the two ministries");
    assertThat(cleaner.clean(once)).isEqualTo(once);
  }

  @Test
  void shouldCallATickerOnlyHeadlinesAndAnUnfinishedParagraphPartial() {
    String ticker = """
        Seoul shares close higher as chipmakers rally
        Won weakens past 1,400 per dollar for first time since April
        Heavy rain warning issued for Gangwon province
        Parliament passes revised budget bill
        """;
    assertThat(cleaner.clean(ticker)).isEmpty();
    assertThat(cleaner.whyNothingLeft(ticker)).startsWith("only headlines: 4 lines");

    String unfinished = "Officials from both sides met in the capital on Tuesday to discuss the rules for the new crossing"
        + " points and the schedule of the";
    assertThat(cleaner.clean(unfinished)).isEmpty();
    assertThat(cleaner.whyNothingLeft(unfinished)).startsWith("partial text: ");
    // A headline, a dateline and a first paragraph cut short: its last line is its longest, so partial.
    String started = "Talks at the border\nSeoul, May 3\nOfficials from both sides met on Tuesday to discuss the"
        + " rules for the new crossing points and";
    assertThat(cleaner.whyNothingLeft(started)).startsWith("partial text: ");
  }

  @Test
  void shouldKeepAPostWrittenOneStatementPerLineWithoutAFullStop() {
    String alert = """
        عاجل | وزارة الدفاع في سيول: طائرة مسيرة شمالية عبرت الحدود ليلا 🔴
        🔹 رصدت الرادارات الطائرة فوق بلدة حدودية قرب العاصمة
        🔹 الجيش أطلق طلقات تحذيرية وعادت الطائرة شمالا بعد دقائق
        🔹 لا إصابات ولا أضرار بحسب البيان الرسمي
        #كوريا_الشمالية #سيول
        📲 تابعونا لمزيد من الأخبار العاجلة
        """;
    String kept = cleaner.clean(alert);
    assertThat(kept).contains("طائرة مسيرة شمالية عبرت الحدود", "أطلق طلقات تحذيرية", "تابعونا", "#كوريا_الشمالية");
    // Read again once its headline is split off, the body is still a post: its hashtags stayed.
    String alertBody = kept.substring(kept.indexOf("\n\n") + 2);
    assertThat(cleaner.clean(alertBody, kept.substring(0, kept.indexOf("\n\n")))).isEqualTo(alertBody);

    String thread = """
        1/3 Big story tonight: a drone from the North crossed into the South's airspace near the capital
        Radar tracked it for about forty minutes before it turned back north
        Officials say no shots were fired and nothing was damaged 👀
        """;
    assertThat(cleaner.clean(thread)).contains("Radar tracked it for about forty minutes");
    // A digest post without a full stop keeps its last bullets too: rule 5 would stop at the long
    // Kursk line and take the shorter bullet after it for a footer.
    String digest = """
        📌 Evening Korea briefing

        🔴 Border: soldiers from the North crossed the line near Cheorwon while laying mines and went back after warning shots were fired

        🔴 Kursk: Ukrainian intelligence says a new batch of North Korean artillery crews and drone operators reached the front and that the North's losses there have passed four thousand killed and wounded

        🔴 Deterrence: a US ballistic missile submarine docked in Busan

        Share this briefing with your friends 🙏
        """;
    assertThat(cleaner.clean(digest)).contains("a US ballistic missile submarine docked in Busan");
    // The mark may stand in the headline only, split off before the body is cleaned.
    String body = """
        Spotted on thermal cameras around midnight in the eastern sector, where the fence runs along the ridge line
        A unit went out and guided him in, and he is now in custody
        """;
    assertThat(cleaner.clean(body)).isEmpty();
    assertThat(cleaner.clean(body, "🚨 Soldier walks across the border overnight")).contains("guided him in");

    // Without a post's marks, the same shape is still a ticker; with them, a menu is still a menu.
    String ticker = """
        Seoul shares close higher as chipmakers rally
        Won weakens past 1,400 per dollar for first time since April
        Heavy rain warning issued for Gangwon province
        """;
    assertThat(cleaner.clean(ticker)).isEmpty();
    String menu = "🏠 Home\nWorld news\nSport 🏆\nWeather today\n#trending";
    assertThat(cleaner.clean(menu)).isEmpty();
    // A section page's badge or a site's interface glyphs do not make its headlines a post.
    String section = """
        Asia
        🔴 LIVE
        North Korea fires ballistic missile into the East Sea
        North Korean soldiers cross the Military Demarcation Line in the DMZ
        Markets slide as oil prices jump on Gulf tensions
        """;
    assertThat(cleaner.clean(section)).isEmpty();
    assertThat(cleaner.whyNothingLeft(section)).startsWith("only headlines");
    String glyphs = """
        ☰ Menu
        North Korea fires ballistic missile into the East Sea
        North Korean soldiers cross the Military Demarcation Line in the DMZ
        ✕ Close
        """;
    assertThat(cleaner.clean(glyphs)).isEmpty();
    // Nor does a site's trending bar of hashtags over its headlines.
    String trending = """
        Trending: #NorthKorea #Kursk
        North Korea fires ballistic missile into the East Sea
        North Korean soldiers cross the Military Demarcation Line in the DMZ
        Subscribe to our newsletter today
        """;
    assertThat(cleaner.clean(trending)).isEmpty();
  }

  @Test
  void shouldCutAPointerToAnotherStoryWhereverItStandsWithItsHeadline() {
    String page = """
        Border guards fire warning shots
        Soldiers from the North crossed the line in the central sector on Tuesday and went back after warnings.
        Read also: Summit in the capital ends with a new defence pact
        The military said the soldiers were carrying tools and appeared to be doing construction work.
        Related: Ministers meet on export rules
        Officials said the area is overgrown and the markers are hard to see.
        """;
    assertThat(Arrays.asList(cleaner.clean(page).split("\n\n"))).containsExactly(
        "Border guards fire warning shots",
        "Soldiers from the North crossed the line in the central sector on Tuesday and went back after warnings.",
        "The military said the soldiers were carrying tools and appeared to be doing construction work.",
        "Officials said the area is overgrown and the markers are hard to see.");

    // Arabic labels with tanween or hamza written or left out, and the separators portals use.
    String arabic = """
        أعلن الجيش أن جنودا من الشمال عبروا الخط الفاصل صباح الثلاثاء قبل أن يعودوا بعد طلقات تحذيرية.
        اقرأ أيضاً: القمة في العاصمة تنتهي باتفاق دفاعي جديد
        وقال مسؤولون إن المنطقة تغطيها الأشجار وإن العلامات يصعب رؤيتها.
        إقرأ ايضا | الوزراء يبحثون قواعد التصدير
        ذات صلة.. لماذا يعبر الجنود الخط؟
        وأضاف المسؤولون أن التحقيق مستمر.
        """;
    assertThat(cleaner.clean(arabic)).doesNotContain("القمة", "الوزراء", "لماذا")
        .contains("عبروا الخط الفاصل", "يصعب رؤيتها", "التحقيق مستمر");
  }

  @Test
  void shouldCutAPointerHeadingWithTheHeadlinesUnderItButNotThePagesOwnLinesAfterThem() {
    String page = """
        Soldiers from the North crossed the line in the central sector on Tuesday and went back after warnings.
        اقرأ أيضا
        Summit in the capital ends with a new defence pact
        Ministers of both countries meet on export rules
        A pattern of crossings
        The military said the soldiers were carrying tools and appeared to be doing construction work.
        Related:
        Why did the talks in the capital fail again this week?
        What does the treaty say?
        It obliges each side to help the other if attacked.
        Read more:
        Parliament passes the budget after an all-night session
        In a statement, the ministry said:
        "No unit has been redeployed."
        اقرأ أيضاً
        بوتين يصل إلى العاصمة ويوقع معاهدة دفاع مشترك مع كيم
        وقالت الهيئة إن الجنود كانوا يحملون معاول ويقومون بأعمال بناء قرب الخط
        Recommended Stories
        list of 3 items
        list 1 of 3
        Floods force thousands from their homes in the provinces
        list 2 of 3
        Heatwave warning issued for the southern provinces
        list 3 of 3
        Why are food prices rising again?
        end of list
        Officials said the area is overgrown and the markers are hard to see.
        """;
    String cleaned = cleaner.clean(page);
    // Another story's headlines (two at most, a question only first) and a counted list go with the label.
    assertThat(cleaned).doesNotContain("Summit", "export rules", "اقرأ", "talks in the capital", "budget", "بوتين",
        "Floods", "Heatwave", "food prices", "list of");
    // A subheading, an explainer's question, a colon line before a quote, an Arabic paragraph without its
    // final stop: the page's own, after the headlines.
    assertThat(cleaned).contains("A pattern of crossings", "What does the treaty say?", "the ministry said:",
        "وقالت الهيئة", "carrying tools", "markers are hard to see");
  }

  @Test
  void shouldKeepLinesThatOnlyLookLikePointers() {
    String page = """
        Don't miss: the meteor shower peaks this weekend over the northern provinces
        Related equipment was pulled out in 2004 in line with the agreement, the ministry said.
        SEOUL: Soldiers from the North crossed the line in the central sector on Tuesday.
        Read more: the military said on Wednesday that the soldiers had been carrying tools and that they appeared to be doing construction work near the line when they crossed it, and that they went back.
        Recommended: Travellers should avoid all but essential travel to the flooded provinces.
        More
        Talks at the border
        Officials from both sides met on Tuesday to discuss the rules for the crossing points.
        Recommended:
        - Leave the region by commercial means while flights and roads remain open
        - Register with the embassy and keep your contact details up to date
        The ministry said around 1,200 citizens live in the region and most have registered.
        """;
    String cleaned = cleaner.clean(page);
    // The page's first line, prose after a label, a label that is none, a sentence after "Recommended:",
    // a bare "More" button over the page's own headline, a heading over the article's own list.
    assertThat(cleaned).contains("meteor shower", "Related equipment was pulled out", "SEOUL: Soldiers",
        "carrying tools", "Travellers should avoid", "Talks at the border", "Leave the region",
        "Register with the embassy");
  }

  @Test
  void shouldCutPointersWrittenAsPortalsWriteThem() {
    String body = "Soldiers from the North crossed the line in the central sector on Tuesday and went back.";
    for (String pointer : List.of("Read also Parliament passes the budget after an all-night session",
        "► Read also: Parliament passes the budget after an all-night session",
        "MORE: Parliament passes the budget after an all-night session",
        "SEE ALSO: Why does Parliament pass the budget so late?",
        "اقرأ أيضا البرلمان يقر الموازنة بعد جلسة استمرت طوال الليل",
        "⬅️ اقرأ أيضًا: البرلمان يقر الموازنة بعد جلسة استمرت طوال الليل",
        "اقرأ أيضا\u200f: البرلمان يقر الموازنة بعد جلسة استمرت طوال الليل",
        "إقرأ أيضاً ـ البرلمان يقر الموازنة بعد جلسة استمرت طوال الليل",
        "اقرأ أيضا>> البرلمان يقر الموازنة بعد جلسة استمرت طوال الليل",
        "أخبار متعلقة: البرلمان يقر الموازنة بعد جلسة استمرت طوال الليل")) {
      String cleaned = cleaner.clean(body + "\n" + pointer + "\n" + body.replace("Tuesday", "Friday"));
      assertThat(cleaned).as(pointer).doesNotContain("Parliament", "البرلمان").contains("Tuesday", "Friday");
    }
  }
}
