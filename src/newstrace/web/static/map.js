/*
 * newstrace: the event place map on a dossier page.
 *
 * Reads everything from the data-* attributes of div#map.nt-map (written by _map.html)
 * and draws,
 * with the vendored Leaflet:
 *   - the world basemap: country outlines from data-basemap (same-origin GeoJSON, Natural
 *     Earth 1:110m), under the tiles if any, so the map works with no network at all;
 *   - tiles only when the operator configured a URL template (data-tiles);
 *   - the place as a circle marker (class nt-place-marker) with its name, and a circle
 *     showing how precisely it is known (class nt-precision): town 5 km, district 25 km,
 *     province 100 km, country 400 km;
 * then fits the view to the precision circle with some surroundings and sets
 * data-ready="1" on #map (also when the basemap cannot be loaded: data-basemap-error says
 * why). Fetches nothing but the basemap URL, and only when it is same-origin.
 * No eval, no inline HTML from data: labels go in as text nodes.
 */
(function () {
  'use strict';

  var RADIUS_M = { town: 5000, district: 25000, province: 100000, country: 400000 };
  // Half the side of the area shown around the place: at least this much, so a town
  // still shows its region; the coarse basemap has nothing to show closer than that.
  var MIN_VIEW_M = { basemap: 350000, tiles: 15000 };
  var MAX_ZOOM = { basemap: 7, tiles: 13 };

  function finish(el, error) {
    if (error) {
      el.setAttribute('data-basemap-error', error);
    }
    el.setAttribute('data-ready', '1');
  }

  function sameOriginUrl(raw) {
    if (!raw) {
      return null;
    }
    try {
      var url = new URL(raw, window.location.href);
      return url.origin === window.location.origin ? url.href : null;
    } catch (e) {
      return null;
    }
  }

  function textNode(text) {
    var span = document.createElement('span');
    span.textContent = text;
    return span;
  }

  async function loadBasemap(map, url) {
    var response = await fetch(url, { credentials: 'same-origin', redirect: 'error' });
    if (!response.ok) {
      throw new Error('HTTP ' + response.status);
    }
    var data = await response.json();
    L.geoJSON(data, {
      pane: 'nt-basemap',
      interactive: false,
      attribution: 'Natural Earth',
      style: function () {
        return {
          className: 'nt-land',
          color: '#a8a293',
          weight: 0.6,
          fillColor: '#ecebe4',
          fillOpacity: 1
        };
      }
    }).addTo(map);
  }

  function draw(el) {
    var lat = parseFloat(el.getAttribute('data-lat'));
    var lon = parseFloat(el.getAttribute('data-lon'));
    if (!isFinite(lat) || !isFinite(lon)) {
      el.setAttribute('data-map-error', 'no coordinates');
      finish(el, null);
      return;
    }
    var tiles = (el.getAttribute('data-tiles') || '').trim();
    var mode = tiles ? 'tiles' : 'basemap';
    var precision = el.getAttribute('data-precision') || '';
    var radius = Object.prototype.hasOwnProperty.call(RADIUS_M, precision) ? RADIUS_M[precision] : 0;
    var label = el.getAttribute('data-label') || '';

    var map = L.map(el, {
      scrollWheelZoom: false,
      worldCopyJump: false,
      zoomSnap: 0.5,
      maxZoom: MAX_ZOOM[mode] + 5,
      minZoom: 1
    });
    map.attributionControl.setPrefix(false);
    // The basemap sits below the tile pane (z-index 200), so tiles, when they load,
    // cover it, and when they do not, the outlines remain.
    var pane = map.createPane('nt-basemap');
    pane.style.zIndex = '150';
    pane.style.pointerEvents = 'none';

    var centre = L.latLng(lat, lon);
    var viewHalf = Math.max(radius * 3, MIN_VIEW_M[mode]);
    map.fitBounds(centre.toBounds(viewHalf * 2), { maxZoom: MAX_ZOOM[mode], animate: false });

    if (tiles) {
      var attribution = el.getAttribute('data-attribution') || '';
      // Leaflet puts attributions in as HTML: escape the operator's text first.
      var safe = attribution.replace(/[&<>"']/g, function (c) {
        return '&#' + c.charCodeAt(0) + ';';
      });
      L.tileLayer(tiles, { attribution: safe, maxZoom: 19 }).addTo(map);
    }

    if (radius) {
      L.circle(centre, {
        radius: radius,
        className: 'nt-precision',
        color: '#b4532a',
        weight: 1.5,
        fillColor: '#b4532a',
        fillOpacity: 0.12,
        interactive: false
      }).addTo(map);
    }
    var marker = L.circleMarker(centre, {
      radius: 6,
      className: 'nt-place-marker',
      color: '#ffffff',
      weight: 2,
      fillColor: '#8f2d12',
      fillOpacity: 1
    }).addTo(map);
    if (label) {
      marker.bindTooltip(textNode(label), {
        permanent: true,
        direction: 'top',
        offset: [0, -8],
        className: 'nt-place-label'
      });
    }

    var basemap = sameOriginUrl(el.getAttribute('data-basemap'));
    if (!basemap) {
      finish(el, el.getAttribute('data-basemap') ? 'not same-origin' : 'no basemap url');
      return;
    }
    loadBasemap(map, basemap).then(
      function () { finish(el, null); },
      function (err) { finish(el, String((err && err.message) || err || 'failed')); }
    );
  }

  function start() {
    // The map element by its class and data, not only by id: the page may give its
    // enclosing section an id of its own.
    var el = document.querySelector('div.nt-map[data-lat]');
    if (!el || el.getAttribute('data-ready')) {
      return;
    }
    if (typeof L === 'undefined') {
      el.setAttribute('data-map-error', 'Leaflet not loaded');
      finish(el, null);
      return;
    }
    try {
      draw(el);
    } catch (err) {
      el.setAttribute('data-map-error', String((err && err.message) || err));
      finish(el, null);
    }
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
