-- Checkout: remembered Idempotency-Key answers, and how each order is paid.

-- A creating call's first successful answer, per caller and operation, so a retry with the same key replays it.
create table idempotency_key (
    subject      varchar(255)  not null,
    operation    varchar(64)   not null,
    key          varchar(255)  not null,
    fingerprint  varchar(64)   not null,
    status_code  integer       not null,
    location     varchar(2048),
    response     text          not null,
    created_at   timestamptz   not null default now(),
    primary key (subject, operation, key)
);
create index idempotency_key_by_age on idempotency_key (created_at);

-- What the payment provider arranged; pay-on-delivery orders are DUE_ON_DELIVERY until the courier collects.
alter table orders add column payment_status varchar(20) not null default 'DUE_ON_DELIVERY';
alter table orders alter column payment_status drop default;
