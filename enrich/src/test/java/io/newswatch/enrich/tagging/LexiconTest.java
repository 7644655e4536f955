package io.newswatch.enrich.tagging;

import static org.assertj.core.api.Assertions.assertThat;

import io.newswatch.enrich.analysis.RecentWords;
import io.newswatch.enrich.analysis.TextLanguage;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LexiconTest {

  @Test
  void shouldGiveTheSameIdsThroughAThreadsRecentWordsAsWorkedOut() {
    Lexicon lexicon = new Lexicon(TextLanguage.AR);
    int forces = lexicon.word("قوات");
    int border = lexicon.word("حدود");
    int missile = lexicon.prefix("صاروخ");
    Random random = new Random(3);
    String[] shapes = {"قوات", "والقوات", "بالقوات", "حدود", "الحدود", "صاروخي", "صواريخ", "صاروخية", "مدينة"};
    List<String> pool = new ArrayList<>();
    for (int i = 0; i < 12_000; i++) {
      // Distinct instances, some with equal text: only the same instance may be answered from memory.
      pool.add(new String(shapes[random.nextInt(shapes.length)] + (i % 5 == 0 ? "" : Integer.toString(i % 2_000))));
    }
    RecentWords<int[]> recent = lexicon.recent();
    for (int i = 0; i < 60_000; i++) {
      String term = pool.get(random.nextInt(pool.size()));
      assertThat(lexicon.idsOf(term, recent)).as(term).isEqualTo(lexicon.idsOf(term));
    }
    assertThat(lexicon.idsOf("والقوات", recent)).containsExactly(forces);
    assertThat(lexicon.idsOf("الحدود", recent)).containsExactly(border);
    assertThat(lexicon.idsOf("صاروخية", recent)).containsExactly(missile);
    assertThat(lexicon.idsOf("مدينة", recent)).isEmpty();
  }
}
