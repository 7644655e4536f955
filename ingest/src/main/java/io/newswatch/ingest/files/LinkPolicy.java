package io.newswatch.ingest.files;

/** Whether the folder source reads files reached through symbolic links. */
public enum LinkPolicy {
  /** Links are not followed: a link named {@code story.txt} pointing at {@code /etc/passwd} is refused. */
  NONE,
  /** A link is read only when its target, fully resolved, lies inside the folder being imported. */
  INSIDE
}
