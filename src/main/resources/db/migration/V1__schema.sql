-- CouchCart schema, version 1. Money is numeric(12,2) with an ISO 4217 currency; times are timestamptz;
-- media times are milliseconds (bigint).

create table tenant (
    id            varchar(64)  primary key,
    name          varchar(200) not null,
    app_key_hash  varchar(64)  not null,
    created_at    timestamptz  not null default now(),
    updated_at    timestamptz  not null default now()
);

create table product (
    sku           varchar(64)   primary key,
    title         varchar(200)  not null,
    price_amount  numeric(12,2) not null check (price_amount >= 0),
    currency      varchar(3)      not null,
    stock         integer       not null check (stock >= 0),
    image_url     varchar(2048),
    active        boolean       not null default true,
    updated_at    timestamptz   not null default now()
);

create table content (
    id            varchar(64)  primary key,
    title         varchar(200) not null,
    kind          varchar(4)   not null check (kind in ('VOD', 'LIVE')),
    duration_ms   bigint       check (duration_ms > 0),
    version       bigint       not null default 1,
    updated_at    timestamptz  not null default now(),
    check (kind = 'LIVE' or duration_ms is not null)
);

create table overlay_cue (
    content_id      varchar(64)  not null references content (id) on delete cascade,
    id              varchar(64)  not null,
    start_ms        bigint       check (start_ms >= 0),
    end_ms          bigint,
    sku             varchar(64)  not null references product (sku),
    anchor          varchar(12)  not null
                    check (anchor in ('top-left', 'top-right', 'bottom-left', 'bottom-right', 'center')),
    x               numeric(5,2) not null check (x between 0 and 100),
    y               numeric(5,2) not null check (y between 0 and 100),
    cta             varchar(80),
    campaign_id     varchar(64),
    priority        integer      not null default 0,
    target_tenants  text[]       not null default '{}',
    target_regions  text[]       not null default '{}',
    target_locales  text[]       not null default '{}',
    valid_from      timestamptz,
    valid_until     timestamptz,
    primary key (content_id, id),
    check (end_ms is null or start_ms is null or end_ms > start_ms),
    check (valid_until is null or valid_from is null or valid_until > valid_from)
);

create sequence order_number_seq;

-- "order" is reserved in SQL.
create table orders (
    id                uuid          primary key,
    number            varchar(32)   not null unique,
    status            varchar(10)   not null
                      check (status in ('PLACED', 'CONFIRMED', 'SHIPPED', 'DELIVERED', 'CANCELLED')),
    tenant_id         varchar(64)   not null references tenant (id),
    device_id         varchar(64)   not null,
    shopper_subject   varchar(255)  not null,
    handoff_id        varchar(64)   not null unique,
    total_amount      numeric(12,2) not null check (total_amount >= 0),
    currency          varchar(3)      not null,
    shipping_address  jsonb         not null,
    payment_method    varchar(32)   not null,
    created_at        timestamptz   not null default now(),
    updated_at        timestamptz   not null default now()
);
create index orders_by_shopper on orders (shopper_subject, created_at desc);
create index orders_by_device on orders (tenant_id, device_id, created_at desc);

create table order_line (
    order_id     uuid          not null references orders (id) on delete cascade,
    line_no      integer       not null,
    sku          varchar(64)   not null,
    title        varchar(200)  not null,
    quantity     integer       not null check (quantity > 0),
    unit_price   numeric(12,2) not null check (unit_price >= 0),
    line_total   numeric(12,2) not null check (line_total >= 0),
    overlay_id   varchar(64),
    campaign_id  varchar(64),
    primary key (order_id, line_no)
);

-- Transactional outbox: written in the same transaction as the change it announces, published by a relay.
create table outbox_event (
    id              uuid          primary key,
    aggregate_type  varchar(64)   not null,
    aggregate_id    varchar(64)   not null,
    type            varchar(128)  not null,
    topic           varchar(128)  not null,
    payload         jsonb         not null,
    created_at      timestamptz   not null default now(),
    published_at    timestamptz
);
create index outbox_event_unpublished on outbox_event (created_at) where published_at is null;

-- Ids of incoming events already applied, so a redelivered event changes nothing.
create table processed_event (
    consumer      varchar(64)  not null,
    event_id      varchar(255) not null,
    processed_at  timestamptz  not null default now(),
    primary key (consumer, event_id)
);
