//! A seeded generator of large pathway graphs for benchmarks and tests: credentials in stacks
//! with alternative prerequisites (including some that form cycles), programs with credit
//! rules, and occupations with wages. It knows nothing of real data.

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::condition::{Condition, EducationLevel};
use crate::ctdl::EdgeKind;
use crate::graph::{ExitWage, GraphEdge, GraphNode, NodeKind, PathwayGraph};

fn node(id: String, kind: NodeKind, name: String) -> GraphNode {
    GraphNode {
        id,
        kind,
        name,
        requires: Condition::nothing(),
        cost: None,
        years: None,
        renewal_per_year: None,
        wage: None,
        job_zone: None,
        external: false,
        issuer: None,
    }
}

/// A graph of `n` nodes (10% occupations, 20% programs, 70% credentials), the same for a seed.
pub fn generated_graph(n: usize, seed: u64) -> PathwayGraph {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut g = PathwayGraph::new();
    let n_occ = (n / 10).max(1);
    let n_prog = (n / 5).max(1);
    let n_cred = n.saturating_sub(n_occ + n_prog).max(1);
    for i in 0..n_occ {
        let mut o = node(
            format!("soc:gen-{i}"),
            NodeKind::Occupation,
            format!("Occupation {i}"),
        );
        o.cost = Some(0.0);
        o.years = Some(0.0);
        o.wage = Some(ExitWage {
            soc: format!("gen-{i}"),
            median: rng.gen_range(25_000.0..160_000.0_f64).round(),
            employment: Some(rng.gen_range(100.0..100_000.0_f64).round()),
            rse_percent: None,
            source: "generated".into(),
        });
        g.add_node(o);
    }
    let occ_base = 0;
    let prog_base = n_occ;
    for i in 0..n_prog {
        let mut p = node(
            format!("cip:gen-{i}"),
            NodeKind::Program,
            format!("Program {i}"),
        );
        p.cost = Some(rng.gen_range(2_000.0..40_000.0_f64).round());
        p.years = Some(rng.gen_range(0.5..4.0_f64));
        let pi = g.add_node(p);
        for _ in 0..rng.gen_range(1..=3u32) {
            let to = occ_base + rng.gen_range(0..n_occ);
            g.add_edge(GraphEdge {
                from: pi,
                to,
                kind: EdgeKind::LeadsTo,
                credits: None,
                source: "generated".into(),
            });
        }
    }
    let cred_base = prog_base + n_prog;
    let issuers = (n_cred / 50).max(1);
    for i in 0..n_cred {
        let id = format!("gen-cred-{i}");
        let mut c = node(id, NodeKind::Credential, format!("Credential {i}"));
        c.cost = Some(rng.gen_range(50.0..3_000.0_f64).round());
        c.years = Some(rng.gen_range(0.05..1.0_f64));
        if rng.gen_bool(0.3) {
            c.renewal_per_year = Some(rng.gen_range(20.0..300.0_f64).round());
        }
        c.issuer = Some(format!("Issuer {}", i % issuers));
        // Stacks: prerequisites point to earlier credentials; 0.5% point later (cycles).
        let earlier = |rng: &mut ChaCha8Rng| {
            if i > 0 && !rng.gen_bool(0.005) {
                format!(
                    "gen-cred-{}",
                    i.saturating_sub(rng.gen_range(1..=i.min(40)))
                )
            } else {
                format!("gen-cred-{}", rng.gen_range(0..n_cred))
            }
        };
        let roll: f64 = rng.gen();
        c.requires = if roll < 0.4 {
            Condition::nothing()
        } else if roll < 0.7 {
            Condition::Holds {
                credential: earlier(&mut rng),
                active: rng.gen_bool(0.5),
            }
        } else if roll < 0.9 {
            Condition::Any(vec![
                Condition::Experience {
                    years: f64::from(rng.gen_range(1..=5u32)),
                    field: None,
                },
                Condition::Holds {
                    credential: earlier(&mut rng),
                    active: true,
                },
                Condition::Education(EducationLevel::Associate),
            ])
        } else {
            Condition::All(vec![
                Condition::Holds {
                    credential: earlier(&mut rng),
                    active: false,
                },
                Condition::Experience {
                    years: f64::from(rng.gen_range(1..=3u32)),
                    field: None,
                },
            ])
        };
        // Planted 2-cycles with a way in: credential 500 needs 501, which needs 500 or experience.
        if i % 1000 == 500 && i + 1 < n_cred {
            c.requires = Condition::Holds {
                credential: format!("gen-cred-{}", i + 1),
                active: false,
            };
        } else if i % 1000 == 501 {
            c.requires = Condition::Any(vec![
                Condition::Holds {
                    credential: format!("gen-cred-{}", i - 1),
                    active: false,
                },
                Condition::Experience {
                    years: 2.0,
                    field: None,
                },
            ]);
        }
        g.add_node(c);
    }
    for i in 0..n_cred {
        let v = cred_base + i;
        let held: Vec<String> = g.nodes[v]
            .requires
            .held_credentials()
            .into_iter()
            .map(str::to_string)
            .collect();
        for h in held {
            if let Some(u) = g.find(&h) {
                g.add_edge(GraphEdge {
                    from: u,
                    to: v,
                    kind: EdgeKind::Prerequisite,
                    credits: None,
                    source: "generated".into(),
                });
            }
        }
        for _ in 0..rng.gen_range(1..=2u32) {
            let to = occ_base + rng.gen_range(0..n_occ);
            g.add_edge(GraphEdge {
                from: v,
                to,
                kind: EdgeKind::LeadsTo,
                credits: None,
                source: "generated".into(),
            });
        }
        if rng.gen_bool(0.05) {
            let to = prog_base + rng.gen_range(0..n_prog);
            g.add_edge(GraphEdge {
                from: v,
                to,
                kind: EdgeKind::Credit,
                credits: Some(f64::from(rng.gen_range(1..=12u32))),
                source: "generated".into(),
            });
        }
    }
    for i in 0..g.nodes.len() {
        if g.nodes[i].kind == NodeKind::Occupation {
            continue;
        }
        let best = g
            .out_edges(i)
            .iter()
            .map(|&e| &g.edges[e])
            .filter(|e| e.kind == EdgeKind::LeadsTo)
            .filter_map(|e| g.nodes[e.to].wage.clone())
            .max_by(|a, b| a.median.total_cmp(&b.median));
        g.nodes[i].wage = best;
    }
    g.findings.cycles = g.find_cycles();
    g
}
