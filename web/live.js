// Live totals for the pledge page: a WebSocket to the pledge's live-count object,
// reconnecting with exponential backoff, falling back to polling the counts API.
// The page is complete without this script; it only keeps the numbers fresh.
(function () {
  'use strict';
  var root = document.querySelector('[data-pledge]');
  if (!root || !window.fetch) return;
  var slug = root.getAttribute('data-pledge');
  var region = document.querySelector('[data-live-region]');
  var lang = document.documentElement.lang;
  var fmt = new Intl.NumberFormat(lang === 'en' ? 'en' : lang === 'zh-Hant' ? 'zh-TW' : 'zh-CN');
  var keys = ['individuals', 'societies'];
  var current = {};
  keys.forEach(function (k) {
    var el = document.querySelector('[data-count="' + k + '"]');
    current[k] = el ? Number(el.getAttribute('data-value')) : NaN;
  });
  var announceTimer = 0;
  var lastAnnounced = 0;
  var failures = 0;
  var opened = false;
  var ws = null;
  var pingTimer = 0;
  var pollTimer = 0;

  // Screen readers hear the new total politely, at most once every 10 s.
  function announce() {
    if (!region || announceTimer) return;
    announceTimer = setTimeout(function () {
      announceTimer = 0;
      lastAnnounced = Date.now();
      var el = document.querySelector('[data-count="individuals"]');
      if (el && el.parentNode) region.textContent = el.parentNode.textContent.replace(/\s+/g, ' ').trim();
    }, Math.max(0, lastAnnounced + 10000 - Date.now()));
  }

  function apply(m) {
    var changed = false;
    keys.forEach(function (k) {
      if (typeof m[k] !== 'number' || m[k] === current[k]) return;
      current[k] = m[k];
      changed = true;
      document.querySelectorAll('[data-count="' + k + '"]').forEach(function (el) {
        el.textContent = fmt.format(m[k]);
        el.setAttribute('data-value', String(m[k]));
      });
    });
    var bar = document.querySelector('[data-progress]');
    if (changed && bar) {
      bar.value = Math.min(current.individuals, bar.max);
      var pct = document.querySelector('[data-pct]');
      if (pct) pct.textContent = String(Math.floor((100 * current.individuals) / bar.max));
    }
    if (changed) announce();
  }

  function poll() {
    clearTimeout(pollTimer);
    fetch('/api/pledges/' + encodeURIComponent(slug) + '/counts', { headers: { accept: 'application/json' } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (m) { if (m) apply(m); })
      .catch(function () {})
      .then(function () { if (!(ws && ws.readyState === 1)) pollTimer = setTimeout(poll, document.hidden ? 60000 : 15000); });
  }

  function connect() {
    if (!window.WebSocket) return poll();
    var url = (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/api/pledges/' + encodeURIComponent(slug) + '/live';
    try {
      ws = new WebSocket(url);
    } catch (e) {
      return poll();
    }
    ws.onopen = function () {
      opened = true;
      failures = 0;
      clearTimeout(pollTimer);
      pingTimer = setInterval(function () { if (ws && ws.readyState === 1) ws.send('ping'); }, 30000);
    };
    ws.onmessage = function (e) {
      try {
        var m = JSON.parse(e.data);
        if (m && m.type === 'counts') apply(m);
      } catch (err) { /* pong or junk */ }
    };
    ws.onclose = function () {
      clearInterval(pingTimer);
      ws = null;
      failures += 1;
      // Never opened after a few tries: the network blocks WebSockets, so poll,
      // and try a socket again now and then.
      if (!opened && failures >= 3) {
        poll();
        setTimeout(function () { failures = 0; clearTimeout(pollTimer); connect(); }, 300000);
        return;
      }
      var delay = Math.min(30000, 1000 * Math.pow(2, failures - 1));
      setTimeout(connect, delay / 2 + Math.random() * delay / 2);
      // While disconnected, keep the numbers fresh by polling.
      if (failures > 1) poll();
    };
  }

  connect();
})();
