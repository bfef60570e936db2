-- Fulfillment: who carries a shipped order, under which tracking id.
alter table orders add column carrier varchar(100);
alter table orders add column tracking_id varchar(100);
