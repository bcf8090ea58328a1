// Filter and search the claim cards of a paper page (no library; works from file://).
(function () {
  var form = document.getElementById("filters");
  if (!form) return;
  var cards = Array.prototype.slice.call(document.querySelectorAll("details.claim"));
  var counter = document.getElementById("shown");
  function apply() {
    var verdict = form.verdict.value, kind = form.kind.value, tier = form.tier.value;
    var words = form.q.value.toLowerCase().split(/\s+/).filter(Boolean);
    var shown = 0;
    cards.forEach(function (card) {
      var text = card.getAttribute("data-text");
      var ok = (!verdict || card.dataset.verdict === verdict) && (!kind || card.dataset.kind === kind) &&
               (!tier || card.dataset.tier === tier) &&
               words.every(function (w) { return text.indexOf(w) >= 0; });
      card.hidden = !ok;
      if (ok) shown += 1;
    });
    counter.textContent = shown + " of " + cards.length + " claims shown";
  }
  form.addEventListener("input", apply);
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (e) { e.preventDefault(); });
  document.getElementById("expand").addEventListener("click", function () {
    cards.forEach(function (c) { if (!c.hidden) c.open = true; });
  });
  document.getElementById("collapse").addEventListener("click", function () {
    cards.forEach(function (c) { c.open = false; });
  });
  if (location.hash) {
    var target = document.getElementById(location.hash.slice(1));
    if (target && target.tagName === "DETAILS") target.open = true;
  }
  apply();
})();
