//! `inforouter-deploy package [options]` (run by scripts/package) and
//! `inforouter-deploy examples` (rewrites the committed web.config and nginx conf).

use std::process::ExitCode;

use inforouter_deploy::options::{PACKAGE_USAGE, parse_package_args};
use inforouter_deploy::{examples, package};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("package") => run_package(&args[1..]),
        Some("examples") => write_examples(),
        Some("nginx-for-test") => nginx_for_test(&args[1..]),
        Some("check") => check(args.get(1).map_or("dist", String::as_str)),
        Some("build") => build(args.get(1).map_or("dist", String::as_str)),
        Some("size") => size(&args[1..]),
        _ => Err(format!(
            "usage: inforouter-deploy package [options] | examples | build [DIST] | check [DIST] | size DIST [--budget FILE] | nginx-for-test CONF PORT SITE_DIR UPSTREAM PREFIX_DIR\n\n{PACKAGE_USAGE}"
        )),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("\x1b[31merror:\x1b[0m {message}");
            ExitCode::from(2)
        }
    }
}

fn run_package(args: &[String]) -> Result<(), String> {
    let Some(options) = parse_package_args(args)? else {
        print!("{PACKAGE_USAGE}");
        return Ok(());
    };
    if options.check_only {
        return Ok(());
    }
    let written = package::package(&options)?;
    let s = &options.settings;
    eprintln!(
        "\nPackaged the console for {} (srv.asmx: {}, {}, {} s, embeddable by: {}):",
        s.base_path,
        s.api_base.as_str(),
        s.method.as_str(),
        s.timeout_seconds,
        if s.embed_origins.is_empty() {
            "none".to_string()
        } else {
            s.embed_origins_meta()
        },
    );
    eprintln!(
        "  {}/   copy this folder (web.config included for IIS)",
        written.dir.display()
    );
    eprintln!(
        "  {}   nginx example for this build",
        written.nginx_conf.display()
    );
    if let Some(zip) = written.zip {
        eprintln!("  {}   the folder's contents as a zip", zip.display());
    }
    Ok(())
}

fn write_examples() -> Result<(), String> {
    for (path, content) in examples(std::path::Path::new("."))? {
        std::fs::write(path, content)
            .map_err(|e| format!("cannot write {path}: {e} (run from the repository root)"))?;
        eprintln!("wrote {path}");
    }
    Ok(())
}

/// Prints a standalone nginx.conf for trying the example by hand (see
/// `inforouter_deploy::nginx::nginx_for_test`).
fn nginx_for_test(args: &[String]) -> Result<(), String> {
    let [conf, port, site, upstream, prefix] = args else {
        return Err(
            "usage: inforouter-deploy nginx-for-test CONF PORT SITE_DIR UPSTREAM PREFIX_DIR".into(),
        );
    };
    let conf = std::fs::read_to_string(conf).map_err(|e| format!("cannot read {conf}: {e}"))?;
    let port = port
        .parse()
        .map_err(|_| format!("{port:?} is not a port"))?;
    let upstream = upstream
        .parse()
        .map_err(|_| format!("{upstream:?} is not an address such as 127.0.0.1:8081"))?;
    let out = inforouter_deploy::nginx::nginx_for_test(
        &conf,
        port,
        std::path::Path::new(site),
        upstream,
        std::path::Path::new(prefix),
    )?;
    print!("{out}");
    Ok(())
}

/// Checks a build (default `dist`) against the CSP: no inline script in index.html or the
/// portal example, and the console's external loader in place.
/// Prints each entry's first-load size; with --budget, fails when one is over its budget.
fn size(args: &[String]) -> Result<(), String> {
    use inforouter_deploy::size;
    let dist = args.first().ok_or("size: name the build folder (dist)")?;
    let budget = match (args.get(1).map(String::as_str), args.get(2)) {
        (Some("--budget"), Some(file)) => {
            let text =
                std::fs::read_to_string(file).map_err(|e| format!("cannot read {file}: {e}"))?;
            Some(size::Budget::parse(&text)?)
        }
        (None, _) => None,
        _ => return Err("size DIST [--budget FILE]".into()),
    };
    let sizes = size::measure(std::path::Path::new(dist))?;
    print!(
        "{}",
        size::report(&sizes, budget.as_ref().unwrap_or(&size::Budget::default()))
    );
    match budget {
        Some(b) => b.check(&sizes),
        None => Ok(()),
    }
}

/// Both entries, release, for the root path (the demo and the tests), checked.
fn build(dist: &str) -> Result<(), String> {
    let dir = std::path::Path::new(dist);
    inforouter_deploy::entries::build(dir, "/")?;
    check(dist)?;
    inforouter_deploy::compress::precompress(dir).map(|_| ())
}

fn check(dist: &str) -> Result<(), String> {
    use inforouter_deploy::headers::InlineHashes;
    let dir = std::path::Path::new(dist);
    // What the committed web.config and nginx examples allow: the repository's early.js and
    // style sheet as trunk pastes them. A build whose inline script or style differs (changed
    // on the way, or added) fails here, not blocked on a server set up from the examples.
    let source = std::fs::read_to_string("index.html")
        .map_err(|e| format!("cannot read index.html: {e} (run from the repository root)"))?;
    let expected = InlineHashes::of_source_page(&source, std::path::Path::new("."))?;
    for page in ["index.html", "portal-example.html"] {
        let path = dir.join(page);
        if page == "portal-example.html" && !path.exists() {
            continue;
        }
        let html = std::fs::read_to_string(&path)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let file = path.display().to_string();
        if page != "index.html" {
            // The portal's own policy governs it: no inline script.
            inforouter_deploy::html::check_scripts(&html, &file, &[])?;
            continue;
        }
        inforouter_deploy::html::check_scripts(&html, &file, &expected.scripts)?;
        if let Some(style) = InlineHashes::of_page(&html)
            .styles
            .into_iter()
            .find(|s| !expected.styles.contains(s))
        {
            return Err(format!(
                "{file} has an inline style sheet ({style}) that is not style/main.css as trunk pastes it, so the committed policies would block it"
            ));
        }
    }
    Ok(())
}
