//! The Chromium harness every browser test shares: find chromedriver, start it, serve the app on
//! a free port, connect a headless session, wait for navigation.
//!
//! Skips (with a message) only when Chromium or chromedriver is genuinely absent; with
//! `CREDENCE_REQUIRE_BROWSER=1` (set by `.ci/run`) their absence fails the test instead.

// Part of `common`, which the HTTP-only tests include too; they use none of this.
#![allow(dead_code)]

use std::net::SocketAddr;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use fantoccini::{Client, ClientBuilder};

const CHROMIUM: &str = "/usr/bin/chromium";

fn find(name: &str) -> Option<std::path::PathBuf> {
    std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|p| p.join(name))
            .find(|p| p.is_file())
    })
}

/// Kills chromedriver when the test ends, pass or fail.
pub struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("free port")
}

async fn connect(port: u16) -> Client {
    let mut caps = serde_json::Map::new();
    caps.insert(
        "goog:chromeOptions".into(),
        serde_json::json!({
            "binary": CHROMIUM,
            "args": ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                     "--disable-dev-shm-usage", "--disable-quic", "--no-first-run", "--disable-component-update",
                     "--disable-sync", "--window-size=1200,900"]
        }),
    );
    for _ in 0..50 {
        if let Ok(c) = ClientBuilder::rustls()
            .expect("TLS roots for the WebDriver client")
            .capabilities(caps.clone())
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
        {
            return c;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    panic!("could not connect to chromedriver on port {port}");
}

/// A browser session against a server over `engine`; `None` (after saying why) when Chromium is
/// absent and the environment does not require it.
pub async fn session(
    engine: std::sync::Arc<credence_engine::Engine>,
) -> Option<(Client, String, Driver)> {
    let (chromedriver, chromium_ok) = (
        find("chromedriver"),
        std::path::Path::new(CHROMIUM).exists(),
    );
    let Some(chromedriver) = chromedriver.filter(|_| chromium_ok) else {
        if std::env::var("CREDENCE_REQUIRE_BROWSER").is_ok_and(|v| v == "1") {
            panic!("CREDENCE_REQUIRE_BROWSER is set but chromium or chromedriver is missing (apt-get install chromium chromium-driver)");
        }
        eprintln!("SKIPPED: chromium or chromedriver not installed (apt-get install chromium chromium-driver)");
        return None;
    };
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr: SocketAddr = listener.local_addr().unwrap();
    let app = credence_server::router(engine);
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });

    let port = free_port();
    let driver = Driver(
        Command::new(chromedriver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start chromedriver"),
    );
    let c = connect(port).await;
    Some((c, format!("http://{addr}"), driver))
}

/// Waits until a click has navigated: elements found before that belong to the old page.
pub async fn wait_for_url(c: &Client, fragment: &str) {
    for _ in 0..100 {
        if let Ok(url) = c.current_url().await {
            if url.as_str().contains(fragment) {
                return;
            }
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("the page never navigated to a URL containing `{fragment}`");
}

/// The visible text of the first element matching `css`; panics (failing the test) when absent.
pub async fn text(c: &Client, css: &str) -> String {
    c.find(fantoccini::Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("no element {css}: {e}"))
        .text()
        .await
        .unwrap()
}
