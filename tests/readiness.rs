//! `/health/ready` tells the truth: a member that holds no partition for
//! longer than `kafka.max_unassigned_ms` is not ready (and says so, and
//! exports it), and a service refuses to start on an outdated schema.

use wirefeed_tests::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_member_left_without_partitions_is_not_ready_until_it_gets_some() {
    let env = TestEnv::new("ready").await;
    let mut settings = env.service_settings("normalizer", "");
    settings.kafka.max_unassigned_ms = 1000;
    // One more member than the topic has partitions: one of them holds none.
    let mut members = Vec::new();
    for _ in 0..=PARTITIONS {
        members.push(start_normalizer(&settings).await);
    }
    let idle = eventually(|| {
        let members = &members;
        async move {
            let mut idle = Vec::new();
            let mut assigned = 0.0;
            for (i, m) in members.iter().enumerate() {
                let held = m.metric("wirefeed_partitions_assigned", "").await;
                assigned += held;
                if m.metric("wirefeed_no_partitions_assigned", "").await == 1.0 {
                    idle.push(i);
                }
            }
            match idle[..] {
                [i] if assigned == PARTITIONS as f64 => Ok(i),
                _ => Err(format!("idle members {idle:?}, {assigned} partitions held")),
            }
        }
    })
    .await;
    members[idle]
        .wait_for_readiness(false, "no partitions assigned")
        .await;
    for (i, m) in members.iter().enumerate() {
        if i != idle {
            assert_eq!(m.ready().await, (true, "ready".to_string()), "member {i}");
        }
    }

    // A member holding partitions leaves: the idle one takes them over and
    // becomes ready.
    let leaving = members.remove(if idle == 0 { 1 } else { 0 });
    let idle = if idle == 0 { 0 } else { idle - 1 };
    leaving.stop().await;
    members[idle].wait_for_readiness(true, "ready").await;
    assert!(
        members[idle]
            .metric("wirefeed_partitions_assigned", "")
            .await
            >= 1.0
    );
    for m in members {
        m.stop().await;
    }
    env.drop_database().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn services_refuse_to_start_on_an_outdated_schema() {
    let env = TestEnv::new("schema").await;
    // As if the newest migration had not been applied.
    let newest = "(SELECT max(version) FROM _sqlx_migrations)";
    sqlx::query(&format!(
        "UPDATE _sqlx_migrations SET success = false WHERE version = {newest}"
    ))
    .execute(&env.pool)
    .await
    .expect("mark the newest migration unapplied");
    let settings = env.service_settings("persister", "");
    let refused = match wirefeed_persister::service::build(&settings).await {
        Ok(_) => panic!("the persister started on an outdated schema"),
        Err(e) => e.to_string(),
    };
    assert!(refused.contains("run `wirefeed migrate`"), "{refused}");
    let settings = env.service_settings("deduplicator", "");
    assert!(wirefeed_deduplicator::service::build(&settings)
        .await
        .is_err());

    sqlx::query(&format!(
        "UPDATE _sqlx_migrations SET success = true WHERE version = {newest}"
    ))
    .execute(&env.pool)
    .await
    .expect("mark it applied again");
    let persister = start_persister(&env.service_settings("persister", "")).await;
    persister.wait_for_readiness(true, "ready").await;
    persister.stop().await;
    env.drop_database().await;
}
