package io.newswatch.enrich.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The band index's posting table: every posting found again after growth, a key capped, folded keys kept apart. */
class DedupIndexPostingTableTest {

  private static List<Integer> postings(DedupIndex.PostingTable table, long key) {
    List<Integer> out = new ArrayList<>();
    table.forEach(key, out::add);
    out.sort(null);
    return out;
  }

  @Test
  void shouldFindEveryPostingAfterGrowingFromTheSmallestTable() {
    DedupIndex.PostingTable table = new DedupIndex.PostingTable(1);
    Random random = new Random(7);
    long[] keys = new long[50_000];
    for (int slot = 0; slot < keys.length; slot++) {
      keys[slot] = random.nextLong();
      table.add(keys[slot], slot);
      if (slot > 0) {
        table.add(keys[slot / 2], slot); // a second posting under an earlier key
      }
    }
    for (int slot = 0; slot < keys.length; slot++) {
      List<Integer> expected = new ArrayList<>(List.of(slot));
      for (int later : new int[] {2 * slot, 2 * slot + 1}) {
        if (later > 0 && later < keys.length) {
          expected.add(later);
        }
      }
      expected.sort(null);
      assertThat(postings(table, keys[slot])).isEqualTo(expected.stream().distinct().toList());
    }
    assertThat(postings(table, random.nextLong())).isEmpty();
    // At most three quarters full: 99,999 postings are more than 3/4 of 2^17 cells, so 2^18 of 8 bytes.
    assertThat(table.bytes()).isEqualTo(8L << 18);
  }

  @Test
  void shouldStopIndexingAKeyAtItsCapAndKeepItsFirstPostings() {
    DedupIndex.PostingTable table = new DedupIndex.PostingTable(16);
    for (int slot = 0; slot < 3 * DedupIndex.MAX_POSTINGS_PER_KEY; slot++) {
      table.add(42L, slot);
      table.add(43L, 1000 + slot);
    }
    assertThat(postings(table, 42L)).hasSize(DedupIndex.MAX_POSTINGS_PER_KEY).first().isEqualTo(0);
    assertThat(postings(table, 42L)).last().isEqualTo(DedupIndex.MAX_POSTINGS_PER_KEY - 1);
    assertThat(postings(table, 43L)).hasSize(DedupIndex.MAX_POSTINGS_PER_KEY).first().isEqualTo(1000);
  }

  @Test
  void shouldOnlyAddCandidatesWhenTwoHashesFoldToTheSameKey() {
    DedupIndex.PostingTable table = new DedupIndex.PostingTable(16);
    long a = 0x0000_0001_0000_0002L;
    long b = 0x0000_0002_0000_0001L; // hi ^ lo equal to a's: the same 32-bit key
    table.add(a, 1);
    table.add(b, 2);
    // Both come back under either hash: the matcher checks every candidate's signature, so a shared
    // key costs a comparison, never a wrong match or a missed one.
    assertThat(postings(table, a)).containsExactly(1, 2);
    assertThat(postings(table, b)).containsExactly(1, 2);
  }
}
