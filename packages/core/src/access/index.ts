// The access context's pure algorithms: road graphs, travel times, isochrones, coverage, 2SFCA, placement.
export {};
