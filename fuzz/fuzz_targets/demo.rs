// The engine's demo pack, compiled into the fuzz targets (shared by both).

pub const FACTS: &str = include_str!("../../crates/engine/tests/fixtures/demo/facts.toml");
pub const VALUES: &str = include_str!("../../crates/engine/tests/fixtures/demo/values.toml");
pub const POLICY: &str = include_str!("../../crates/engine/tests/fixtures/demo/policies/demo.toml");

pub fn files(facts: &str, values: &str, policy: &str) -> Vec<(String, String)> {
    vec![
        ("facts.toml".to_string(), facts.to_string()),
        ("values.toml".to_string(), values.to_string()),
        ("policies/demo.toml".to_string(), policy.to_string()),
    ]
}
