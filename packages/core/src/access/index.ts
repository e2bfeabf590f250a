// The access context's pure algorithms: road graphs, travel times, isochrones, coverage, 2SFCA, placement.
export * from './ch.ts';
export * from './coverage.ts';
export * from './dijkstra.ts';
export * from './fca.ts';
export * from './geo.ts';
export * from './geojson.ts';
export * from './graph.ts';
export * from './isochrone.ts';
export * from './matrix.ts';
export * from './osm-lines.ts';
export * from './placement.ts';
export * from './placement-heuristic.ts';
export * from './placement-solve.ts';
export * from './profiles.ts';
export * from './snap.ts';
export * from './synthetic-network.ts';
