// credence: progressive enhancement only; every page works without this script.
// Pressing "/" focuses the search box, as on many search sites.
document.addEventListener('keydown', (e) => {
  if (e.key === '/' && document.activeElement.tagName !== 'INPUT') {
    const q = document.getElementById('q') || document.getElementById('top-q');
    if (q) { e.preventDefault(); q.focus(); }
  }
});
