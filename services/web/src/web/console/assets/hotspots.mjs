// The hotspots map: casework's GeoJSON drawn by Leaflet (served by the console itself). The
// table on the page holds the same counts; without JavaScript the map stays hidden.
import * as L from "/static/console/leaflet/leaflet-src.esm.js";

const element = document.getElementById("hotspot-map");

async function draw() {
  const response = await fetch(element.dataset.geojson, { credentials: "same-origin" });
  if (!response.ok) return;
  const data = await response.json();
  element.hidden = false;
  const map = L.map(element, { keyboard: true });
  if (element.dataset.tiles) {
    L.tileLayer(element.dataset.tiles, { maxZoom: 19 }).addTo(map);
  }
  const layer = L.geoJSON(data, {
    filter: (feature) => feature.geometry !== null,
    pointToLayer: (feature, latlng) =>
      L.circleMarker(latlng, { radius: 4 + 3 * Math.sqrt(feature.properties.count) }),
    onEachFeature: (feature, shape) => {
      const p = feature.properties;
      shape.bindTooltip(`${p.area}: ${p.count} (${p.category.replaceAll("_", " ")}, ${p.month})`);
    },
  }).addTo(map);
  const bounds = layer.getBounds();
  if (bounds.isValid()) {
    map.fitBounds(bounds, { maxZoom: 15, padding: [20, 20] });
  } else {
    map.setView([53.41, -2.16], 11);
  }
  element.dataset.features = String(data.features.filter((f) => f.geometry !== null).length);
}

if (element) draw();
