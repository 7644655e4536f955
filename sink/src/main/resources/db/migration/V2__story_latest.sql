-- Stories: each UPDATE of a story is its own row (alert ids are per story and version, so re-deliveries
-- stay no-ops); story_latest is what a desk reads, one row per subscription, story and topic at the
-- highest version delivered. Alerts raised before stories carry no story id and stand for themselves.
ALTER TABLE alert_delivery ADD COLUMN story_version INT NOT NULL DEFAULT 1;
UPDATE alert_delivery SET story_version = (alert ->> 'storyVersion')::int WHERE alert ? 'storyVersion';

CREATE INDEX alert_delivery_story ON alert_delivery (subscription_id, story_id, topic, story_version DESC);

CREATE VIEW story_latest AS
  SELECT DISTINCT ON (subscription_id, COALESCE(NULLIF(story_id, ''), alert_id), topic) *
  FROM alert_delivery
  WHERE kind <> 'SURGE'
  ORDER BY subscription_id, COALESCE(NULLIF(story_id, ''), alert_id), topic, story_version DESC, created_at DESC;
