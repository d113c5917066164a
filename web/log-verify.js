// The verify page's check (/p/:slug/verify), in the browser with WebCrypto: download the
// signed checkpoint and every log entry, check the signature, rebuild the RFC 6962 tree
// and the counts, and optionally check a signer's receipt. A small copy of src/log/
// (merkle.ts, entry.ts, checkpoint.ts); the test suite runs both against one server.
(function () {
  'use strict';
  var enc = new TextEncoder();
  var hex = function (b) { return Array.from(b, function (x) { return x.toString(16).padStart(2, '0'); }).join(''); };
  var unhex = function (h) { return new Uint8Array((h.match(/../g) || []).map(function (x) { return parseInt(x, 16); })); };
  var unb64 = function (s) { return Uint8Array.from(atob(s), function (c) { return c.charCodeAt(0); }); };
  async function sha(parts) {
    var n = 0, o = 0;
    parts.forEach(function (p) { n += p.length; });
    var buf = new Uint8Array(n);
    parts.forEach(function (p) { buf.set(p, o); o += p.length; });
    return new Uint8Array(await crypto.subtle.digest('SHA-256', buf));
  }
  var node = function (l, r) { return sha([Uint8Array.of(1), l, r]); };
  function leafData(slug, e) {
    return enc.encode(JSON.stringify({ v: 1, pledge: slug, seq: e.seq, kind: e.kind, type: e.type, time: e.time, commitment: e.commitment }));
  }
  async function push(frontier, h) {
    var item = { size: 1, hash: h };
    while (frontier.length && frontier[frontier.length - 1].size === item.size) {
      var left = frontier.pop();
      item = { size: item.size * 2, hash: await node(left.hash, item.hash) };
    }
    frontier.push(item);
  }
  async function root(frontier) {
    if (!frontier.length) return sha([]);
    var r = frontier[frontier.length - 1].hash;
    for (var i = frontier.length - 2; i >= 0; i--) r = await node(frontier[i].hash, r);
    return r;
  }
  function checkpointText(c) {
    return ['pledge-log checkpoint v1', 'pledge ' + c.pledge, 'tree_size ' + c.treeSize, 'root_hash ' + c.rootHash, 'individuals ' + c.individuals,
      'societies ' + c.societies, 'timestamp ' + c.timestamp, 'key_id ' + c.keyId, ''].join('\n');
  }
  async function verifySignature(c, key) {
    if (c.keyId !== key.keyId) return false;
    var k = await crypto.subtle.importKey('raw', unb64(key.publicKey), { name: 'Ed25519' }, false, ['verify']);
    return crypto.subtle.verify({ name: 'Ed25519' }, k, unb64(c.signature), enc.encode(checkpointText(c)));
  }

  // Returns { ok, failures: [...], status?: 'counted' | 'removed', checkpoint }.
  async function audit(base, slug, receipt) {
    var get = async function (path) {
      var res = await fetch(base + path, { headers: { accept: 'application/json' } });
      if (!res.ok) throw new Error(path + ': HTTP ' + res.status);
      return res.json();
    };
    var failures = [];
    var check = function (ok, what) { if (!ok) failures.push(what); return ok; };
    var api = '/api/pledges/' + encodeURIComponent(slug) + '/log/';
    var key = await get('/.well-known/pledge-log-key');
    var cp = await get(api + 'checkpoint');
    check(cp.pledge === slug && (await verifySignature(cp, key)), 'checkpoint signature');
    var frontier = [], members = new Set(), n = { individual: 0, society: 0 }, receiptRoot = null;
    if (receipt) {
      check(receipt.pledge === slug && receipt.checkpoint.treeSize <= cp.treeSize && receipt.checkpoint.timestamp <= cp.timestamp, 'receipt checkpoint is not newer than the latest');
      check(await verifySignature(receipt.checkpoint, key), 'receipt checkpoint signature');
      var c = hex(await sha([unhex(receipt.secret.salt), enc.encode(String(receipt.secret.subjectId))]));
      check(c === receipt.entry.commitment, 'receipt secret opens its entry');
      check(hex(await sha([Uint8Array.of(0), leafData(slug, receipt.entry)])) === receipt.leafHash, 'receipt leaf hash');
    }
    for (var start = 0; start < cp.treeSize; start += 1000) {
      var end = Math.min(start + 1000, cp.treeSize);
      var page = await get(api + 'entries?start=' + start + '&end=' + end);
      if (!check(page.entries.length === end - start, 'entries ' + start + '..' + end + ' served')) break;
      for (var i = 0; i < page.entries.length; i++) {
        var e = page.entries[i];
        if (!check(e.seq === start + i, 'entries in order')) break;
        var h = await sha([Uint8Array.of(0), leafData(slug, e)]);
        if (receipt && e.seq === receipt.entry.seq) {
          check(hex(h) === receipt.leafHash, 'receipt entry is in the log');
        }
        await push(frontier, h);
        var k = e.type + ':' + e.commitment;
        if (e.kind === 'add') { check(!members.has(k), 'entry ' + e.seq + ' adds twice'); members.add(k); n[e.type]++; }
        else { check(members.has(k), 'entry ' + e.seq + ' removes the absent'); members.delete(k); n[e.type]--; }
        if (receipt && e.seq + 1 === receipt.checkpoint.treeSize) receiptRoot = hex(await root(frontier));
      }
      if (failures.length) break;
    }
    if (!failures.length) {
      check(hex(await root(frontier)) === cp.rootHash, 'entries rebuild the signed root');
      check(n.individual === cp.individuals && n.society === cp.societies, 'signed counts equal additions minus removals');
      if (receipt) check(receiptRoot === receipt.checkpoint.rootHash, 'receipt checkpoint is consistent with the log');
    }
    var out = { ok: failures.length === 0, failures: failures, checkpoint: cp };
    if (receipt) out.status = members.has('individual:' + receipt.entry.commitment) ? 'counted' : 'removed';
    return out;
  }

  globalThis.PledgeLogVerify = { audit: audit };

  var form = typeof document !== 'undefined' && document.getElementById('log-verify');
  if (!form) return;
  var words = JSON.parse(form.dataset.words || '{}');
  var out = document.getElementById('log-verify-result');
  form.hidden = false;
  form.addEventListener('submit', async function (ev) {
    ev.preventDefault();
    out.textContent = words.checking;
    var receipt = null;
    var file = form.receipt.files[0];
    try {
      if (file) {
        receipt = JSON.parse(await file.text());
        if (!receipt || !receipt.entry || !receipt.secret || !receipt.checkpoint) throw new Error('bad');
      }
    } catch (_) {
      out.textContent = words.badFile;
      return;
    }
    try {
      var r = await audit(location.origin, form.dataset.slug, receipt);
      var text = r.ok ? words.passed : words.failed + ' ' + r.failures.join('; ');
      if (r.ok && receipt) text += ' ' + (r.status === 'counted' ? words.counted : words.removed);
      out.textContent = text;
    } catch (err) {
      out.textContent = words.failed + ' ' + (err && err.message ? err.message : String(err));
    }
  });
})();
