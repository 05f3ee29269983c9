// credence pathway map: progressive enhancement only; the map and table work without it.
// Click (or Enter on) a step to see its details and light up its edges; tick "I hold it" to mark
// the steps you stand on (the address keeps them, as ?held=ID,ID, so the view can be shared).
(function () {
  const svg = document.getElementById('pathway-svg');
  if (!svg) return;
  const details = document.getElementById('pathway-details');
  const text = (tag, s) => { const e = document.createElement(tag); e.textContent = s; return e; };
  function select(g) {
    svg.querySelectorAll('.node.selected').forEach((n) => n.classList.remove('selected'));
    svg.querySelectorAll('.edge.lit').forEach((e) => e.classList.remove('lit'));
    g.classList.add('selected');
    const id = g.dataset.id;
    svg.querySelectorAll('.edge').forEach((e) => {
      if (e.dataset.from === id || e.dataset.to === id) e.classList.add('lit');
    });
    details.replaceChildren();
    details.appendChild(text('h2', g.dataset.name));
    const dl = document.createElement('dl');
    const rows = [['Kind', g.dataset.kind], ['Cost', g.dataset.cost], ['Time', g.dataset.years],
      ['Wage (median)', g.dataset.wage], ['Wage source', g.dataset.wageSource || 'none'],
      ['Outcomes of holders', g.dataset.outcomes || 'none linked'],
      ['Requires', g.dataset.requires]];
    for (const [k, v] of rows) { dl.appendChild(text('dt', k)); dl.appendChild(text('dd', v)); }
    details.appendChild(dl);
    if (g.dataset.href) {
      const a = text('a', 'Open'); a.href = g.dataset.href; a.id = 'pathway-open'; details.appendChild(a);
    }
  }
  svg.querySelectorAll('.node').forEach((g) => {
    g.addEventListener('click', () => select(g));
    g.addEventListener('keydown', (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); select(g); } });
  });
  document.querySelectorAll('.hold-toggle').forEach((box) => {
    box.addEventListener('change', () => {
      const id = box.dataset.id;
      svg.querySelectorAll('.node').forEach((g) => { if (g.dataset.id === id) g.classList.toggle('held', box.checked); });
      const held = Array.from(document.querySelectorAll('.hold-toggle:checked')).map((b) => b.dataset.id);
      const url = new URL(window.location.href);
      if (held.length) url.searchParams.set('held', held.join(',')); else url.searchParams.delete('held');
      window.history.replaceState(null, '', url);
    });
  });
})();
