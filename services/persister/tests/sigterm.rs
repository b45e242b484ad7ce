//! The service binary on SIGTERM: stops fetching, finishes, commits and
//! exits 0 well within its grace period.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn live(port: u16) -> bool {
    let Ok(mut s) = TcpStream::connect(("127.0.0.1", port)) else {
        return false;
    };
    let _ = s.write_all(b"GET /health/live HTTP/1.0\r\nHost: x\r\n\r\n");
    let mut reply = String::new();
    let _ = s.read_to_string(&mut reply);
    reply.starts_with("HTTP/1.1 200") || reply.starts_with("HTTP/1.0 200")
}

/// The service refuses a database without its schema, so it gets a fresh,
/// migrated one of its own.
#[sqlx::test(migrator = "wirefeed_plumbing::db::MIGRATOR")]
async fn sigterm_exits_zero_within_the_grace_period(pool: sqlx::PgPool) {
    let brokers =
        std::env::var("WIREFEED_TEST_BROKERS").unwrap_or_else(|_| "127.0.0.1:9092".into());
    let server = std::env::var("WIREFEED_TEST_DATABASE_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into());
    let name = pool
        .connect_options()
        .get_database()
        .expect("a test database")
        .to_string();
    let database = format!(
        "{}/{name}",
        server.rsplit_once('/').map_or(&server[..], |(b, _)| b)
    );
    let port = free_port();
    let id = uuid::Uuid::new_v4().simple().to_string();
    let mut child = Command::new(env!("CARGO_BIN_EXE_wirefeed-persister"))
        .env("WIREFEED__KAFKA__BROKERS", &brokers)
        .env("WIREFEED__KAFKA__GROUP_ID", format!("sigterm-{id}"))
        .env("WIREFEED__TOPICS__DEDUPED", format!("deduped.sigterm-{id}"))
        .env("WIREFEED__DATABASE__URL", &database)
        .env("WIREFEED__HTTP__LISTEN", format!("127.0.0.1:{port}"))
        .env("WIREFEED__LIMITS__SHUTDOWN_GRACE_MS", "20000")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the persister binary starts");

    let deadline = Instant::now() + Duration::from_secs(120);
    while !live(port) {
        assert!(Instant::now() < deadline, "the service never became live");
        if let Some(status) = child.try_wait().unwrap() {
            panic!("the service exited early: {status}");
        }
        std::thread::sleep(Duration::from_millis(100));
    }

    let sent = Instant::now();
    let killed = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        assert!(
            sent.elapsed() < Duration::from_secs(20),
            "still running after the 20 s grace period"
        );
        std::thread::sleep(Duration::from_millis(50));
    };
    let mut log = String::new();
    child
        .stdout
        .take()
        .unwrap()
        .read_to_string(&mut log)
        .unwrap();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut log)
        .unwrap();
    assert!(status.success(), "exit status {status}; log:\n{log}");
    assert!(log.contains("stage stopped"), "log:\n{log}");
}
