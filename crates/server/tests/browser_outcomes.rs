//! The outcomes section of the credential page in real headless Chromium: headline figures with
//! intervals and n, the comparison-group gain, and group tables whose small cells read
//! "suppressed" (never a number). Data: the seeded synthetic generator, computed by the engine.

mod common;

use credence_engine::{ComputeRequest, OutcomesSynthConfig};
use fantoccini::Locator;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn credential_page_shows_outcomes_with_intervals_and_suppression_in_chromium() {
    let (engine, dir) = common::loaded_engine().await;
    // Any loaded credential will do; take the first CompTIA hit through the search index.
    let hits = engine
        .search(&credence_engine::search::SearchQuery {
            text: "comptia".into(),
            limit: 1,
            ..Default::default()
        })
        .unwrap();
    let id = hits.hits[0].id.clone();

    // Synthetic participants whose programmes lead to this credential (and two others).
    let mut cfg = OutcomesSynthConfig::new(7, 1200);
    cfg.credentials[2].id = id.clone();
    let data = dir.path().join("outcomes");
    let truth = dir.path().join("truth").join("truth.json");
    engine
        .outcomes_generate(cfg, data.clone(), truth)
        .await
        .unwrap();
    let report = engine
        .outcomes_compute(ComputeRequest {
            participants: data.join("participants.csv"),
            wages: vec![data.join("wages.csv")],
            key: b"browser-test-secret-0123456789".to_vec(),
            participant_map: vec![],
            wage_map: vec![],
            min_cell: 10,
            epsilon: None,
            level: 0.95,
            bootstrap: 99,
            seed: 1,
            keep_going: false,
        })
        .await
        .unwrap();
    assert_eq!(report.credentials.len(), 3);

    // The pathway map carries the credential's computed outcome as exit evidence, with n.
    let view = engine.outcomes_show(&id, None).await.unwrap();
    let median = view
        .overall("median_earnings_q2")
        .and_then(|c| c.value)
        .expect("overall median is shown");
    let map = engine.pathway_map(&id, None).await.unwrap();
    let center = map.nodes.iter().find(|n| n.center).unwrap();
    let line = center.outcomes.clone().unwrap_or_default();
    assert!(
        line.contains(&format!("${median:.0}")) && line.contains("n = "),
        "{line}"
    );

    let Some((c, base, _driver)) = common::browser::session(engine.clone()).await else {
        return;
    };
    c.goto(&format!("{base}/credentials/{id}")).await.unwrap();
    let section = c.wait().for_element(Locator::Id("outcomes")).await.unwrap();
    let text = section.text().await.unwrap();
    assert!(text.contains("Employed, 2nd quarter after exit"), "{text}");
    assert!(text.contains("Gain vs similar non-holders"), "{text}");
    assert!(
        text.contains("Wage records 2016Q1–2023Q4"),
        "source and window are shown: {text}"
    );

    // Headline rows: a value, an interval and n for employment, earnings before/after and the gain.
    let rows = c
        .find_all(Locator::Css("#outcomes table.outcomes-head tbody tr"))
        .await
        .unwrap();
    let mut seen = 0;
    for r in &rows {
        let cells = r.find_all(Locator::Css("td")).await.unwrap();
        let label = r
            .find(Locator::Css("th"))
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        if label.starts_with("Employed") || label.contains("earnings") || label.starts_with("Gain")
        {
            let interval = cells[1].text().await.unwrap();
            let n = cells[2].text().await.unwrap();
            assert!(interval.contains('–'), "{label}: interval `{interval}`");
            assert!(
                n.replace(',', "").parse::<u32>().unwrap() >= 10,
                "{label}: n `{n}`"
            );
            seen += 1;
        }
    }
    assert!(seen >= 6, "headline rows with intervals: {seen}");

    // Group tables: five dimensions, some cells suppressed and shown as the word, never a number.
    let tables = c
        .find_all(Locator::Css("#outcomes table.outcomes-groups"))
        .await
        .unwrap();
    assert_eq!(tables.len(), 5);
    let suppressed = c
        .find_all(Locator::Css(
            "#outcomes table.outcomes-groups td.suppressed",
        ))
        .await
        .unwrap();
    assert!(
        !suppressed.is_empty(),
        "small groups must appear as suppressed"
    );
    for s in &suppressed {
        assert_eq!(s.text().await.unwrap(), "suppressed");
    }
    let shown = c
        .find_all(Locator::Css(
            "#outcomes table.outcomes-groups td:not(.suppressed)",
        ))
        .await
        .unwrap();
    assert!(shown.len() > suppressed.len(), "most cells are shown");
    let sex = tables[1].text().await.unwrap();
    assert!(sex.contains("female") && sex.contains('%'), "{sex}");

    // The API serves the same figures.
    c.goto(&format!("{base}/api/outcomes/{id}?by=sex"))
        .await
        .unwrap();
    let body = common::browser::text(&c, "body").await;
    let json: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(json["credential_id"], id.as_str());
    assert!(json["groups"]
        .as_array()
        .unwrap()
        .iter()
        .all(|g| g["dimension"] == "sex"));

    // The pathway page shows the same outcome line on the credential's step.
    c.goto(&format!("{base}/pathways/{id}")).await.unwrap();
    let cells = c.find_all(Locator::Css("td.outcomes")).await.unwrap();
    let mut texts = Vec::new();
    for cell in &cells {
        texts.push(cell.text().await.unwrap());
    }
    assert!(
        texts.iter().any(|t| t.contains(&format!("${median:.0}"))),
        "{texts:?}"
    );
    c.close().await.unwrap();
}
