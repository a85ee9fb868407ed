export * from './app';
export * from './cluster';
export * from './group';
export * from './sandbox';
export * from './topic';
export * from './topic-edits';
export * from './broker';
export * from './overview';
