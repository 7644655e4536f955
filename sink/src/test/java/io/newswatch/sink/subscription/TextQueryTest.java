package io.newswatch.sink.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TextQueryTest {

    @Test
    void shouldMatchWhenEveryTermOccursInAnyCase() {
        TextQuery q = TextQuery.parse("opec Output");

        assertThat(q.matches("OPEC cuts output")).isTrue();
        assertThat(q.matches("OPEC meets")).isFalse();
    }

    @Test
    void shouldMatchPhraseOnlyWhenWordsAreAdjacent() {
        TextQuery q = TextQuery.parse("\"oil price\" opec");

        assertThat(q.terms()).containsExactly("oil price", "opec");
        assertThat(q.matches("The oil  price rose, OPEC said")).isTrue();
        assertThat(q.matches("The price of oil rose, OPEC said")).isFalse();
    }

    @Test
    void shouldMatchWholeWordsOnlyWhenTermIsPartOfLongerWord() {
        assertThat(TextQuery.parse("war").matches("software stocks")).isFalse();
        assertThat(TextQuery.parse("war").matches("trade war looms")).isTrue();
    }

    @Test
    void shouldMatchWhenTextAndQueryUseDifferentUnicodeForms() {
        String decomposedCafe = "cafe\u0301";
        assertThat(TextQuery.parse("CAFÉ").matches("a " + decomposedCafe + " closes")).isTrue();
    }

    @Test
    void shouldMatchAnythingWhenQueryIsBlank() {
        assertThat(TextQuery.parse("   ").matches("whatever")).isTrue();
    }

    @Test
    void shouldRejectQueryWhenQuoteIsUnclosed() {
        assertThatThrownBy(() -> TextQuery.parse("\"oil price"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unclosed quote");
    }
}
