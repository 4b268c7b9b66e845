export * from './seal.events';
export * from './seal.state';
export * from './seal.errors';
export * from './seal.decide';
export * from './seal.decider';
