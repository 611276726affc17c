// Side-panel bootstrap: load the Wasm, then Rust draws everything (src/panel.rs).
import init, { panel_start } from './pkg/tba_assist.js';

await init();
panel_start();
