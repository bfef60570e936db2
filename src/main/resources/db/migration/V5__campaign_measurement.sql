-- Campaign measurement. Order lines remember the content they were added from and when (attribution's window).
alter table order_line add column content_id varchar(64), add column added_at timestamptz;

-- Campaigns: a name and the share of devices held out of them (they see none of its overlays), for incrementality.
create table campaign (
    id             varchar(64)  primary key,
    name           varchar(200) not null,
    holdout_share  numeric(4,3) not null default 0 check (holdout_share >= 0 and holdout_share <= 0.5),
    created_at     timestamptz  not null default now(),
    updated_at     timestamptz  not null default now()
);

-- The funnel's hourly counts per tenant, campaign, content and overlay ('' where an event named none), as the
-- stream processor last computed them: absolute values, upserted by key, so a replay changes nothing. 'reach' is
-- the sketch of the distinct devices shown an impression (funnel.Sketch).
create table funnel_hourly (
    hour         timestamptz  not null,
    tenant_id    varchar(64)  not null,
    campaign_id  varchar(64)  not null,
    content_id   varchar(64)  not null,
    overlay_id   varchar(64)  not null,
    impressions  bigint       not null,
    clicks       bigint       not null,
    adds         bigint       not null,
    holdouts     bigint       not null,
    reach        bytea,
    updated_at   timestamptz  not null default now(),
    primary key (hour, tenant_id, campaign_id, content_id, overlay_id)
);
create index funnel_hourly_by_campaign on funnel_hourly (campaign_id, hour);
create index funnel_hourly_by_tenant on funnel_hourly (tenant_id, hour);

-- The same rows' reach per UTC day (the union of the day's hourly sketches), so a report over weeks merges a sketch
-- a day instead of one an hour.
create table funnel_daily_reach (
    day          timestamptz  not null,
    tenant_id    varchar(64)  not null,
    campaign_id  varchar(64)  not null,
    content_id   varchar(64)  not null,
    overlay_id   varchar(64)  not null,
    reach        bytea        not null,
    updated_at   timestamptz  not null default now(),
    primary key (day, tenant_id, campaign_id, content_id, overlay_id)
);
create index funnel_daily_reach_by_campaign on funnel_daily_reach (campaign_id, day);

-- Every ordered line as the funnel credits it: to the overlay, campaign and content it was added from when that add
-- lay within the attribution window (credited), else unattributed. Upserted by line; a cancellation marks it.
create table funnel_order_line (
    order_id     uuid           not null,
    line_no      integer        not null,
    tenant_id    varchar(64)    not null,
    device_id    varchar(64)    not null,
    placed_at    timestamptz    not null,
    sku          varchar(64)    not null,
    units        integer        not null,
    revenue      numeric(12,2)  not null,
    currency     varchar(3)     not null,
    credited     boolean        not null,
    campaign_id  varchar(64),
    content_id   varchar(64),
    overlay_id   varchar(64),
    cancelled    boolean        not null default false,
    primary key (order_id, line_no)
);
create index funnel_order_line_by_time on funnel_order_line (placed_at);
create index funnel_order_line_by_device on funnel_order_line (tenant_id, device_id, placed_at);

-- Held-out exposures: a device of a campaign's holdout would have been shown an overlay (of this product) in this
-- hour. One row per device, overlay and hour.
create table funnel_holdout (
    hour         timestamptz  not null,
    tenant_id    varchar(64)  not null,
    campaign_id  varchar(64)  not null,
    content_id   varchar(64)  not null,
    overlay_id   varchar(64)  not null,
    device_id    varchar(64)  not null,
    sku          varchar(64),
    primary key (campaign_id, hour, tenant_id, content_id, overlay_id, device_id)
);
create index funnel_holdout_by_tenant on funnel_holdout (tenant_id, hour);
