-- Identity hardening (等保 2.0 level 3): forced password change, idle timeout, throttling look-ups.

-- Set for a user an administrator created or reset in production mode: until they choose their own
-- password the API answers only the sign-in, sign-out, "who am I" and password-change routes.
alter table users add column must_change_password boolean not null default false;
alter table users add column password_changed_at timestamptz;

-- Sessions end after WEIJIAN_SESSION_IDLE_MINUTES without a request, besides their absolute expiry.
alter table sessions add column last_seen_at timestamptz not null default now();

-- Throttling counts failures per account (any address) and per address (any account) as well as per pair.
create index login_failures_username on login_failures (username, at);
create index login_failures_ip on login_failures (ip, at);
