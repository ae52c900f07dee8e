/// The style and the script of the public page (``PublicPage``).
///
/// The script is written here in full — SHA-256 (FIPS 180-4) and Philox4x32-10 included, with no
/// library — so that anyone reads, in one place, everything the page computes. Philox's 32×32→64-bit
/// products are assembled from 16-bit halves, exact in JavaScript's doubles. It reads the page's data
/// once, answers look-ups from the form or the address (`#student=…`, `#family=…`), recomputes the seed
/// derivations shown, and checks a `results.csv` chosen by the reader. It exposes `window.paiwei`
/// (the functions, for anyone checking them from the browser's console).
enum PublicPageScript {
    static let style = """
    header { margin-bottom: 8px; }
    .lead { font-size: 16px; margin: 0 0 4px; }
    form#lookup-form { display: flex; flex-wrap: wrap; gap: 10px 20px; align-items: flex-end; margin: 12px 0; }
    form#lookup-form .field { display: flex; flex-direction: column; gap: 3px; min-width: 14em; flex: 0 1 20em; }
    form#lookup-form label { font-weight: 600; }
    form#lookup-form input { font: inherit; padding: 5px 8px; border: 1px solid #8a8a8a; border-radius: 4px; }
    form#lookup-form button { font: inherit; padding: 5px 18px; border-radius: 4px; 
                              border: 1px solid #2f5d8a; background: #2f5d8a; color: #fff; cursor: pointer; }
    form#lookup-form button .en { color: #fff; }
    main dl.facts { grid-template-columns: minmax(9em, 17em) minmax(0, 1fr); }
    table.cutoffs td:nth-child(-n+2) { white-space: nowrap; }
    article.card { border: 1px solid #c8c8c8; border-left: 6px solid #4e79a7; border-radius: 4px; padding: 10px 16px; margin: 12px 0; }
    article.card.placed { border-left-color: #59a14f; }
    article.card.unplaced { border-left-color: #e15759; }
    article.card.ineligible { border-left-color: #9c9c9c; }
    article.card h3 { margin-top: 4px; }
    p.why { background: #f6f8fb; border-radius: 4px; padding: 8px 12px; }
    p.why .en, .msg .en { display: block; margin-top: 2px; }
    .ok { color: #2d7a2d; font-weight: 600; }
    .bad { color: #b42318; font-weight: 600; }
    .warn { color: #8a5a00; font-weight: 600; }
    details.calc { font-size: 13px; color: #444; }
    details.calc code { word-break: break-all; }
    div.scroll { max-height: 32em; overflow: auto; border: 1px solid #e0e0e0; }
    div.scroll table { margin: 0; }
    table.cutoffs tr.mine td { background: #fff4c2; }
    ol.contributions, ol.candidates { margin: 0; padding-left: 1.6em; }
    ol.contributions li { word-break: break-all; }
    li.drawn { font-weight: 600; }
    #file-report ul { max-height: 20em; overflow: auto; }
    footer { margin-top: 32px; border-top: 1px solid #c8c8c8; }
    @media (max-width: 640px) {
      main dl.facts { grid-template-columns: 1fr; }
    }
    """

    static let script = #"""
    "use strict";
    (function () {
    const D = JSON.parse(document.getElementById("paiwei-data").textContent);
    const utf8 = new TextEncoder();

    // ---- SHA-256, FIPS 180-4 ----
    const K256 = new Uint32Array([
      0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
      0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
      0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
      0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
      0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
      0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
      0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
      0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2]);
    const W256 = new Uint32Array(64);
    function rotr(x, n) { return (x >>> n) | (x << (32 - n)); }

    /** SHA-256 of a Uint8Array: a Uint8Array of 32 bytes. */
    function sha256(bytes) {
      const n = bytes.length, blocks = ((n + 8) >>> 6) + 1, m = new Uint8Array(blocks * 64);
      m.set(bytes);
      m[n] = 0x80;
      const bitsHigh = Math.floor(n / 0x20000000), bitsLow = (n * 8) >>> 0;
      const end = m.length;
      m[end - 8] = bitsHigh >>> 24; m[end - 7] = bitsHigh >>> 16; m[end - 6] = bitsHigh >>> 8; m[end - 5] = bitsHigh;
      m[end - 4] = bitsLow >>> 24; m[end - 3] = bitsLow >>> 16; m[end - 2] = bitsLow >>> 8; m[end - 1] = bitsLow;
      let h0 = 0x6a09e667, h1 = 0xbb67ae85, h2 = 0x3c6ef372, h3 = 0xa54ff53a,
          h4 = 0x510e527f, h5 = 0x9b05688c, h6 = 0x1f83d9ab, h7 = 0x5be0cd19;
      const w = W256;
      for (let off = 0; off < end; off += 64) {
        for (let t = 0; t < 16; t++) {
          const j = off + 4 * t;
          w[t] = (m[j] << 24) | (m[j + 1] << 16) | (m[j + 2] << 8) | m[j + 3];
        }
        for (let t = 16; t < 64; t++) {
          const x = w[t - 15], y = w[t - 2];
          const s0 = rotr(x, 7) ^ rotr(x, 18) ^ (x >>> 3);
          const s1 = rotr(y, 17) ^ rotr(y, 19) ^ (y >>> 10);
          w[t] = w[t - 16] + s0 + w[t - 7] + s1;
        }
        let a = h0, b = h1, c = h2, d = h3, e = h4, f = h5, g = h6, h = h7;
        for (let t = 0; t < 64; t++) {
          const t1 = (h + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + K256[t] + w[t]) | 0;
          const t2 = ((rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) | 0;
          h = g; g = f; f = e; e = (d + t1) | 0; d = c; c = b; b = a; a = (t1 + t2) | 0;
        }
        h0 = (h0 + a) | 0; h1 = (h1 + b) | 0; h2 = (h2 + c) | 0; h3 = (h3 + d) | 0;
        h4 = (h4 + e) | 0; h5 = (h5 + f) | 0; h6 = (h6 + g) | 0; h7 = (h7 + h) | 0;
      }
      const out = new Uint8Array(32), hs = [h0, h1, h2, h3, h4, h5, h6, h7];
      for (let i = 0; i < 8; i++) {
        out[4 * i] = hs[i] >>> 24; out[4 * i + 1] = hs[i] >>> 16; out[4 * i + 2] = hs[i] >>> 8; out[4 * i + 3] = hs[i];
      }
      return out;
    }
    function hex(bytes) {
      let s = "";
      for (let i = 0; i < bytes.length; i++) s += (bytes[i] < 16 ? "0" : "") + bytes[i].toString(16);
      return s;
    }
    function fromHex(s) {
      const out = new Uint8Array(s.length / 2);
      for (let i = 0; i < out.length; i++) out[i] = parseInt(s.substr(2 * i, 2), 16);
      return out;
    }
    function concat(...parts) {
      const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
      let at = 0;
      for (const p of parts) { out.set(p, at); at += p.length; }
      return out;
    }
    function sha256Hex(text) { return hex(sha256(typeof text === "string" ? utf8.encode(text) : text)); }
    /** The 32-bit little-endian word at byte `o`. */
    function word(b, o) { return (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16) | (b[o + 3] << 24)) >>> 0; }
    function hex8(x) { return (x >>> 0).toString(16).padStart(8, "0"); }

    // ---- Philox4x32-10, Salmon et al., SC'11 ----
    /** [high, low] 32-bit halves of the 64-bit product of two 32-bit words, from 16-bit halves (exact in doubles). */
    function mulhilo(a, b) {
      const a0 = a & 0xffff, a1 = a >>> 16, b0 = b & 0xffff, b1 = b >>> 16;
      const p00 = a0 * b0, p01 = a0 * b1, p10 = a1 * b0, p11 = a1 * b1;
      const mid = (p00 >>> 16) + (p01 & 0xffff) + (p10 & 0xffff);
      const high = (p11 + (p01 >>> 16) + (p10 >>> 16) + (mid >>> 16)) >>> 0;
      const low = ((mid & 0xffff) * 0x10000 + (p00 & 0xffff)) >>> 0;
      return [high, low];
    }
    /** Philox4x32-10 of a counter [c0, c1, c2, c3] under a key [k0, k1]. */
    function philox(counter, key) {
      let [c0, c1, c2, c3] = counter.map(x => x >>> 0), [k0, k1] = key.map(x => x >>> 0);
      for (let round = 0; round < 10; round++) {
        if (round > 0) { k0 = (k0 + 0x9E3779B9) >>> 0; k1 = (k1 + 0xBB67AE85) >>> 0; }
        const [hi0, lo0] = mulhilo(0xD2511F53, c0), [hi1, lo1] = mulhilo(0xCD9E8D57, c2);
        const n0 = (hi1 ^ c1 ^ k0) >>> 0, n2 = (hi0 ^ c3 ^ k1) >>> 0;
        c0 = n0; c1 = lo1; c2 = n2; c3 = lo0;
      }
      return [c0, c1, c2, c3];
    }

    // ---- The lottery protocol (docs/lottery-protocol.md) ----
    const seedBytes = fromHex(D.seed);
    const keys = new Map();
    /** The Philox key of a label: the first two little-endian words of SHA-256(seed ‖ label). */
    function keyOf(label, seed) {
      if (seed) { const k = sha256(concat(fromHex(seed), utf8.encode(label))); return [word(k, 0), word(k, 4)]; }
      let key = keys.get(label);
      if (!key) { const k = sha256(concat(seedBytes, utf8.encode(label))); key = [word(k, 0), word(k, 4)]; keys.set(label, key); }
      return key;
    }
    /** The counter of a student: SHA-256 of student_id, or of "family:" + family_id. */
    function counterOf(studentID, familyID) {
      const h = sha256(utf8.encode(familyID ? "family:" + familyID : studentID));
      return [word(h, 0), word(h, 4), 0, 0];
    }
    /** A number in a lottery, as 16 hex digits (with the published seed unless `seed` is given). */
    function lotteryNumber(label, studentID, familyID, seed) {
      return numberFrom(counterOf(studentID, familyID || ""), label, seed);
    }
    /** The number r1 · 2³² + r0 of Philox4x32-10(counter, key of label), as 16 hex digits. */
    function numberFrom(counter, label, seed) {
      const r = philox(counter, keyOf(label, seed));
      return hex8(r[1]) + hex8(r[0]);
    }
    function ceremonySeed(contributions, commitment) {
      const head = commitment ? ["paiwei-seed-v2", commitment] : ["paiwei-seed-v1"];
      return sha256Hex(head.concat(contributions).join("\n"));
    }
    function derivedSeed(seed, tag, index) {
      const le = new Uint8Array(8);
      let x = index;
      for (let i = 0; i < 8; i++) { le[i] = x % 256; x = Math.floor(x / 256); }
      return hex(sha256(concat(fromHex(seed), utf8.encode(tag), le)));
    }
    function commitmentDigest(policySHA256, files) {
      let text = "paiwei-commitment-v1\npolicy " + policySHA256 + "\n";
      for (const [name, sha] of files) text += name + " " + sha + "\n";
      return sha256Hex(text);
    }
    window.paiwei = { sha256Hex, philox, mulhilo, lotteryNumber, ceremonySeed, derivedSeed, commitmentDigest, data: D };

    // ---- The page's data ----
    const n = D.ids.length;
    const index = new Map();
    for (let i = 0; i < n; i++) index.set(D.ids[i], i);
    const OUTCOME = { p: "placed", u: "unplaced", i: "ineligible" };
    function numberOf(i) { const s = D.number.substr(16 * i, 16); return s[0] === "-" ? "" : s; }
    const cutoffs = new Map();
    for (const c of D.cutoffs) cutoffs.set(c[0] + ":" + c[1], c);
    let shared = null;
    /** How many published rows hold each (lottery, number): twins share one. */
    function sharedCount(label, number) {
      if (!shared) {
        shared = new Map();
        for (let i = 0; i < n; i++) {
          if (D.label[i] < 0) continue;
          const key = D.label[i] + ":" + numberOf(i);
          shared.set(key, (shared.get(key) || 0) + 1);
        }
      }
      return shared.get(label + ":" + number) || 0;
    }

    // ---- Building the page ----
    function el(tag, attributes, ...children) {
      const e = document.createElement(tag);
      for (const [k, v] of Object.entries(attributes || {})) e.setAttribute(k, v);
      for (const c of children) if (c !== null && c !== undefined) e.append(c);
      return e;
    }
    /** Chinese, then English in a span of its own: the bilingual text of every page. */
    function bi(zh, en) { return [zh, " ", el("span", { class: "en", lang: "en" }, en)]; }
    function biEl(tag, attributes, zh, en) { return el(tag, attributes, ...bi(zh, en)); }
    function mono(text) { return el("span", { class: "mono" }, text); }
    function schoolText(s) {
      const [id, name] = D.schools[s];
      return name && name !== id ? id + " · " + name : id;
    }
    function tierText(tier) {
      return tier === "none" || tier === "" ? ["无优先", "no priority"] : ["优先类别 " + tier, "priority '" + tier + "'"];
    }
    function fact(list, zh, en, ...value) {
      list.append(el("dt", null, ...bi(zh, en)), el("dd", null, ...value));
    }

    /** One sentence, Chinese and English, on why the number admits or does not. */
    function why(i, number) {
      const o = OUTCOME[D.outcome[i]], g = D.stage[i], s = D.school[i];
      if (o === "ineligible") {
        return ["未通过资格审核，不参加派位，因此没有随机号；具体原因请向区教育部门查询。",
                "Not eligible for admission in this district: the student takes part in no lottery and has no number; the district education bureau can say why."];
      }
      if (g < 0) {
        return ["政策中没有任何派位阶段可以为该生安排学位，请联系区教育部门。",
                "No stage of the policy could place this student: please contact the district education bureau."];
      }
      const [, kind, byRound, method] = D.stages[g];
      if (kind === "overflow") {
        if (o === "placed") {
          return method === "min_total_distance"
            ? ["统筹安排：按总距离最小的整体方案安排到 " + schoolText(s) + "；随机号 " + number + " 只决定学位不足时谁先被安排。",
               "Overflow coordination (统筹安排) by the assignment of least total distance placed this student at " + schoolText(s) + "; number " + number + " only decides who comes first where seats run short."]
            : ["统筹安排：按优先类别、再按随机号从小到大依次安排到有空余学位的最近学校；轮到随机号 " + number + " 时，最近的有空余学位的学校是 " + schoolText(s) + "。",
               "Overflow coordination (统筹安排) took students by priority tier, then by number, smallest first, each to the nearest school with a free seat; when number " + number + "'s turn came, that was " + schoolText(s) + "."];
        }
        return method === "min_total_distance"
          ? ["统筹安排时范围内学位不足：按录取顺序（优先类别、再随机号从小到大），排在随机号 " + number + " 之前的学生已占满可用学位，因此暂未安排学位，请联系区教育部门。",
             "Seats in scope ran short in overflow coordination: the students before number " + number + " in the admission order (priority tier, then number, smallest first) took every seat they could use, so no seat is assigned yet; please contact the district education bureau."]
          : ["统筹安排按优先类别、再按随机号从小到大依次进行；轮到随机号 " + number + " 时，范围内的学校已没有空余学位，因此暂未安排学位，请联系区教育部门。",
             "Overflow coordination went by priority tier, then by number, smallest first; when number " + number + "'s turn came, no school in scope had a free seat left, so no seat is assigned yet; please contact the district education bureau."];
      }
      const c = cutoffs.get(g + ":" + s);
      if (!c || !c[7]) {
        const applicants = c ? c[3] : 0, seats = c ? c[2] : 0;
        return ["本阶段申请该校的 " + applicants + " 人未超过学位（" + seats + " 个），全部录取，随机号无须比较。",
                "All " + applicants + " applicants to this school in this stage were admitted (" + seats + " seats): the number did not have to decide."];
      }
      const [, , seats, applicants, admitted, round, tier, cut] = c;
      const none = tier === "none" || tier === "";
      const last = (byRound ? "第 " + round + " 轮申请、" : "") + (none ? "无优先类别" : "优先类别为 " + tier);
      const lastEn = (byRound ? "applied in round " + round + ", " : "") + (none ? "no priority" : "priority '" + tier + "'");
      const short = "该校学位不足（" + applicants + " 人申请 " + seats + " 个学位，录取 " + admitted + " 人），末位录取者（" + last + "）的随机号为 " + cut + "；";
      const shortEn = "Seats were short (" + applicants + " applicants for " + seats + " seats, " + admitted + " admitted) and the last admitted (" + lastEn + ") had number " + cut + "; ";
      if (number <= cut) {
        return [short + "该生的随机号 " + number + " 不大于末位录取者的随机号，排在其前（或就是末位录取者），因此被录取。",
                shortEn + "this student's number " + number + " is not larger, so the student comes before the last admitted (or is the last admitted) and was admitted."];
      }
      return [short + "该生的随机号 " + number + " 大于末位录取者的随机号，但该生" + (byRound ? "在更早的轮次或" : "") + "以更优先的类别申请，因此仍被录取。",
              shortEn + "this student's number " + number + " is larger, but the student applied " + (byRound ? "in an earlier round or " : "") + "with a higher priority tier, so was admitted."];
    }

    /** The card of student i, the number recomputed with the family id when given. */
    function card(i, familyID) {
      const id = D.ids[i], o = OUTCOME[D.outcome[i]], g = D.stage[i], s = D.school[i], l = D.label[i];
      const published = numberOf(i), label = l >= 0 ? D.labels[l] : "";
      const recomputed = l >= 0 ? lotteryNumber(label, id, familyID) : "";
      let match = "none";
      if (l >= 0) match = recomputed === published ? "yes" : (!familyID && sharedCount(l, published) > 1 ? "family" : "no");
      const c = g >= 0 && o !== "ineligible" ? cutoffs.get(g + ":" + s) : undefined;
      const cut = c && c[7] ? c[7] : "";
      const article = el("article", {
        class: "card " + o, "data-student": id, "data-outcome": o, "data-school": s >= 0 ? D.schools[s][0] : "",
        "data-stage": g >= 0 ? D.stages[g][0] : "", "data-label": label, "data-published": published,
        "data-recomputed": recomputed, "data-match": match, "data-cutoff-number": o === "placed" ? cut : "",
        "data-family": familyID || "" });
      article.append(el("h3", null, ...bi("学生 " + id, "Student " + id), familyID ? el("span", { class: "note" }, "  (family_id " + familyID + ")") : null));
      const list = el("dl", { class: "facts" });
      const outcomeText = { placed: ["已录取", "placed"], unplaced: ["未录取", "unplaced"], ineligible: ["不符合资格", "ineligible"] }[o];
      fact(list, "结果", "Outcome", ...bi(outcomeText[0], outcomeText[1]));
      if (s >= 0) fact(list, "学校", "School", schoolText(s));
      if (g >= 0) fact(list, o === "placed" ? "录取阶段" : "最后参加的统筹阶段", o === "placed" ? "Stage" : "Last overflow stage", D.stages[g][0] + " (" + D.stages[g][1] + ")");
      if (l >= 0) {
        fact(list, "抽签", "Lottery", mono(label));
        fact(list, "公布的随机号", "Published number", mono(published));
        const verdict = match === "yes" ? el("span", { class: "ok" }, ...bi("✓ 一致", "matches"))
          : match === "family" ? el("span", { class: "warn" }, ...bi("? 该号与同一抽签中另一名学生相同：同一家庭的孩子共用随机号，请填写家庭编号后重新计算",
                                                                     "shared with another student in this lottery: children of one family share a number; type the family_id to recompute it"))
          : el("span", { class: "bad" }, ...bi("✗ 不一致：公布的随机号不是由公布的随机种子得出的" + (familyID ? "" : "（若该生有家庭编号，请填写后再试）"),
                                               "does not match: the published number does not follow from the published seed" + (familyID ? "" : " (if the student has a family_id, type it and try again)")));
        fact(list, "本页重新计算的随机号", "Recomputed in this page", mono(recomputed), " ", verdict);
      }
      if (o === "placed" && c) {
        if (cut) {
          const [tz, te] = tierText(c[6]);
          fact(list, "末位录取者", "Cutoff (last admitted)", ...(D.stages[g][2] ? [...bi("第 " + c[5] + " 轮", "round " + c[5]), " · "] : []),
               ...bi(tz, te), " · ", ...bi("随机号", "number"), " ", mono(cut), " ", el("span", { class: "note" }, "(" + (c[8] >= 0 ? D.labels[c[8]] : "") + ")"));
        } else {
          fact(list, "末位录取者", "Cutoff (last admitted)", ...bi("无（申请人数未超过学位）", "none (no more applicants than seats)"));
        }
      }
      article.append(list);
      const [zh, en] = why(i, published);
      article.append(el("p", { class: "why" }, zh, el("span", { class: "en", lang: "en" }, en)));
      if (l >= 0) {
        const key = keyOf(label), counter = counterOf(id, familyID || "");
        article.append(el("details", { class: "calc" }, el("summary", null, ...bi("计算过程", "How it was computed")),
          el("p", null, el("code", null, "K = SHA-256(seed ‖ \"" + label + "\") → k0 = " + hex8(key[0]) + ", k1 = " + hex8(key[1]))),
          el("p", null, el("code", null, "H = SHA-256(\"" + (familyID ? "family:" + familyID : id) + "\") → h0 = " + hex8(counter[0]) + ", h1 = " + hex8(counter[1]))),
          el("p", null, el("code", null, "Philox4x32-10((h0, h1, 0, 0), (k0, k1)) → r1 · 2³² + r0 = " + recomputed))));
      }
      return article;
    }

    function markCutoffRows(cards) {
      for (const row of document.querySelectorAll("table.cutoffs tr.mine")) row.classList.remove("mine");
      for (const c of cards) {
        const g = D.stage[c], s = D.school[c];
        const row = document.querySelector('table.cutoffs tr[data-key="' + g + ":" + s + '"]');
        if (row && OUTCOME[D.outcome[c]] === "placed") row.classList.add("mine");
      }
    }

    const answer = document.getElementById("answer");
    const studentInput = document.getElementById("student"), familyInput = document.getElementById("family");
    function query() {
      const params = new URLSearchParams(location.hash.replace(/^#/, ""));
      return { student: (params.get("student") || "").trim(), family: (params.get("family") || "").trim() };
    }
    function show() {
      const q = query();
      studentInput.value = q.student;
      familyInput.value = q.family;
      answer.replaceChildren();
      answer.removeAttribute("data-found");
      if (!q.student && !q.family) return;
      let found = [];
      if (q.student) {
        const i = index.get(q.student);
        if (i !== undefined) found = [i];
        else answer.append(biEl("p", { class: "bad msg" }, "没有学生编号为“" + q.student + "”的学生（请注意大小写与空格）。",
                                "No student with student_id '" + q.student + "' in this placement (mind upper and lower case)."));
      } else {
        // A family's children: the rows whose published number is the family's number in their lottery.
        const counter = counterOf("", q.family), byLabel = D.labels.map(label => numberFrom(counter, label));
        for (let i = 0; i < n; i++) if (D.label[i] >= 0 && numberOf(i) === byLabel[D.label[i]]) found.push(i);
        if (!found.length) answer.append(biEl("p", { class: "bad msg" }, "没有以家庭编号“" + q.family + "”摇号的学生。",
                                             "No student drew as family '" + q.family + "' in this placement."));
      }
      answer.setAttribute("data-found", String(found.length));
      for (const i of found) answer.append(card(i, q.family));
      markCutoffRows(found);
    }
    document.getElementById("lookup-form").addEventListener("submit", event => {
      event.preventDefault();
      const params = new URLSearchParams();
      if (studentInput.value.trim()) params.set("student", studentInput.value.trim());
      if (familyInput.value.trim()) params.set("family", familyInput.value.trim());
      const target = "#" + params.toString();
      if (location.hash === target) show(); else location.hash = target;
    });
    window.addEventListener("hashchange", show);

    // ---- Checking a whole results.csv ----
    /** RFC 4180 rows of a text (quotes, CRLF, LF or CR line ends, a byte-order mark). */
    function parseCSV(text) {
      if (text.charCodeAt(0) === 0xFEFF) text = text.slice(1);
      const rows = [];
      let row = [], cell = "", quoted = false, i = 0, started = false;
      while (i < text.length) {
        const ch = text[i];
        if (quoted) {
          if (ch === '"') { if (text[i + 1] === '"') { cell += '"'; i += 2; continue; } quoted = false; i++; continue; }
          cell += ch; i++; continue;
        }
        if (ch === '"') { quoted = true; started = true; i++; continue; }
        if (ch === ",") { row.push(cell); cell = ""; started = true; i++; continue; }
        if (ch === "\n" || ch === "\r") {
          if (started || cell !== "" || row.length) { row.push(cell); rows.push(row); }
          row = []; cell = ""; started = false;
          i += ch === "\r" && text[i + 1] === "\n" ? 2 : 1;
          continue;
        }
        cell += ch; started = true; i++;
      }
      if (started || cell !== "" || row.length) { row.push(cell); rows.push(row); }
      return rows;
    }
    const HEADER = ["student_id", "outcome", "school_id", "stage", "lottery_label", "lottery_number"];
    function checkResults(text) {
      const rows = parseCSV(text), flags = [];
      if (!rows.length || rows[0].join(",") !== HEADER.join(",")) {
        return { rows: 0, flags: [["", ["不是 results.csv：首行应为 " + HEADER.join(","), "not a results.csv: the first row must be " + HEADER.join(",")]]], recomputed: 0, family: 0, agree: 0 };
      }
      const body = rows.slice(1), counts = new Map(), seen = new Set();
      for (const r of body) if (r.length === 6 && r[5]) counts.set(r[4] + "\n" + r[5], (counts.get(r[4] + "\n" + r[5]) || 0) + 1);
      let recomputed = 0, family = 0, agree = 0;
      for (const r of body) {
        if (r.length !== 6) { flags.push([r[0] || "", ["该行有 " + r.length + " 列，应为 6 列", "the row has " + r.length + " cells, not 6"]]); continue; }
        const [id, outcome, school, stage, label, number] = r;
        if (seen.has(id)) { flags.push([id, ["重复出现", "listed twice"]]); continue; }
        seen.add(id);
        const i = index.get(id);
        if (i === undefined) { flags.push([id, ["本页的派位结果中没有此学生", "not in this page's placement"]]); continue; }
        const mine = [OUTCOME[D.outcome[i]], D.school[i] >= 0 ? D.schools[D.school[i]][0] : "", D.stage[i] >= 0 ? D.stages[D.stage[i]][0] : "",
                      D.label[i] >= 0 ? D.labels[D.label[i]] : "", numberOf(i)];
        const differs = HEADER.slice(1).filter((_, k) => mine[k] !== r[k + 1]);
        if (differs.length) {
          flags.push([id, ["与本页数据不同：" + differs.join("、"), "differs from this page's data: " + differs.join(", ")]]);
        } else {
          agree++;
        }
        if (number) {
          if (lotteryNumber(label, id, "") === number) recomputed++;
          else if ((counts.get(label + "\n" + number) || 0) > 1) family++;
          else flags.push([id, ["随机号 " + number + " 不是由公布的随机种子得出的", "number " + number + " does not follow from the published seed"]]);
        }
      }
      for (let i = 0; i < n; i++) if (!seen.has(D.ids[i])) { flags.push([D.ids[i], ["文件中缺少此学生", "missing from the file"]]); if (flags.length > 1000) break; }
      return { rows: body.length, flags, recomputed, family, agree };
    }
    const fileReport = document.getElementById("file-report");
    document.getElementById("results-file").addEventListener("change", async event => {
      const file = event.target.files[0];
      if (!file) return;
      fileReport.replaceChildren(biEl("p", null, "正在核对……", "Checking…"));
      const report = checkResults(await file.text());
      fileReport.replaceChildren();
      fileReport.setAttribute("data-rows", String(report.rows));
      fileReport.setAttribute("data-flagged", String(report.flags.length));
      fileReport.setAttribute("data-recomputed", String(report.recomputed));
      fileReport.setAttribute("data-family", String(report.family));
      const verdict = report.flags.length === 0
        ? el("p", { class: "ok msg" }, ...bi("✓ 全部 " + report.rows + " 行与本页一致；" + report.recomputed + " 个随机号已重新计算并一致，" + report.family + " 个为同一家庭共用的随机号（需家庭编号才能重算）。",
                                            "all " + report.rows + " rows agree with this page; " + report.recomputed + " numbers recomputed and equal, " + report.family + " shared by a family (recomputed only with the family_id)."))
        : el("p", { class: "bad msg" }, ...bi("✗ 发现 " + report.flags.length + " 处问题（共 " + report.rows + " 行）：", report.flags.length + " problem(s) in " + report.rows + " rows:"));
      fileReport.append(verdict);
      if (report.flags.length) {
        const list = el("ul");
        for (const [id, [zh, en]] of report.flags.slice(0, 200)) {
          list.append(el("li", { "data-flag": id }, mono(id), " ", ...bi(zh, en)));
        }
        fileReport.append(list);
      }
    });

    // ---- The seed and the commitment, recomputed; the page's own check of its SHA-256 and Philox ----
    function mark(name, ok) {
      for (const slot of document.querySelectorAll('[data-check="' + name + '"]')) {
        slot.className = "check " + (ok ? "ok" : "bad");
        slot.setAttribute("data-ok", ok ? "yes" : "no");
        slot.replaceChildren(...(ok ? bi("✓ 本页已重新计算，一致", "recomputed in this page: equal") : bi("✗ 本页重新计算的结果不同", "recomputed in this page: different")));
      }
    }
    const draw = D.draw;
    if (draw.kind !== "hex") {
      const base = ceremonySeed(draw.ceremony, draw.kind === "v2" ? draw.commitment : null);
      mark("base", base === draw.base);
    }
    if (D.files) mark("commitment", commitmentDigest(D.files.policy_sha256, D.files.list) === draw.commitment);
    for (let k = 1; k <= draw.runs; k++) mark("candidate-" + k, derivedSeed(draw.base, "candidate", k) === document.querySelector('[data-check="candidate-' + k + '"]').previousElementSibling.textContent);
    if (draw.kind !== "hex" || draw.runs > 0) mark("standing", (draw.runs > 0 ? derivedSeed(draw.base, "candidate", draw.drawn) : draw.base) === D.seed);

    const vectors = [
      [sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"],
      [sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"],
      [sha256Hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"), "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"],
      [philox([0, 0, 0, 0], [0, 0]).map(hex8).join(" "), "6627e8d5 e169c58d bc57ac4c 9b00dbd8"],
      [philox([0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff], [0xffffffff, 0xffffffff]).map(hex8).join(" "), "408f276d 41c83b0e a20bc7c6 6d5451fd"],
      [philox([0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344], [0xa4093822, 0x299f31d0]).map(hex8).join(" "), "d16cfe09 94fdcceb 5001e420 24126ea1"],
    ];
    const passed = vectors.every(([got, want]) => got === want);
    const selftest = document.getElementById("selftest");
    selftest.className = "check " + (passed ? "ok" : "bad");
    selftest.setAttribute("data-selftest", passed ? "pass" : "fail");
    selftest.replaceChildren(...(passed ? bi("✓ 自检通过（3 个 SHA-256 与 3 个 Philox 标准测试向量）", "self-test passed (3 SHA-256 and 3 Philox known answers)")
                                        : bi("✗ 自检失败：本页的计算不可信", "self-test FAILED: do not trust this page's computations")));
    show();
    })();
    """#
}
