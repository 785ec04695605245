-- Coupon uses are redemptions with rewardId 'coupon:CODE'. One code, one use: a second use (two
-- tablets offline) is kept and flagged for the owner's review, like an overdraft.
ALTER TABLE events ADD COLUMN reward_id text;
UPDATE events SET reward_id = record->>'rewardId' WHERE record->>'rewardId' IS NOT NULL;
ALTER TABLE events ADD COLUMN coupon_reused_at timestamptz;
CREATE INDEX events_reward ON events (business_id, reward_id) WHERE reward_id IS NOT NULL;
CREATE INDEX events_coupon_reused ON events (business_id) WHERE coupon_reused_at IS NOT NULL;
