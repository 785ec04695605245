-- A member the owner merged into another keeps its id and ledger; record.mergedInto names the
-- member its events now count for. Few rows, read whole per business when judging balances.
ALTER TABLE members ADD COLUMN merged_into uuid;
UPDATE members SET merged_into = (record->>'mergedInto')::uuid WHERE record->>'mergedInto' IS NOT NULL;
CREATE INDEX members_merged ON members (business_id) WHERE merged_into IS NOT NULL;
