// Starts the console. trunk's own loader is an inline <script>, which the
// Content-Security-Policy (script-src 'self', no 'unsafe-inline') would block. Trunk.toml's
// pattern_script makes trunk write, instead, where the wasm-bindgen glue and the wasm module
// are, in <meta name="inforouter:boot">; this file (copied with a content hash, see
// index.html) loads them from there.
const boot = document.querySelector('meta[name="inforouter:boot"]');
if (!boot) {
  throw new Error('infoRouter Accounts: no <meta name="inforouter:boot"> (see Trunk.toml)');
}
const { default: init } = await import(boot.dataset.js);
const wasm = await init({ module_or_path: boot.dataset.wasm });
dispatchEvent(new CustomEvent("TrunkApplicationStarted", { detail: { wasm } }));
