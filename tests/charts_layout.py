"""Browser-side measures of the plotly charts of a page, for the chart and print checks.

:data:`CHART_PARTS` runs in the page and returns, for every chart drawn and visible, its
element id, its height, and each pair of its texts that overlap (title, note, axis titles,
legend, colour bar, tick labels, annotations) or that stick out of the chart's box.
"""

from __future__ import annotations

CHART_PARTS = """() => {
  const box = (el) => el.getBoundingClientRect();
  const hit = (a, b) => Math.min(a.right, b.right) - Math.max(a.left, b.left) > 2 &&
                        Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 2;
  const charts = [];
  document.querySelectorAll('.plotly-graph-div').forEach((div) => {
    // Shown: laid out and not inside a folded block (a closed solution is invisible).
    const shown = !!div.offsetParent &&
      div.checkVisibility({opacityProperty: true, visibilityProperty: true});
    const chart = {id: div.id, shown, height: box(div).height,
                   drawn: !!div.querySelector('.main-svg'), problems: []};
    charts.push(chart);
    if (!shown || !chart.drawn) return;
    const frame = box(div);
    const parts = [];
    const add = (kind, selector) => div.querySelectorAll(selector).forEach((el) => {
      if (kind === 'axis title' && el.closest('.colorbar, .legend')) return;
      const b = box(el);
      if (b.width > 0 && b.height > 0 && (el.textContent || '').trim() !== '')
        parts.push({kind, b, text: (el.textContent || '').trim().slice(0, 50)});
    });
    add('title', '.g-gtitle .gtitle');
    add('note', '.g-gtitle .gtitle-subtitle');
    add('axis title', '.infolayer text[class$="title"]:not(.gtitle):not(.gtitle-subtitle)' +
        ':not(.legendtitletext):not(.cbtitle)');
    add('legend', '.legend .scrollbox');
    add('colour-bar title', '.colorbar .cbtitle');
    add('colour-bar label', '.colorbar .cbaxis text');
    add('tick label', '[class*="xtick"] text, [class*="ytick"] text');
    add('annotation', '.annotation-text-g');
    parts.forEach((p, i) => {
      if (p.b.left < frame.left - 1 || p.b.right > frame.right + 1 ||
          p.b.top < frame.top - 1 || p.b.bottom > frame.bottom + 1)
        chart.problems.push(`${p.kind} "${p.text}" sticks out of the chart`);
      parts.slice(i + 1).forEach((q) => {
        if (p.kind === q.kind) return;
        const kinds = [p.kind, q.kind].sort().join('+');
        if (kinds === 'annotation+tick label') return;  // labels placed on purpose
        if (hit(p.b, q.b)) chart.problems.push(`${p.kind} "${p.text}" over ${q.kind} "${q.text}"`);
      });
    });
  });
  return charts;
}"""
