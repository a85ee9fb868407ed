export * from './app';
export * from './cluster';
export * from './sandbox';
export * from './topic';
export * from './broker';
export * from './overview';
