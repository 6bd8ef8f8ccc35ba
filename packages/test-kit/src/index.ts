export * from './engines';
export * from './helm';
export * from './policies';
export * from './conformance';
export * from './differential';
export * from './pack';
export * from './kube-api';
