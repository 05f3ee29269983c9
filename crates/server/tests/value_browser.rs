//! The credentials-of-value report page and the credential page's value section in real
//! headless Chromium: charts render as SVG, the headline figures carry n and definitions, the
//! print stylesheet is present.

mod common;

use credence_engine::{FieldMap, NoProgress, RunOptions};
use credence_synth::{write_corpus, Catalog, Format, PostingGenerator, Shape};
use fantoccini::Locator;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn value_report_renders_with_charts_in_chromium() {
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

    let Some((c, base, _driver)) = common::browser::session(engine).await else {
        return;
    };

    c.goto(&format!(
        "{base}/value/report?list=nj-industry&framework=credentials-matter&region=US-NJ"
    ))
    .await
    .unwrap();
    let h1 = common::browser::text(&c, "h1").await;
    assert!(h1.contains("Credentials of value"), "{h1}");
    // Headline figures with n and a definition.
    let headline = common::browser::text(&c, "#headline table").await;
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
    let methods = common::browser::text(&c, "#methods").await;
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
    let section = common::browser::text(&c, "#value").await;
    assert!(
        section.contains("Credentials Matter") && section.contains("Payback"),
        "{section}"
    );
    c.close().await.unwrap();
}
