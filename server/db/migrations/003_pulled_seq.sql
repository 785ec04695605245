-- The highest cursor the server has handed each device. A device asking from beyond it holds
-- changes this database does not remember numbering: the database was restored from an older
-- backup, and the device must reset and send again what it has. Devices paired before this
-- column existed are trusted up to their business's current head.
ALTER TABLE devices ADD COLUMN pulled_seq bigint NOT NULL DEFAULT 0;
UPDATE devices SET pulled_seq = businesses.change_seq FROM businesses WHERE businesses.id = devices.business_id;
