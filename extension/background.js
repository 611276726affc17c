// Service-worker bootstrap. Chrome delivers the event that woke the worker only to listeners
// registered in the first turn of the event loop, before the Wasm can be ready; so they are
// registered here and each waits for the Wasm. Every decision is made in Rust (src/worker.rs).
import init, { worker_start, worker_handle_message, worker_tab_closed, worker_tab_updated, worker_alarm } from './pkg/tba_assist.js';

const ready = init().then(() => worker_start());

chrome.runtime.onMessage.addListener((message, sender, respond) => {
  ready
    .then(() => worker_handle_message(message, sender))
    .then(respond, (error) => respond({ kind: 'error', message: String(error) }));
  return true; // the answer is sent asynchronously
});

// Single-page apps change route without a page load: Rust decides whether the page needs the
// executor, once the tab has its new address (a route change ends with "complete" too).
chrome.tabs.onUpdated.addListener((tabId, change, tab) => {
  if (change.status === 'complete' && tab.url) ready.then(() => worker_tab_updated(tabId, tab.url)).catch(() => {});
});

chrome.tabs.onRemoved.addListener((tabId) => {
  ready.then(() => worker_tab_closed(tabId)).catch(() => {});
});

// A captured token's expiry: wipe it even if nobody looks.
chrome.alarms.onAlarm.addListener(() => {
  ready.then(() => worker_alarm()).catch(() => {});
});

// The toolbar button opens the side panel.
chrome.sidePanel.setPanelBehavior({ openPanelOnActionClick: true }).catch(() => {});
