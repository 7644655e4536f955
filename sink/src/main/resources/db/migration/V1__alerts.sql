-- One row per (subscription, alert): the primary key is what makes a replay a no-op.
CREATE TABLE alert_delivery (
    subscription_id  TEXT             NOT NULL,
    alert_id         TEXT             NOT NULL,
    delivery_key     TEXT             NOT NULL UNIQUE,
    topic            TEXT             NOT NULL,
    severity         TEXT             NOT NULL,
    kind             TEXT             NOT NULL,
    title            TEXT             NOT NULL,
    summary          TEXT             NOT NULL,
    url              TEXT,
    source           TEXT             NOT NULL,
    lang             TEXT             NOT NULL,
    score            DOUBLE PRECISION NOT NULL,
    story_id         TEXT             NOT NULL,
    published_at     TIMESTAMPTZ,
    created_at       TIMESTAMPTZ      NOT NULL,
    delivered_at     TIMESTAMPTZ      NOT NULL DEFAULT now(),
    alert            JSONB            NOT NULL,
    PRIMARY KEY (subscription_id, alert_id)
);

-- Desks read "latest alerts of a topic".
CREATE INDEX alert_delivery_topic_created ON alert_delivery (topic, created_at DESC);
