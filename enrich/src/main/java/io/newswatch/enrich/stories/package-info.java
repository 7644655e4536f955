/**
 * Stories: articles from many outlets, in Arabic and English, that report one event.
 *
 * <p>A {@link io.newswatch.enrich.stories.StoryArticle} is what story assignment knows of a unique
 * article: its time, topics, and the entities and facts the tagger found (the taxonomy's entity table
 * maps كورسك and Kursk to one id; numbers and dates are normalized across the languages). A {@link
 * io.newswatch.enrich.stories.StoryProfile} is what a story has gathered. {@link
 * io.newswatch.enrich.stories.StoryMatcher} decides whether an article joins a story: a shared topic,
 * time within the story window, enough shared entities, and no conflict (two different meetings, two
 * different named assets, two different dates). Merging two incidents is worse than splitting one
 * story, so every rule errs towards a new story. {@link io.newswatch.enrich.stories.StoryGrouper}
 * applies it to articles in time order.
 */
package io.newswatch.enrich.stories;
