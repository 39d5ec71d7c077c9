// Starts the console. trunk's own loader is an inline script element, which the
// Content-Security-Policy (script-src 'self', no 'unsafe-inline') would block. Trunk.toml's
// pattern_script makes trunk write, instead, where the wasm-bindgen glue and the wasm module
// are, in the inforouter:boot meta element; this script loads them from there. trunk pastes
// it into index.html unchanged, and the policy allows it by its sha256 hash
// (deploy/src/headers.rs InlineHashes). No HTML tags in this file, not even in comments or
// strings: the build's checks and page edits read index.html as text.
//
// There are two entries: everyone's (sign-in, one's own profile, embedded views) and the
// administrators' (user list, user pages, bulk changes), whose files are named by the
// inforouter:boot-admin meta element. The address picks one, so an employee never downloads
// the admin screens. The admin paths are the console's `shell::Page::is_admin`.
const meta = (name) => document.querySelector(`meta[name="${name}"]`);
const base = (meta("inforouter:base-path")?.content || "/").replace(/\/?$/, "/");
const path = location.pathname.startsWith(base) ? location.pathname.slice(base.length) : "";
const adminPage = /^(users|new-user|bulk)(\/|$)/.test(path);
const boot = (adminPage && meta("inforouter:boot-admin")) || meta("inforouter:boot");
if (!boot) {
  throw new Error('infoRouter Accounts: no inforouter:boot meta element (see Trunk.toml)');
}
const { default: init } = await import(boot.dataset.js);
const wasm = await init({ module_or_path: boot.dataset.wasm });
dispatchEvent(new CustomEvent("TrunkApplicationStarted", { detail: { wasm } }));
