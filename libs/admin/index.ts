// The administrator's overview page: one door, like every feature.
export { AdminModule } from './admin.module.js';
