//! Both entries are split into chunks after linking (`inforouter-deploy build`, README
//! "Size"): the splitter needs the linker's relocations, which wasm-ld drops unless asked.
fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    if std::env::var("CARGO_CFG_TARGET_ARCH").as_deref() == Ok("wasm32") {
        println!("cargo::rustc-link-arg-bins=--emit-relocs");
    }
}
