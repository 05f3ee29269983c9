//! The credentials-of-value report page and the credential page's value section in real
//! headless Chromium: charts render as SVG, the headline figures carry n and definitions, the
//! print stylesheet is present.

mod common;

use std::net::SocketAddr;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use credence_engine::{FieldMap, NoProgress, RunOptions};
use credence_synth::{write_corpus, Catalog, Format, PostingGenerator, Shape};
use fantoccini::{Client, ClientBuilder, Locator};

const CHROMIUM: &str = "/usr/bin/chromium";

fn find(name: &str) -> Option<std::path::PathBuf> {
    std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|p| p.join(name))
            .find(|p| p.is_file())
    })
}

/// Kills chromedriver when the test ends, pass or fail.
struct Driver(Child);

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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn value_report_renders_with_charts_in_chromium() {
    let (chromedriver, chromium_ok) = (
        find("chromedriver"),
        std::path::Path::new(CHROMIUM).exists(),
    );
    let Some(chromedriver) = chromedriver.filter(|_| chromium_ok) else {
        if std::env::var("CREDENCE_REQUIRE_BROWSER").is_ok_and(|v| v == "1") {
            panic!("CREDENCE_REQUIRE_BROWSER is set but chromium or chromedriver is missing (apt-get install chromium chromium-driver)");
        }
        eprintln!("SKIPPED: chromium or chromedriver not installed (apt-get install chromium chromium-driver)");
        return;
    };
    let (engine, dir) = common::loaded_engine().await;
    let titles = credence_synth::onet_titles(&common::data_dir()).unwrap();
    let mut generator = PostingGenerator::new(7, &Catalog::builtin(), titles);
    let files = write_corpus(
        &dir.path().join("corpus"),
        1500,
        Format {
            shape: Shape::Csv,
            gzip: false,
        },
        &mut generator,
    )
    .unwrap();
    let options = RunOptions {
        map: FieldMap::parse("id=job_id,title=job_title,text=job_description,location=job_location,date=posted_at,employer=employer_name").unwrap(),
        ..RunOptions::default()
    };
    engine
        .demand_ingest(&[files.postings.as_path()], &options, None, &NoProgress)
        .await
        .unwrap();

    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr: SocketAddr = listener.local_addr().unwrap();
    let app = credence_server::router(engine);
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    let port = free_port();
    let _driver = Driver(
        Command::new(chromedriver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start chromedriver"),
    );
    let c = connect(port).await;
    let base = format!("http://{addr}");

    c.goto(&format!(
        "{base}/value/report?list=nj-industry&framework=credentials-matter&region=US-NJ"
    ))
    .await
    .unwrap();
    let h1 = c
        .find(Locator::Css("h1"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(h1.contains("Credentials of value"), "{h1}");
    // Headline figures with n and a definition.
    let headline = c
        .find(Locator::Css("#headline table"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        headline.contains("requested by employers") && headline.contains(" of "),
        "{headline}"
    );
    assert!(headline.contains("in-demand occupation list"), "{headline}");
    // Three charts, drawn as SVG with bars, rendered with a real size by the browser.
    for id in [
        "chart-overview",
        "chart-requested-by-cluster",
        "chart-aligned-by-cluster",
    ] {
        let svg = c.find(Locator::Css(&format!("#{id} svg"))).await.unwrap();
        let (_, _, w, h) = svg.rectangle().await.unwrap();
        assert!(w > 200.0 && h > 30.0, "{id}: {w}x{h}");
        let bars = c
            .find_all(Locator::Css(&format!("#{id} svg rect")))
            .await
            .unwrap();
        assert!(!bars.is_empty(), "{id} has bars");
    }
    // Full table, methods and sources.
    let rows = c.find_all(Locator::Css("#table tbody tr")).await.unwrap();
    assert!(rows.len() > 1000, "{} rows", rows.len());
    let methods = c
        .find(Locator::Id("methods"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        methods.contains("Wilson") && methods.contains("New Jersey"),
        "{methods}"
    );
    // The print stylesheet travels with the page.
    let html = c.source().await.unwrap();
    assert!(html.contains("@media print"));

    // The credential page has a value section.
    c.goto(&format!("{base}/credentials/nj-industry-8"))
        .await
        .unwrap();
    let section = c
        .find(Locator::Id("value"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        section.contains("Credentials Matter") && section.contains("Payback"),
        "{section}"
    );
    c.close().await.unwrap();
}
