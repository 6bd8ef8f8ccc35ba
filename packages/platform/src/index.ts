export * from './argo';
export * from './build';
export * from './compose';
export * from './features';
export * from './load';
export * from './plan';
export * from './render';
export { main } from './cli/main';
export * from './artifacts';
