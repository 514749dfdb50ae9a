/* invdes unit-cell viewer: shaded spheres and cell edges on a 2-D canvas, drag or arrow keys to
   rotate, double click or the 0 key to reset. Data: the JSON in #invdes-cells. */
(function () {
  'use strict';
  var holder = document.getElementById('invdes-cells');
  if (!holder) { return; }
  var cells = JSON.parse(holder.textContent);
  var views = [];

  function mul(a, b) {
    var r = [[0, 0, 0], [0, 0, 0], [0, 0, 0]];
    for (var i = 0; i < 3; i++) {
      for (var j = 0; j < 3; j++) {
        r[i][j] = a[i][0] * b[0][j] + a[i][1] * b[1][j] + a[i][2] * b[2][j];
      }
    }
    return r;
  }
  function rotX(t) {
    var c = Math.cos(t), s = Math.sin(t);
    return [[1, 0, 0], [0, c, -s], [0, s, c]];
  }
  function rotY(t) {
    var c = Math.cos(t), s = Math.sin(t);
    return [[c, 0, s], [0, 1, 0], [-s, 0, c]];
  }
  function apply(m, v) {
    return [m[0][0] * v[0] + m[0][1] * v[1] + m[0][2] * v[2],
      m[1][0] * v[0] + m[1][1] * v[1] + m[1][2] * v[2],
      m[2][0] * v[0] + m[2][1] * v[1] + m[2][2] * v[2]];
  }
  function shade(hex, f) {
    var n = parseInt(hex.slice(1), 16);
    var rgb = [(n >> 16) % 256, (n >> 8) % 256, n % 256];
    var out = rgb.map(function (c) {
      return Math.round(f >= 0 ? c + (255 - c) * f : c * (1 + f));
    });
    return 'rgb(' + out.join(',') + ')';
  }
  function initial() {
    return mul(rotX(0.42), mul(rotY(-0.62), rotX(-Math.PI / 2)));
  }

  function View(canvas, cell) {
    var L = cell.lattice;
    var o = [0, 0, 0];
    var corners = [];
    for (var i = 0; i < 8; i++) {
      var p = o.slice();
      for (var k = 0; k < 3; k++) {
        if (i % (2 << k) >= (1 << k)) {
          p = [p[0] + L[k][0], p[1] + L[k][1], p[2] + L[k][2]];
        }
      }
      corners.push(p);
    }
    var centre = [0, 0, 0];
    corners.forEach(function (c) {
      centre = [centre[0] + c[0] / 8, centre[1] + c[1] / 8, centre[2] + c[2] / 8];
    });
    var edges = [];
    for (var a = 0; a < 8; a++) {
      for (var b = a + 1; b < 8; b++) {
        var d = a ^ b;
        if (d === 1 || d === 2 || d === 4) { edges.push([a, b, a === 0 ? d : 0]); }
      }
    }
    var extent = 0;
    function rel(p) { return [p[0] - centre[0], p[1] - centre[1], p[2] - centre[2]]; }
    corners.forEach(function (c) {
      var q = rel(c);
      extent = Math.max(extent, Math.sqrt(q[0] * q[0] + q[1] * q[1] + q[2] * q[2]));
    });
    cell.atoms.forEach(function (at) {
      var q = rel([at.x, at.y, at.z]);
      extent = Math.max(extent, Math.sqrt(q[0] * q[0] + q[1] * q[1] + q[2] * q[2]) + at.r);
    });
    this.canvas = canvas;
    this.cell = cell;
    this.corners = corners.map(rel);
    this.edges = edges;
    this.atoms = cell.atoms.map(function (at) {
      return { p: rel([at.x, at.y, at.z]), r: at.r, c: at.c, e: at.e, image: at.i === 1 };
    });
    this.extent = Math.max(extent, 1e-6);
    this.rot = initial();
    this.drawn = 0;
  }

  View.prototype.draw = function () {
    var canvas = this.canvas;
    var ctx = canvas.getContext('2d');
    if (!ctx) { return; }
    var dpr = window.devicePixelRatio || 1;
    var w = canvas.clientWidth || canvas.width;
    var h = canvas.clientHeight || canvas.height;
    if (canvas.width !== Math.round(w * dpr) || canvas.height !== Math.round(h * dpr)) {
      canvas.width = Math.round(w * dpr);
      canvas.height = Math.round(h * dpr);
    }
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, w, h);
    var rot = this.rot;
    var s = 0.46 * Math.min(w, h) / this.extent;
    var dist = 5 * this.extent;
    function proj(p) {
      var q = apply(rot, p);
      var f = dist / (dist - q[2]);
      return { x: w / 2 + q[0] * s * f, y: h / 2 - q[1] * s * f, z: q[2], f: f };
    }
    var pc = this.corners.map(proj);
    var axisColour = ['', '#d62728', '#2ca02c', '', '#1f63c6'];
    function edge(e, front) {
      var mid = (pc[e[0]].z + pc[e[1]].z) / 2;
      if ((mid >= 0) !== front) { return; }
      ctx.beginPath();
      ctx.moveTo(pc[e[0]].x, pc[e[0]].y);
      ctx.lineTo(pc[e[1]].x, pc[e[1]].y);
      ctx.strokeStyle = e[2] ? axisColour[e[2]] : (front ? '#38445a' : '#9aa4b5');
      ctx.lineWidth = e[2] ? 2 : (front ? 1.3 : 1);
      ctx.stroke();
    }
    ctx.lineCap = 'round';
    this.edges.forEach(function (e) { edge(e, false); });
    var items = this.atoms.map(function (a) {
      var q = proj(a.p);
      return { x: q.x, y: q.y, z: q.z, r: a.r * s * q.f, c: a.c, image: a.image };
    });
    items.sort(function (u, v) { return u.z - v.z; });
    var n = 0;
    items.forEach(function (a) {
      var g = ctx.createRadialGradient(a.x - 0.35 * a.r, a.y - 0.38 * a.r, 0.08 * a.r,
        a.x, a.y, a.r);
      g.addColorStop(0, shade(a.c, 0.75));
      g.addColorStop(0.45, a.c);
      g.addColorStop(1, shade(a.c, -0.5));
      ctx.globalAlpha = a.image ? 0.8 : 1;
      ctx.beginPath();
      ctx.arc(a.x, a.y, Math.max(a.r, 0.5), 0, 2 * Math.PI);
      ctx.fillStyle = g;
      ctx.fill();
      ctx.lineWidth = 0.6;
      ctx.strokeStyle = 'rgba(0,0,0,0.35)';
      ctx.stroke();
      ctx.globalAlpha = 1;
      n++;
    });
    this.edges.forEach(function (e) { edge(e, true); });
    ctx.font = '600 12px system-ui, sans-serif';
    [[1, 'a'], [2, 'b'], [4, 'c']].forEach(function (ax) {
      var p = pc[ax[0]];
      ctx.fillStyle = axisColour[ax[0]];
      ctx.fillText(ax[1], p.x + 4, p.y - 4);
    });
    this.drawn = n;
  };

  View.prototype.rotate = function (dx, dy) {
    this.rot = mul(rotX(dy), mul(rotY(dx), this.rot));
    this.draw();
  };

  function attach(view) {
    var c = view.canvas;
    var last = null;
    c.addEventListener('pointerdown', function (ev) {
      last = [ev.clientX, ev.clientY];
      c.setPointerCapture(ev.pointerId);
      c.style.cursor = 'grabbing';
    });
    c.addEventListener('pointermove', function (ev) {
      if (!last) { return; }
      view.rotate((ev.clientX - last[0]) * 0.01, (ev.clientY - last[1]) * 0.01);
      last = [ev.clientX, ev.clientY];
    });
    function end() { last = null; c.style.cursor = ''; }
    c.addEventListener('pointerup', end);
    c.addEventListener('pointercancel', end);
    c.addEventListener('dblclick', function () { view.rot = initial(); view.draw(); });
    c.addEventListener('keydown', function (ev) {
      var step = 0.12;
      var moves = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step],
        ArrowDown: [0, step] };
      if (moves[ev.key]) {
        view.rotate(moves[ev.key][0], moves[ev.key][1]);
        ev.preventDefault();
      } else if (ev.key === '0') {
        view.rot = initial();
        view.draw();
      }
    });
  }

  var canvases = document.querySelectorAll('canvas.cell-view');
  for (var i = 0; i < canvases.length; i++) {
    var idx = parseInt(canvases[i].getAttribute('data-cell'), 10);
    if (cells[idx]) {
      var v = new View(canvases[i], cells[idx]);
      views.push(v);
      attach(v);
      v.draw();
    }
  }
  window.addEventListener('resize', function () {
    views.forEach(function (v) { v.draw(); });
  });
  window.invdesReport = {
    views: function () { return views.length; },
    atomsDrawn: function () {
      return views.reduce(function (t, v) { return t + v.drawn; }, 0);
    }
  };
}());
