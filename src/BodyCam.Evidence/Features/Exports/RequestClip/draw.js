// Rectangles to blur, drawn by dragging on the blank frame or typed in the table's rows: the rows are the request,
// the drawing only shows them to scale. Coordinates are whole pixels of the recorded frame, as RequestClip takes them.
const minimumSide = 8;
const frame = document.getElementById('frame');
const drawn = document.getElementById('frame-rectangles');
const blurs = document.querySelector('#blurs tbody');
const mutes = document.querySelector('#mutes tbody');
const frameWidth = document.getElementById('FrameWidth');
const frameHeight = document.getElementById('FrameHeight');
const svg = 'http://www.w3.org/2000/svg';

const field = (row, name) => row.querySelector(`input[name$=".${name}"]`);
const number = input => (input.value === '' ? null : Number(input.value));
const isBlank = row => [...row.querySelectorAll('input[type=number]')].every(input => input.value === '');

// A new row is the last one renumbered: its name (Blurs[2].X), id and label follow the row's place, and so does the
// hidden __Invariant input beside each number, which names the field ASP.NET reads without the server's culture.
function addRow(body) {
    const last = body.rows[body.rows.length - 1];
    const row = last.cloneNode(true);
    const index = body.rows.length;
    for (const invariant of row.querySelectorAll('input[type=hidden]')) {
        invariant.value = invariant.value.replace(/\[\d+\]/, `[${index}]`);
    }
    for (const input of row.querySelectorAll('input[type=number]')) {
        input.name = input.name.replace(/\[\d+\]/, `[${index}]`);
        input.id = input.id.replace(/_\d+__/, `_${index}__`);
        input.setAttribute('aria-label', input.getAttribute('aria-label').replace(/\d+/, String(index + 1)));
        input.value = '';
    }
    body.appendChild(row);
    return row;
}

function sizeFrame() {
    const width = Math.max(minimumSide, number(frameWidth) ?? minimumSide);
    const height = Math.max(minimumSide, number(frameHeight) ?? minimumSide);
    frame.setAttribute('viewBox', `0 0 ${width} ${height}`);
}

function redraw() {
    drawn.replaceChildren();
    for (const row of blurs.rows) {
        const [x, y, width, height] = ['X', 'Y', 'Width', 'Height'].map(name => number(field(row, name)));
        if ([x, y, width, height].some(value => value === null)) continue;
        const rect = document.createElementNS(svg, 'rect');
        rect.setAttribute('class', 'frame-rectangle');
        rect.setAttribute('x', x);
        rect.setAttribute('y', y);
        rect.setAttribute('width', width);
        rect.setAttribute('height', height);
        drawn.appendChild(rect);
    }
}

function framePoint(event) {
    const point = new DOMPoint(event.clientX, event.clientY).matrixTransform(frame.getScreenCTM().inverse());
    const box = frame.viewBox.baseVal;
    return { x: Math.round(Math.min(Math.max(point.x, 0), box.width)), y: Math.round(Math.min(Math.max(point.y, 0), box.height)) };
}

function rectangleOf(from, to) {
    return { x: Math.min(from.x, to.x), y: Math.min(from.y, to.y), width: Math.abs(to.x - from.x), height: Math.abs(to.y - from.y) };
}

let start = null;
let sketch = null;

frame.addEventListener('pointerdown', event => {
    start = framePoint(event);
    frame.setPointerCapture(event.pointerId);
    sketch = document.createElementNS(svg, 'rect');
    sketch.setAttribute('class', 'frame-rectangle frame-sketch');
    drawn.appendChild(sketch);
    event.preventDefault();
});

frame.addEventListener('pointermove', event => {
    if (!start) return;
    const rectangle = rectangleOf(start, framePoint(event));
    for (const [name, value] of Object.entries(rectangle)) sketch.setAttribute(name, value);
});

frame.addEventListener('pointerup', event => {
    if (!start) return;
    const rectangle = rectangleOf(start, framePoint(event));
    start = null;
    sketch.remove();
    if (rectangle.width < minimumSide || rectangle.height < minimumSide) return;
    const row = [...blurs.rows].find(isBlank) ?? addRow(blurs);
    field(row, 'StartSeconds').value = document.getElementById('StartSeconds').value;
    field(row, 'EndSeconds').value = document.getElementById('EndSeconds').value;
    field(row, 'X').value = rectangle.x;
    field(row, 'Y').value = rectangle.y;
    field(row, 'Width').value = rectangle.width;
    field(row, 'Height').value = rectangle.height;
    redraw();
});

for (const [button, body] of [['add-blur', blurs], ['add-mute', mutes]]) {
    const add = document.getElementById(button);
    add.hidden = false;
    add.addEventListener('click', () => field(addRow(body), 'StartSeconds').focus());
}
frameWidth.addEventListener('input', sizeFrame);
frameHeight.addEventListener('input', sizeFrame);
blurs.addEventListener('input', redraw);
sizeFrame();
redraw();
