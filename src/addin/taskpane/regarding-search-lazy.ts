import { lazy } from 'react';

/** The record search appears only after a click, so it (and SearchBox) loads then, not with the pane. */
export const RegardingSearch = lazy(() => import(/* webpackChunkName: "regarding-search" */ './regarding-search').then((module) => ({ default: module.RegardingSearch })));
