package io.newswatch.enrich.tagging;

/**
 * Why a topic scored: the rule term that matched, the exact surface text, the field and character
 * offsets [start, end) in that field, and the weight this hit added (0 for context-only hits).
 */
public record Evidence(
    String ruleId, String term, String text, String field, int start, int end, double weight) {}
