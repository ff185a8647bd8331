// The administrator's people pages' one door: the module that registers them.
export { PeopleModule } from './people.module.js';
