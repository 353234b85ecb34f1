-- The social graph. One row per (follower, followee); following twice is the same row, so follow
-- and unfollow are idempotent and the counts on User are counts of these rows.
CREATE TABLE follows (
  follower_id text NOT NULL REFERENCES users (id),
  followee_id text NOT NULL REFERENCES users (id),
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (follower_id, followee_id),
  CHECK (follower_id <> followee_id)
);
CREATE INDEX follows_by_followee ON follows (followee_id, created_at DESC, follower_id DESC);
CREATE INDEX follows_by_follower ON follows (follower_id, created_at DESC, followee_id DESC);
