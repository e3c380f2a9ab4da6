// The GNSS track on the configured tile server's map, drawn by Leaflet (served by this server, as window.L).
const element = document.getElementById('track-map');
const map = L.map(element);
L.tileLayer(element.dataset.tiles, { attribution: element.dataset.attribution, maxZoom: 19 }).addTo(map);
const track = L.polyline(JSON.parse(element.dataset.track), { color: '#0b57a4', weight: 4 }).addTo(map);
map.fitBounds(track.getBounds(), { padding: [20, 20], maxZoom: 18 });
