//! `inforouter-emulator`: serves srv.asmx (and optionally the built console) on 127.0.0.1.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use clap::Parser;
use inforouter_emulator::{Config, Faults, PasswordPolicy, start};

/// A faithful srv.asmx emulator of infoRouter, on loopback only.
#[derive(Parser)]
#[command(version)]
struct Args {
    /// Address to listen on; loopback only.
    #[arg(long, default_value = "127.0.0.1:8080")]
    listen: SocketAddr,
    /// A directory of static files (the built console) served on the same origin.
    #[arg(long)]
    static_dir: Option<PathBuf>,
    /// A users fixture (JSON) instead of the embedded one.
    #[arg(long)]
    fixture: Option<PathBuf>,
    /// Ticket lifetime (sliding), in seconds.
    #[arg(long, default_value_t = 30 * 24 * 3600)]
    ticket_ttl_secs: u64,
    /// Enable the /_emulator/ control endpoint (request log, faults, expiry).
    #[arg(long)]
    control: bool,
    /// Added latency per call, in milliseconds.
    #[arg(long, default_value_t = 0)]
    latency_ms: u64,
    /// Share of calls answered with an HTTP 500 HTML page.
    #[arg(long, default_value_t = 0.0)]
    fail_500_rate: f64,
    /// Share of calls answered with truncated XML.
    #[arg(long, default_value_t = 0.0)]
    malformed_rate: f64,
    /// Share of calls whose connection is dropped.
    #[arg(long, default_value_t = 0.0)]
    drop_rate: f64,
    /// Share of calls that never answer (for 120 s).
    #[arg(long, default_value_t = 0.0)]
    hang_rate: f64,
    /// Share of calls that are done but answered 502, as by a proxy that gave up.
    #[arg(long, default_value_t = 0.0)]
    lose_answer_rate: f64,
    /// An operation to answer with 404, as an older server (repeatable).
    #[arg(long)]
    missing_op: Vec<String>,
    /// Never send MobileNumber, as servers without UpdateUserContactInfo.
    #[arg(long)]
    omit_mobile: bool,
    /// Answer as a newer server: `errorCode` on failures with German texts, HTTP 400 for an
    /// empty or omitted required value.
    #[arg(long)]
    modern: bool,
    /// UpdateUserPreferences replaces the whole block (omitted preferences are reset).
    #[arg(long)]
    prefs_replace: bool,
    /// GET and POST switched off in web.config: every /srv.asmx/<Op> answers HTTP 500
    /// "Request format is unrecognized"; SOAP still works.
    #[arg(long, alias = "soap-only")]
    protocols_off: bool,
    /// An older server (the vendor's srv.wsdl): AuthenticateUser1, RenewTicket, GetCurrentUser,
    /// GetAllUsers1/2, GetAllUsersWithoutDetails, DeleteUser1, UpdateUserContactInfo,
    /// GetAuthenticationAndPasswordPolicy and the three forgotten-password calls answer as
    /// unknown operations.
    #[arg(long)]
    old_wsdl: bool,
    /// The password policy's re-prompt on user delete (PasswordRePromptActions/UserDelete):
    /// DeleteUser is refused with [2767] and DeleteUser1 checks the administrator's password.
    #[arg(long)]
    reprompt_user_delete: bool,
    /// Every TransferUser* answers with its page's `warnings` (the warnings mode).
    #[arg(long)]
    transfer_warnings: bool,
    /// Seed of the fault generator.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Answer srv.asmx under this path prefix, e.g. /infoRouter for /infoRouter/srv.asmx (as
    /// IIS does, so a reverse proxy can pass URIs unchanged).
    #[arg(long)]
    service_prefix: Option<String>,
    /// Forward srv.asmx calls (passwords included) to this infoRouter instead of emulating it,
    /// e.g. https://ir.example.com/infoRouter (calls go to <URL>/srv.asmx).
    #[arg(long)]
    upstream: Option<String>,
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let a = Args::parse();
    let config = Config {
        listen: a.listen,
        static_dir: a.static_dir,
        fixture: a.fixture,
        ticket_ttl: Duration::from_secs(a.ticket_ttl_secs),
        control: a.control,
        faults: Faults {
            latency_ms: a.latency_ms,
            fail_500_rate: a.fail_500_rate,
            malformed_rate: a.malformed_rate,
            drop_rate: a.drop_rate,
            hang_rate: a.hang_rate,
            lose_answer_rate: a.lose_answer_rate,
            missing_ops: a.missing_op,
            omit_mobile: a.omit_mobile,
            only_ops: None,
            modern: a.modern,
            prefs_replace: a.prefs_replace,
            protocols_off: a.protocols_off,
            reprompt_user_delete: a.reprompt_user_delete,
            transfer_warnings: a.transfer_warnings,
            old_wsdl: a.old_wsdl,
        },
        seed: a.seed,
        service_prefix: a.service_prefix,
        upstream: a.upstream.clone(),
        password_policy: PasswordPolicy::default(),
    };
    let running = start(config).await?;
    match &a.upstream {
        Some(upstream) => eprintln!(
            "Listening on {url}. srv.asmx calls are NOT emulated: every call, passwords and tickets included, is forwarded to {}/srv.asmx",
            upstream
                .trim_end_matches('/')
                .trim_end_matches("/srv.asmx")
                .trim_end_matches('/'),
            url = running.url()
        ),
        None => eprintln!("srv.asmx emulator listening on {}/srv.asmx", running.url()),
    }
    tokio::signal::ctrl_c().await?;
    running.shutdown().await;
    Ok(())
}
