-- Demo data for local runs (loaded at start when couchcart.demo-data.enabled, as in dev mode). Re-running it
-- changes nothing: every row is an upsert keyed by its natural id. ${...} are the demo app keys from the configuration.

insert into tenant (id, name, app_key_hash) values
    ('hisense', 'Hisense', encode(sha256(convert_to('${hisenseAppKey}', 'UTF8')), 'hex')),
    ('xiaomi',  'Xiaomi',  encode(sha256(convert_to('${xiaomiAppKey}', 'UTF8')), 'hex'))
on conflict (id) do update set name = excluded.name, app_key_hash = excluded.app_key_hash;

insert into product (sku, title, price_amount, currency, stock, image_url, active) values
    ('SKU-WOK-32',      'Carbon steel wok, 32 cm',            189.00, 'CNY', 120, 'https://img.couchcart.dev/wok-32.jpg',        true),
    ('SKU-KNIFE-CHEF',  'Chef''s knife, 20 cm',               259.00, 'CNY',  80, 'https://img.couchcart.dev/knife-chef.jpg',    true),
    ('SKU-BOARD-BAMBOO','Bamboo cutting board',                79.90, 'CNY', 200, 'https://img.couchcart.dev/board-bamboo.jpg',  true),
    ('SKU-RICE-COOKER', 'Induction rice cooker, 4 L',         699.00, 'CNY',  45, 'https://img.couchcart.dev/rice-cooker.jpg',   true),
    ('SKU-TEA-LONGJING','West Lake Longjing tea, 250 g',      328.00, 'CNY',  60, 'https://img.couchcart.dev/tea-longjing.jpg',  true),
    ('SKU-TEAPOT-CLAY', 'Yixing clay teapot',                 468.00, 'CNY',  25, 'https://img.couchcart.dev/teapot-clay.jpg',   true),
    ('SKU-APRON-LINEN', 'Linen apron',                         99.00, 'CNY', 150, 'https://img.couchcart.dev/apron-linen.jpg',   true),
    ('SKU-STEAMER-3',   'Bamboo steamer, 3 tiers',            129.00, 'CNY',  90, 'https://img.couchcart.dev/steamer-3.jpg',     true),
    ('SKU-CHOPSTICKS',  'Ebony chopsticks, 5 pairs',           59.00, 'CNY', 300, 'https://img.couchcart.dev/chopsticks.jpg',    true),
    ('SKU-SOY-AGED',    'Aged soy sauce, 500 ml',              45.80, 'CNY', 400, 'https://img.couchcart.dev/soy-aged.jpg',      true),
    ('SKU-CHILI-OIL',   'Sichuan chili oil, 3 jars',           68.00, 'CNY', 250, 'https://img.couchcart.dev/chili-oil.jpg',     true),
    ('SKU-BOWLS-4',     'Celadon bowls, set of 4',            238.00, 'CNY',  70, 'https://img.couchcart.dev/bowls-4.jpg',       true),
    ('SKU-HEADPHONES',  'Wireless headphones',                899.00, 'CNY',  35, 'https://img.couchcart.dev/headphones.jpg',    true),
    ('SKU-SCARF-SILK',  'Silk scarf, Hangzhou',               388.00, 'CNY',  40, 'https://img.couchcart.dev/scarf-silk.jpg',    true)
on conflict (sku) do update set title = excluded.title, price_amount = excluded.price_amount,
    currency = excluded.currency, stock = excluded.stock, image_url = excluded.image_url, active = excluded.active;

insert into content (id, title, kind, duration_ms) values
    ('vod-kitchen-stories-s1e1', 'Kitchen Stories, season 1 episode 1', 'VOD', 600000),
    ('live-shopping',            'Live shopping night',                 'LIVE', null)
on conflict (id) do update set title = excluded.title, kind = excluded.kind, duration_ms = excluded.duration_ms;

-- 24 cues of 20 s each, one every 25 s over the 10-minute episode, cycling through the catalogue and the
-- four corners; every sixth cue is targeted (tenant, region or locale) so the filters have something to do.
insert into overlay_cue (content_id, id, start_ms, end_ms, sku, anchor, x, y, cta, campaign_id, priority,
                         target_tenants, target_regions, target_locales)
select 'vod-kitchen-stories-s1e1',
       'cue-' || lpad(n::text, 2, '0'),
       (n - 1) * 25000,
       (n - 1) * 25000 + 20000,
       (array['SKU-WOK-32', 'SKU-KNIFE-CHEF', 'SKU-BOARD-BAMBOO', 'SKU-RICE-COOKER', 'SKU-TEA-LONGJING',
              'SKU-TEAPOT-CLAY', 'SKU-APRON-LINEN', 'SKU-STEAMER-3', 'SKU-CHOPSTICKS', 'SKU-SOY-AGED',
              'SKU-CHILI-OIL', 'SKU-BOWLS-4'])[1 + (n - 1) % 12],
       (array['bottom-right', 'bottom-left', 'top-right', 'top-left'])[1 + (n - 1) % 4],
       85, 80,
       'Press OK to add',
       case when n <= 12 then 'spring-kitchen' else 'tea-time' end,
       n % 3,
       case when n % 6 = 0 then array['hisense'] else '{}'::text[] end,
       case when n % 6 = 2 then array['CN-ZJ'] else '{}'::text[] end,
       case when n % 6 = 4 then array['zh-CN'] else '{}'::text[] end
from generate_series(1, 24) as n
on conflict (content_id, id) do update set start_ms = excluded.start_ms, end_ms = excluded.end_ms,
    sku = excluded.sku, anchor = excluded.anchor, x = excluded.x, y = excluded.y, cta = excluded.cta,
    campaign_id = excluded.campaign_id, priority = excluded.priority, target_tenants = excluded.target_tenants,
    target_regions = excluded.target_regions, target_locales = excluded.target_locales;

-- Prepared cues of the live channel: fired by an operator, so they have no media times.
insert into overlay_cue (content_id, id, sku, anchor, x, y, cta, campaign_id, priority)
values ('live-shopping', 'live-headphones', 'SKU-HEADPHONES', 'bottom-right', 85, 80, 'Press OK to add', 'live-night', 5),
       ('live-shopping', 'live-scarf',      'SKU-SCARF-SILK', 'bottom-left',  15, 80, 'Press OK to add', 'live-night', 5),
       ('live-shopping', 'live-tea',        'SKU-TEA-LONGJING', 'top-right',  85, 20, 'Limited offer',   'live-night', 1)
on conflict (content_id, id) do update set sku = excluded.sku, anchor = excluded.anchor, x = excluded.x,
    y = excluded.y, cta = excluded.cta, campaign_id = excluded.campaign_id, priority = excluded.priority;

-- The campaigns of those cues. 'tea-time' holds 10 % of devices out, so its report can show what the overlay changed.
insert into campaign (id, name, holdout_share) values
    ('spring-kitchen', 'Spring kitchen', 0),
    ('tea-time',       'Tea time',       0.10),
    ('live-night',     'Live shopping night', 0)
on conflict (id) do update set name = excluded.name, holdout_share = excluded.holdout_share, updated_at = now();
