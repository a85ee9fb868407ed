export * from './app';
export * from './cluster';
export * from './group';
export * from './sandbox';
export * from './topic';
