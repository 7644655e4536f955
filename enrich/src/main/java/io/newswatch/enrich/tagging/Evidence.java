package io.newswatch.enrich.tagging;

/**
 * Why a topic scored: the rule, the rule term that matched, the exact surface text, the field and
 * character offsets [start, end) in that field, the share of the score this hit added, a short
 * snippet of the sentence around it, and the index of its passage in {@link TopicScore#passages()}.
 */
public record Evidence(
    String ruleId, String term, String text, String field, int start, int end, double weight, String snippet,
    int passage) {}
