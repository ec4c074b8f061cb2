export * from './domain.js';
export * from './api.js';
export * from './events.js';
export * from './canned-responses.js';
export * from './channel-rules.js';
export * from './audit.js';
export * from './privacy.js';
export * from './dead-letters.js';
