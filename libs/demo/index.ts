export { DemoModule } from './demo.module.js';
export { DEMO_PASSWORD, type DemoLogin, type DemoResult, DemoService } from './demo.service.js';
