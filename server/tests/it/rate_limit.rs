//! The per-address rate limit on `/auth/*`, on SQLite and PostgreSQL.

use crate::common::{self, Backend, Page, TestApp, on_each_backend};
use camp_connect::rate_limit::{ClientAddress, too_many};
use camp_connect_app::state::AuthSettings;
use std::net::SocketAddr;

const LIMIT: u32 = 3;
const DEMO: &str = "email=demo-organiser%40example.jp";
const SAME_ORIGIN: (&str, &str) = ("sec-fetch-site", "same-origin");

async fn app(backend: Backend, from: ClientAddress) -> Option<TestApp> {
    let auth = AuthSettings {
        demo_sign_in: true,
        providers: Vec::new(),
    };
    let routes = common::auth_routes(LIMIT, from);
    common::boot_with_routes(backend, true, auth, routes).await
}

fn addr(s: &str) -> SocketAddr {
    s.parse().expect("an address")
}

async fn demo_from(app: &TestApp, peer: &str, extra: &[(&str, &str)]) -> Page {
    let mut headers = vec![
        SAME_ORIGIN,
        ("content-type", "application/x-www-form-urlencoded"),
    ];
    headers.extend_from_slice(extra);
    app.send_from(addr(peer), "POST", "/auth/demo", &headers, DEMO.into())
        .await
}

fn assert_refused(res: &Page) {
    assert_eq!(res.status, 429, "{}", res.body);
    let wait: u64 = res.headers["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .expect("Retry-After in seconds");
    assert!((1..=60).contains(&wait), "Retry-After {wait}");
    assert_eq!(res.body, too_many());
    assert!(res.body.contains("サインインの試行が多すぎます"));
    assert!(res.body.contains("Too many sign-in attempts"));
}

async fn limits_each_address_on_auth_routes_only(backend: Backend) {
    let Some(app) = app(backend, ClientAddress::Peer).await else {
        return;
    };
    for n in 1..=LIMIT {
        let res = demo_from(&app, "10.0.0.1:5000", &[]).await;
        assert_eq!(res.status, 303, "sign-in {n} of {LIMIT}: {}", res.body);
    }
    assert_refused(&demo_from(&app, "10.0.0.1:5001", &[]).await);
    // Every /auth/* route draws on the same allowance.
    for path in ["/auth/oidc/test/start", "/auth/github/start"] {
        let res = app
            .send_from(addr("10.0.0.1:5002"), "GET", path, &[], String::new())
            .await;
        assert_refused(&res);
    }
    // Another address has its own allowance.
    let res = demo_from(&app, "10.0.0.2:5000", &[]).await;
    assert_eq!(res.status, 303, "{}", res.body);
    // Pages and the health check are never limited.
    for path in ["/", "/sign-in", "/healthz", "/lang/en?next=/"] {
        for _ in 0..LIMIT + 2 {
            let res = app
                .send_from(addr("10.0.0.1:5003"), "GET", path, &[], String::new())
                .await;
            assert_ne!(res.status, 429, "{path}");
        }
    }
}

async fn spoofed_forwarding_headers_do_not_escape_the_limit(backend: Backend) {
    let Some(app) = app(backend, ClientAddress::Peer).await else {
        return;
    };
    for n in 0..LIMIT {
        let fake = format!("198.51.100.{n}");
        let res = demo_from(
            &app,
            "10.0.0.1:5000",
            &[("x-forwarded-for", &fake), ("x-real-ip", &fake)],
        )
        .await;
        assert_eq!(res.status, 303, "{}", res.body);
    }
    let res = demo_from(
        &app,
        "10.0.0.1:5000",
        &[
            ("x-forwarded-for", "198.51.100.99"),
            ("forwarded", "for=198.51.100.98"),
        ],
    )
    .await;
    assert_refused(&res);
}

async fn behind_a_proxy_counts_the_forwarded_client(backend: Backend) {
    let Some(app) = app(backend, ClientAddress::Forwarded).await else {
        return;
    };
    // Everyone arrives through the proxy at 10.0.0.9.
    let proxy = "10.0.0.9:443";
    for _ in 0..LIMIT {
        let res = demo_from(&app, proxy, &[("x-forwarded-for", "203.0.113.1")]).await;
        assert_eq!(res.status, 303, "{}", res.body);
    }
    assert_refused(&demo_from(&app, proxy, &[("x-forwarded-for", "203.0.113.1")]).await);
    // A client that sends its own X-Forwarded-For, which the proxy appends
    // to, is still counted by the address the proxy saw.
    let spoofed = [("x-forwarded-for", "198.51.100.1, 203.0.113.1")];
    assert_refused(&demo_from(&app, proxy, &spoofed).await);
    let res = demo_from(&app, proxy, &[("x-forwarded-for", "203.0.113.2")]).await;
    assert_eq!(res.status, 303, "another client behind the same proxy");
    let res = demo_from(&app, proxy, &[("forwarded", "for=\"203.0.113.3:4711\"")]).await;
    assert_eq!(res.status, 303, "the standard Forwarded header");
}

on_each_backend!(per_address, limits_each_address_on_auth_routes_only);
on_each_backend!(
    spoofed_headers,
    spoofed_forwarding_headers_do_not_escape_the_limit
);
on_each_backend!(trusted_proxy, behind_a_proxy_counts_the_forwarded_client);
