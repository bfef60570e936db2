-- The outbox in insertion order: a transaction that waited on an order's row lock inserts its event after the
-- event of the transaction that held the lock, whatever their start times (created_at is the start time).
alter table outbox_event add column seq bigint generated always as identity;
-- An event Kafka refuses for good (too large, an invalid topic) is parked with the reason instead of blocking
-- the relay; later events of the same aggregate wait behind it until an operator acts.
alter table outbox_event add column parked_at timestamptz;
alter table outbox_event add column last_error varchar(1000);
drop index outbox_event_unpublished;
create index outbox_event_unpublished on outbox_event (seq) where published_at is null and parked_at is null;
create index outbox_event_parked on outbox_event (aggregate_id) where parked_at is not null;
create index outbox_event_published on outbox_event (published_at) where published_at is not null;
