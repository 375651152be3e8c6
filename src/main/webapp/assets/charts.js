/*
 * Small live line charts in SVG, drawn with the DOM (no library, no inline script): the admin
 * console's per-node figures and the dashboard demo's statistics over time.
 * appClusterCharts.draw(figure, series, spanMillis): figure holds an <svg>; each series is
 * { name, points: [[timeMillis, value|null], ...] }; the x axis ends now and reaches back to the
 * oldest point, at least a minute and at most spanMillis (a new cluster's lines fill the chart, not
 * its last pixels); the y axis runs from 0 to the highest value shown. A gap (null) breaks the line.
 */
(function () {
    'use strict';

    const SVG = 'http://www.w3.org/2000/svg';
    const WIDTH = 300;
    const HEIGHT = 80;
    const MIN_SPAN_MILLIS = 60 * 1000;

    function svgElement(tag, attributes) {
        const element = document.createElementNS(SVG, tag);
        Object.entries(attributes).forEach(([name, value]) => element.setAttribute(name, String(value)));
        return element;
    }

    /** Runs of consecutive points with values, each becoming one polyline. */
    function runs(points) {
        const result = [];
        let current = [];
        for (const point of points) {
            if (point[1] === null || point[1] === undefined || Number.isNaN(point[1])) {
                if (current.length) {
                    result.push(current);
                }
                current = [];
            } else {
                current.push(point);
            }
        }
        if (current.length) {
            result.push(current);
        }
        return result;
    }

    function format(value) {
        return value >= 100 ? String(Math.round(value)) : String(Math.round(value * 10) / 10);
    }

    function draw(figure, series, spanMillis) {
        const svg = figure.querySelector('svg');
        const end = Date.now();
        const oldest = Math.min(end - MIN_SPAN_MILLIS, ...series.flatMap(line => line.points.map(point => point[0])));
        const start = Math.max(end - spanMillis, oldest);
        const width = end - start;
        const shown = series.map(line => ({ name: line.name, points: line.points.filter(point => point[0] >= start) }));
        const values = shown.flatMap(line => line.points.map(point => point[1]).filter(value => typeof value === 'number'));
        const max = values.length ? Math.max(...values) : 0;
        const top = max > 0 ? max * 1.1 : 1;
        svg.setAttribute('viewBox', `0 0 ${WIDTH} ${HEIGHT}`);
        svg.setAttribute('preserveAspectRatio', 'none');
        const children = [svgElement('line', { x1: 0, y1: HEIGHT - 0.5, x2: WIDTH, y2: HEIGHT - 0.5, class: 'chart-axis' })];
        shown.forEach((line, index) => {
            runs(line.points).forEach(run => {
                const coordinates = run.map(([time, value]) =>
                    `${((time - start) / width * WIDTH).toFixed(1)},${(HEIGHT - value / top * HEIGHT).toFixed(1)}`);
                if (coordinates.length === 1) {
                    coordinates.push(coordinates[0]);
                }
                const polyline = svgElement('polyline', { points: coordinates.join(' '), class: `chart-line series-${index % 4}` });
                polyline.dataset.series = line.name;
                children.push(polyline);
            });
        });
        svg.replaceChildren(...children);
        figure.dataset.max = String(max);
        figure.dataset.points = String(shown.reduce((sum, line) => sum + line.points.filter(point => typeof point[1] === 'number').length, 0));
        const legend = figure.querySelector('.chart-legend');
        if (legend) {
            legend.replaceChildren(...shown.map((line, index) => {
                const last = [...line.points].reverse().find(point => typeof point[1] === 'number');
                const item = document.createElement('span');
                item.className = `series-${index % 4}`;
                item.textContent = `${line.name}: ${last ? format(last[1]) : '–'}`;
                return item;
            }), Object.assign(document.createElement('span'), { className: 'meta', textContent: `max ${format(max)}` }));
        }
    }

    window.appClusterCharts = { draw };
}());
