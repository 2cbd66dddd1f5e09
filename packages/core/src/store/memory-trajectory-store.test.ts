import { storeContract } from '../testing/store-contract.js';
import { createMemoryTrajectoryStore } from './memory-trajectory-store.js';

storeContract({ name: 'memory', createStore: () => createMemoryTrajectoryStore() });
