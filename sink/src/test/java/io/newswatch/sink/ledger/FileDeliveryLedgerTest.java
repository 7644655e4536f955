package io.newswatch.sink.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileDeliveryLedgerTest {

    @TempDir
    Path dir;

    @Test
    void shouldRememberKeysWhenReopened() {
        Path file = dir.resolve("state/ledger.keys");
        try (FileDeliveryLedger ledger = FileDeliveryLedger.open(file)) {
            ledger.record("s:a1");
            ledger.record("s:a1");
            ledger.record("s:a2");
        }

        try (FileDeliveryLedger reopened = FileDeliveryLedger.open(file)) {
            assertThat(reopened.contains("s:a1")).isTrue();
            assertThat(reopened.contains("s:a2")).isTrue();
            assertThat(reopened.contains("s:a3")).isFalse();
            assertThat(reopened.size()).isEqualTo(2);
        }
    }

    @Test
    void shouldForgetTornKeyWhenCrashLeftPartialLine() throws Exception {
        Path file = dir.resolve("ledger.keys");
        try (FileDeliveryLedger ledger = FileDeliveryLedger.open(file)) {
            ledger.record("s:a1");
        }
        Files.writeString(file, "s:a2-tor", StandardCharsets.UTF_8, StandardOpenOption.APPEND);

        try (FileDeliveryLedger reopened = FileDeliveryLedger.open(file)) {
            assertThat(reopened.contains("s:a2-tor")).isFalse();
            reopened.record("s:a2");
        }

        assertThat(Files.readAllLines(file)).containsExactly("s:a1", "s:a2");
    }
}
