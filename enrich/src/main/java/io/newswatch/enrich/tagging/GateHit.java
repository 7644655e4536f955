package io.newswatch.enrich.tagging;

/** A fact a gate kept from counting: which gate, which rule, and the sentence (field, range, text). */
public record GateHit(String gate, String ruleId, String field, int start, int end, String text) {}
