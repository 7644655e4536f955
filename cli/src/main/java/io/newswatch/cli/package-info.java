/**
 * The {@code newswatch} command line (picocli), started by {@code ./newswatch} at the repo root.
 *
 * <p>It is the only module that sees every stage: {@code run} wires the embedded platform, ingest,
 * enrich and sink into one process; {@code ingest}, {@code enrich} and {@code sink} run one stage as
 * a service against any cluster; {@code platform}, {@code tail}, {@code tag}, {@code replay} and
 * {@code subscriptions} are the operator's tools.
 */
package io.newswatch.cli;
