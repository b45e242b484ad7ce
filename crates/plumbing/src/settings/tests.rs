use super::*;

fn env(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

#[test]
fn environment_overrides_defaults() {
    let s = Settings::load_from(
        "persister",
        None,
        env(&[
            ("WIREFEED__KAFKA__BROKERS", "kafka:9092"),
            ("WIREFEED__DATABASE__MAX_CONNECTIONS", "3"),
            ("WIREFEED__KAFKA__PROPERTIES__SECURITY_PROTOCOL", "SASL_SSL"),
        ]),
    )
    .unwrap();
    assert_eq!(s.kafka.brokers, "kafka:9092");
    assert_eq!(s.database.max_connections, 3);
    assert_eq!(s.kafka.group_id, "wirefeed-persister");
    assert_eq!(s.http.listen, "0.0.0.0:9103");
    assert_eq!(
        s.kafka
            .properties
            .get("security.protocol")
            .map(String::as_str),
        Some("SASL_SSL")
    );
}

#[test]
fn unknown_keys_are_rejected() {
    let err = Settings::load_from(
        "normalizer",
        None,
        env(&[("WIREFEED__KAFKA__BROKRES", "x")]),
    );
    assert!(err.is_err());
}

#[test]
fn file_layer_sits_between_defaults_and_environment() {
    let dir = std::env::temp_dir().join(format!("wirefeed-settings-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("c.toml");
    std::fs::write(
        &path,
        "[kafka]\nbrokers = \"file:9092\"\ngroup_id = \"g\"\n",
    )
    .unwrap();
    let from_file = Settings::load_from("normalizer", Some(&path), env(&[])).unwrap();
    assert_eq!(from_file.kafka.brokers, "file:9092");
    let from_env = Settings::load_from(
        "normalizer",
        Some(&path),
        env(&[("WIREFEED__KAFKA__BROKERS", "env:9092")]),
    )
    .unwrap();
    assert_eq!(from_env.kafka.brokers, "env:9092");
}

#[test]
fn secrets_can_come_from_files() {
    let dir = std::env::temp_dir().join(format!("wirefeed-secret-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let url = dir.join("database-url");
    std::fs::write(&url, "postgres://app:hunter2@db/wirefeed\n").unwrap();
    let password = dir.join("sasl-password");
    std::fs::write(&password, "s3cret").unwrap();
    let s = Settings::load_from(
        "persister",
        None,
        env(&[
            ("WIREFEED__DATABASE__URL_FILE", url.to_str().unwrap()),
            (
                "WIREFEED__KAFKA__PROPERTIES__SASL_PASSWORD_FILE",
                password.to_str().unwrap(),
            ),
        ]),
    )
    .unwrap();
    assert_eq!(s.database.url, "postgres://app:hunter2@db/wirefeed");
    assert_eq!(s.kafka.properties["sasl.password"], "s3cret");

    let missing = Settings::load_from(
        "persister",
        None,
        env(&[("WIREFEED__DATABASE__URL_FILE", "/nonexistent/secret")]),
    );
    assert!(matches!(missing, Err(SettingsError::SecretFile { .. })));
    let both = Settings::load_from(
        "persister",
        None,
        env(&[
            ("WIREFEED__DATABASE__URL_FILE", url.to_str().unwrap()),
            ("WIREFEED__DATABASE__URL", "postgres://other"),
        ]),
    );
    assert!(matches!(both, Err(SettingsError::Ambiguous(_))));
}

#[test]
fn values_that_cannot_work_are_refused_by_name() {
    for (var, value, named) in [
        ("WIREFEED__LOG__FORMAT", "yaml", "log.format"),
        (
            "WIREFEED__RETRY__INITIAL_BACKOFF_MS",
            "0",
            "retry.initial_backoff_ms",
        ),
        (
            "WIREFEED__RETRY__MAX_BACKOFF_MS",
            "10",
            "retry.max_backoff_ms",
        ),
        (
            "WIREFEED__LIMITS__MAX_IN_FLIGHT",
            "0",
            "limits.max_in_flight",
        ),
        ("WIREFEED__DEDUP__CONTAINMENT", "1.5", "dedup.containment"),
        ("WIREFEED__DEDUP__JACCARD", "0", "dedup.jaccard"),
        ("WIREFEED__DEDUP__SHINGLE_WORDS", "0", "dedup.shingle_words"),
    ] {
        let err = Settings::load_from("normalizer", None, env(&[(var, value)]))
            .expect_err(var)
            .to_string();
        assert!(err.contains(named), "{var}={value}: {err}");
    }
    assert!(Settings::load_from(
        "normalizer",
        None,
        env(&[("WIREFEED__LOG__FORMAT", "json")])
    )
    .is_ok());
    let s = Settings::load_from(
        "deduplicator",
        None,
        env(&[("WIREFEED__DEDUP__CONTAINMENT", "0.65")]),
    )
    .unwrap();
    assert_eq!(s.dedup.containment, 0.65);
}

#[test]
fn sasl_configs_with_secrets_are_redacted() {
    let mut s = Settings::defaults_for("persister");
    s.kafka.properties.insert(
        "sasl.oauthbearer.config".into(),
        "clientId=app clientSecret=hunter4".into(),
    );
    s.kafka
        .properties
        .insert("sasl.jaas.config".into(), "password=hunter5".into());
    let printed = format!("{s:?}");
    assert!(!printed.contains("hunter4"), "{printed}");
    assert!(!printed.contains("hunter5"), "{printed}");
}

#[test]
fn secrets_never_reach_debug_output() {
    let mut s = Settings::defaults_for("persister");
    s.database.url = "postgres://app:hunter2@db/wirefeed".into();
    s.kafka
        .properties
        .insert("sasl.password".into(), "hunter3".into());
    let printed = format!("{s:?}");
    assert!(!printed.contains("hunter2"), "{printed}");
    assert!(!printed.contains("hunter3"), "{printed}");
    assert!(printed.contains("<redacted>"));
}

#[test]
fn the_normalizer_section_sets_what_counts_as_an_article() {
    let s = Settings::load_from(
        "normalizer",
        None,
        env(&[("WIREFEED__NORMALIZER__MIN_BODY_WORDS", "12")]),
    )
    .unwrap();
    assert_eq!(s.normalizer.min_body_words, 12);
    assert_eq!(s.normalizer.max_nesting, 1000);
    let err = Settings::load_from(
        "normalizer",
        None,
        env(&[("WIREFEED__NORMALIZER__MAX_NESTING", "0")]),
    )
    .unwrap_err();
    assert!(err.to_string().contains("normalizer.max_nesting"), "{err}");
    let err = Settings::load_from(
        "normalizer",
        None,
        env(&[("WIREFEED__NORMALIZER__MIN_WORDS", "5")]),
    )
    .unwrap_err();
    assert!(err.to_string().contains("min_words"), "{err}");
}
