// Draws every chart container of the Occam report from the inlined chart data, with Apache ECharts'
// SVG renderer, and records on each container whether it drew (data-chart-status), for people and tests.
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('occam-data').textContent);
  var COLORS = { chosen: '#1e7a46', other: '#2f5d9e', ineligible: '#9aa3b2', complex: '#c2410c', line: '#b3261e' };
  var BASE = { animation: false, textStyle: { fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif' } };

  function fmt(v) { return Math.abs(v) >= 1000 ? Math.round(v).toLocaleString('en') : Number(v.toPrecision(3)).toString(); }

  function errorBars(color) {
    return {
      type: 'custom', silent: true, z: 1,
      itemStyle: { color: color },
      renderItem: function (params, api) {
        var x = api.value(0), low = api.coord([x, api.value(1)]), high = api.coord([x, api.value(2)]);
        var cap = 4, style = { stroke: api.visual('color'), lineWidth: 1.5 };
        return { type: 'group', children: [
          { type: 'line', shape: { x1: low[0], y1: low[1], x2: high[0], y2: high[1] }, style: style },
          { type: 'line', shape: { x1: low[0] - cap, y1: low[1], x2: low[0] + cap, y2: low[1] }, style: style },
          { type: 'line', shape: { x1: high[0] - cap, y1: high[1], x2: high[0] + cap, y2: high[1] }, style: style }
        ] };
      }
    };
  }

  var draw = {
    leaderboard: function () {
      var rows = data.leaderboard;
      var colorOf = function (c) { return c.chosen ? COLORS.chosen : c.eligible ? COLORS.other : COLORS.ineligible; };
      var bars = errorBars(COLORS.other);
      bars.data = rows.map(function (c) {
        return { value: [c.parameters, c.mean - c.std, c.mean + c.std], itemStyle: { color: colorOf(c) } };
      });
      return {
        grid: { left: 64, right: 32, top: 24, bottom: 56 },
        tooltip: { trigger: 'item', formatter: function (p) {
          var c = rows[p.dataIndex];
          return c.model + ' (rung ' + c.rung + ')<br>' + data.metric + ' ' + fmt(c.mean) + ' ± ' + fmt(c.std)
            + '<br>' + fmt(c.parameters) + ' parameters';
        } },
        xAxis: { type: 'log', name: 'parameters (log scale)', nameLocation: 'middle', nameGap: 32, logBase: 10 },
        yAxis: { type: 'value', name: data.metric, scale: true },
        series: [bars, {
          type: 'scatter', symbolSize: 11, z: 2,
          data: rows.map(function (c) {
            return { value: [c.parameters, c.mean], name: c.model, itemStyle: { color: colorOf(c) },
              symbol: c.chosen ? 'diamond' : 'circle', symbolSize: c.chosen ? 18 : 11 };
          }),
          label: { show: true, position: 'right', formatter: function (p) { return p.name; }, fontSize: 11, color: '#1d2430' },
          labelLayout: { hideOverlap: true }
        }]
      };
    },
    roc: function () {
      return {
        title: { text: 'ROC (held-out)', left: 'center', textStyle: { fontSize: 14 } },
        grid: { left: 56, right: 24, top: 40, bottom: 72 },
        legend: { bottom: 0 },
        tooltip: { trigger: 'axis' },
        xAxis: { type: 'value', min: 0, max: 1, name: 'false positive rate', nameLocation: 'middle', nameGap: 28 },
        yAxis: { type: 'value', min: 0, max: 1, name: 'true positive rate' },
        series: data.curves.map(function (c, i) {
          return { type: 'line', name: c.model + ' (AUC ' + fmt(c.auc) + ')', showSymbol: false, data: c.roc,
            lineStyle: { width: 2 }, color: i === 0 ? COLORS.chosen : COLORS.complex };
        }).concat([{ type: 'line', name: 'chance', data: [[0, 0], [1, 1]], showSymbol: false, silent: true,
          lineStyle: { type: 'dashed', width: 1 }, color: COLORS.ineligible }])
      };
    },
    calibration: function () {
      return {
        title: { text: 'Calibration (held-out)', left: 'center', textStyle: { fontSize: 14 } },
        grid: { left: 56, right: 24, top: 40, bottom: 72 },
        legend: { bottom: 0 },
        tooltip: { trigger: 'item', formatter: function (p) {
          return p.seriesName + '<br>mean score ' + fmt(p.value[0]) + ', observed ' + fmt(p.value[1]) + '<br>' + p.value[2] + ' predictions';
        } },
        xAxis: { type: 'value', min: 0, max: 1, name: 'mean predicted probability', nameLocation: 'middle', nameGap: 28 },
        yAxis: { type: 'value', min: 0, max: 1, name: 'observed rate' },
        series: data.curves.map(function (c, i) {
          return { type: 'line', name: c.model, symbolSize: 7, color: i === 0 ? COLORS.chosen : COLORS.complex,
            data: c.calibration.map(function (b) { return [b.mean_score, b.observed_rate, b.predictions]; }) };
        }).concat(data.curves.filter(function (c) { return c.calibration_after; }).map(function (c) {
          return { type: 'line', name: c.model + ' + ' + c.calibrator + ' (inside the folds)', symbolSize: 7,
            color: COLORS.chosen, lineStyle: { type: 'dotted', width: 2 },
            data: c.calibration_after.map(function (b) { return [b.mean_score, b.observed_rate, b.predictions]; }) };
        })).concat([{ type: 'line', name: 'perfect', data: [[0, 0], [1, 1]], showSymbol: false, silent: true,
          lineStyle: { type: 'dashed', width: 1 }, color: COLORS.ineligible }])
      };
    },
    importance: function () {
      var rows = data.importance.slice().reverse();
      var bars = errorBars('#1d2430');
      bars.data = rows.map(function (r, i) { return [i, r.mean_drop - r.sd, r.mean_drop + r.sd]; });
      bars.renderItem = function (params, api) {
        var y = api.value(0), low = api.coord([api.value(1), y]), high = api.coord([api.value(2), y]);
        var style = { stroke: '#1d2430', lineWidth: 1.2 };
        return { type: 'group', children: [
          { type: 'line', shape: { x1: low[0], y1: low[1], x2: high[0], y2: high[1] }, style: style },
          { type: 'line', shape: { x1: low[0], y1: low[1] - 4, x2: low[0], y2: low[1] + 4 }, style: style },
          { type: 'line', shape: { x1: high[0], y1: high[1] - 4, x2: high[0], y2: high[1] + 4 }, style: style }
        ] };
      };
      bars.encode = { x: [1, 2], y: 0 };
      return {
        grid: { left: 16, right: 32, top: 16, bottom: 48, containLabel: true },
        tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
        xAxis: { type: 'value', name: 'drop in ' + data.metric + ' when shuffled (± sd)', nameLocation: 'middle', nameGap: 28 },
        yAxis: { type: 'category', data: rows.map(function (r) { return r.feature; }),
          axisLabel: { interval: 0, width: 180, overflow: 'truncate' } },
        series: [{ type: 'bar', data: rows.map(function (r) { return r.mean_drop; }), color: COLORS.other, barWidth: '60%' }, bars]
      };
    },
    predicted: function () {
      var r = data.regression;
      var all = r.predicted_actual.reduce(function (acc, p) { return acc.concat(p); }, []);
      var lo = Math.min.apply(null, all), hi = Math.max.apply(null, all);
      return {
        title: { text: 'Predicted against actual (held-out)', left: 'center', textStyle: { fontSize: 14 } },
        grid: { left: 16, right: 24, top: 40, bottom: 48, containLabel: true },
        tooltip: { trigger: 'item', formatter: function (p) {
          return p.seriesName === 'exact' ? 'exact' : 'predicted ' + fmt(p.value[0]) + '<br>actual ' + fmt(p.value[1]); } },
        xAxis: { type: 'value', scale: true, name: 'predicted', nameLocation: 'middle', nameGap: 28, axisLabel: { formatter: fmt } },
        yAxis: { type: 'value', scale: true, name: 'actual', axisLabel: { formatter: fmt } },
        series: [{ type: 'scatter', name: r.model, data: r.predicted_actual, symbolSize: 4, color: COLORS.other,
            itemStyle: { opacity: 0.5 } },
          { type: 'line', name: 'exact', data: [[lo, lo], [hi, hi]], showSymbol: false, silent: true,
            lineStyle: { type: 'dashed', width: 1 }, color: COLORS.line }]
      };
    },
    residuals: function () {
      var h = data.regression.residuals;
      var labels = h.counts.map(function (c, k) { return fmt(h.min + (k + 0.5) * h.bin_width); });
      return {
        title: { text: 'Residuals (actual − predicted)', left: 'center', textStyle: { fontSize: 14 } },
        grid: { left: 16, right: 24, top: 40, bottom: 48, containLabel: true },
        tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
        xAxis: { type: 'category', data: labels, name: 'residual', nameLocation: 'middle', nameGap: 28 },
        yAxis: { type: 'value', name: 'rows' },
        series: [{ type: 'bar', data: h.counts, color: COLORS.other, barWidth: '90%' }]
      };
    },
    fairness: function (i) {
      var a = data.fairness[i];
      return {
        grid: { left: 56, right: 140, top: 24, bottom: 40 },
        tooltip: { trigger: 'item', formatter: function (p) {
          var g = a.groups[p.dataIndex];
          return g.group + ': ' + fmt(g.rate) + ' favourable, ' + g.rows + ' rows' + (g.compared ? '' : ' (too small to compare)');
        } },
        xAxis: { type: 'category', data: a.groups.map(function (g) { return g.group; }), axisLabel: { interval: 0 } },
        yAxis: { type: 'value', min: 0, max: 1, name: 'favourable-decision rate', nameTextStyle: { align: 'left' } },
        series: [{
          type: 'bar', barMaxWidth: 56,
          data: a.groups.map(function (g) {
            return { value: g.rate, itemStyle: { color: !g.compared ? COLORS.ineligible : a.line !== null && g.rate < a.line ? COLORS.line : COLORS.other } };
          }),
          label: { show: true, position: 'top', formatter: function (p) { return fmt(p.value); } },
          markLine: a.line === null ? undefined : { symbol: 'none', silent: true, lineStyle: { color: COLORS.line, type: 'dashed', width: 2 },
            label: { formatter: fmt(a.bound) + ' × highest rate', position: 'end' },
            data: [{ yAxis: a.line }] }
        }]
      };
    },
    proxies: function (i) {
      var p = data.proxies[i];
      var rows = p.features.slice(0, 10).reverse();
      return {
        grid: { left: 110, right: 32, top: 16, bottom: 40 },
        tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
        xAxis: { type: 'value', name: p.measure + ' predicting ' + p.attribute, nameLocation: 'middle', nameGap: 26 },
        yAxis: { type: 'category', data: rows.map(function (f) { return f.feature; }) },
        series: [{ type: 'bar', barWidth: '60%', data: rows.map(function (f) {
          return { value: f.score, itemStyle: { color: f.strong ? COLORS.line : COLORS.other } };
        }) }]
      };
    },
    stability: function () {
      var rows = data.stability;
      var bars = errorBars(COLORS.other);
      bars.data = rows.map(function (r, i) { return [i, r.stability - r.sd, r.stability + r.sd]; });
      return {
        grid: { left: 56, right: 24, top: 40, bottom: 48 },
        tooltip: { trigger: 'item', formatter: function (p) {
          var r = rows[p.dataIndex];
          return r.method + ' (' + r.segments + ' segments)<br>stability ' + fmt(r.stability) + ' ± ' + fmt(r.sd);
        } },
        xAxis: { type: 'category', data: rows.map(function (r) { return r.method + ' (' + r.segments + ')'; }) },
        yAxis: { type: 'value', min: 0, max: 1, name: 'stability (adjusted Rand index)', nameTextStyle: { align: 'left' } },
        series: [{ type: 'bar', barMaxWidth: 64, data: rows.map(function (r) {
          return { value: r.stability, itemStyle: { color: r.chosen ? COLORS.chosen : COLORS.other } };
        }) }, bars]
      };
    },
    segments: function () {
      var s = data.segments;
      return {
        grid: { left: 56, right: 24, top: 40, bottom: 72 },
        legend: { bottom: 0 },
        tooltip: { trigger: 'item', formatter: function (p) { return p.seriesName; } },
        xAxis: { type: 'value', name: s.axis_names[0], nameLocation: 'middle', nameGap: 28, scale: true },
        yAxis: { type: 'value', name: s.axis_names[1], scale: true },
        series: s.groups.map(function (g) {
          return { type: 'scatter', name: g.name, symbolSize: 5, data: g.points, large: g.points.length > 2000 };
        })
      };
    },
    histogram: function (i) {
      var h = data.histograms[i];
      var labels = h.counts.map(function (_, k) { return fmt(h.min + k * h.bin_width); });
      return {
        title: { text: h.column, left: 'center', top: 0, textStyle: { fontSize: 13 } },
        grid: { left: 44, right: 12, top: 28, bottom: 28 },
        tooltip: { trigger: 'axis', formatter: function (ps) {
          var k = ps[0].dataIndex;
          return fmt(h.min + k * h.bin_width) + ' to ' + fmt(h.min + (k + 1) * h.bin_width) + ': ' + h.counts[k] + ' rows';
        } },
        xAxis: { type: 'category', data: labels, axisLabel: { fontSize: 10 } },
        yAxis: { type: 'value', axisLabel: { fontSize: 10 } },
        series: [{ type: 'bar', data: h.counts, barCategoryGap: '4%', color: COLORS.other }]
      };
    }
  };

  // A forecast: the history, the point forecast, and its 80% and 95% intervals as bands (each band is a
  // transparent lower line with the width stacked on it).
  draw.forecast = function (index) {
    var f = data.forecasts[index];
    var times = f.times.concat(f.future_times);
    var pad = function (values) { return f.times.map(function () { return null; }).concat(values); };
    var width = function (lo, hi) { return pad(hi.map(function (v, k) { return v - lo[k]; })); };
    var band = function (name, stack, lo, hi, opacity) {
      return [
        { name: name, type: 'line', stack: stack, data: pad(lo), lineStyle: { opacity: 0 }, symbol: 'none',
          silent: true, tooltip: { show: false } },
        { name: name, type: 'line', stack: stack, data: width(lo, hi), lineStyle: { opacity: 0 }, symbol: 'none',
          areaStyle: { color: COLORS.other, opacity: opacity }, silent: true, tooltip: { show: false } }
      ];
    };
    var history = f.history.slice();
    return {
      title: { text: f.key ? f.key : 'forecast', left: 'center', textStyle: { fontSize: 14 } },
      grid: { left: 64, right: 24, top: 40, bottom: 56 },
      legend: { bottom: 0, data: ['history', 'forecast', '80% interval', '95% interval'] },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: times, boundaryGap: false },
      yAxis: { type: 'value', scale: true },
      series: band('95% interval', 'b95', f.lower95, f.upper95, 0.15)
        .concat(band('80% interval', 'b80', f.lower80, f.upper80, 0.3))
        .concat([
          { name: 'history', type: 'line', data: history, symbol: 'none', color: '#1d2430' },
          { name: 'forecast', type: 'line', data: pad(f.forecast), symbol: 'none', color: COLORS.chosen,
            lineStyle: { width: 2 } }
        ])
    };
  };

  var containers = document.querySelectorAll('[data-chart]');
  Array.prototype.forEach.call(containers, function (el) {
    var kind = el.getAttribute('data-chart');
    try {
      var option = draw[kind](Number(el.getAttribute('data-index')));
      var chart = echarts.init(el, null, { renderer: 'svg' });
      chart.setOption(Object.assign({}, BASE, option));
      window.addEventListener('resize', function () { chart.resize(); });
      window.addEventListener('beforeprint', function () { chart.resize(); });
      var svg = el.querySelector('svg');
      el.setAttribute('data-chart-status', svg && svg.childElementCount > 0 ? 'drawn' : 'empty');
    } catch (e) {
      el.setAttribute('data-chart-status', 'failed');
      console.error('chart ' + kind + ' failed: ' + e);
    }
  });
  document.body.setAttribute('data-charts-done', String(containers.length));
})();
