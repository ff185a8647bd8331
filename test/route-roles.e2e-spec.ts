import { MetadataScanner, ModulesContainer, Reflector } from '@nestjs/core';
import { IS_PUBLIC } from '../libs/auth/index.js';
import { ROLES } from '../libs/org/index.js';
import { sqliteTestUrl, startTestApp, type TestApp } from './support/test-app.js';

/**
 * Every route declares who may call it: the roles, or that it is public. The guard refuses a
 * route that declares neither, and this test names any such route before a user meets it.
 */
describe('every route declares its roles', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp(sqliteTestUrl('route-roles'));
  });

  afterAll(async () => {
    await t?.close();
  });

  it('finds no route without @Roles or @Public, and only login, choosing a password and health are public', () => {
    const reflector = t.app.get(Reflector);
    const scanner = new MetadataScanner();
    const undeclared: string[] = [];
    const open: string[] = [];
    const controllers = [...t.app.get(ModulesContainer).values()].flatMap((module) => [
      ...module.controllers.values(),
    ]);
    expect(controllers.length).toBeGreaterThan(3);
    for (const wrapper of controllers) {
      const type = wrapper.metatype as (new (...args: never[]) => object) | undefined;
      if (!type) continue;
      for (const name of scanner.getAllMethodNames(type.prototype)) {
        const handler = (type.prototype as Record<string, () => unknown>)[name];
        if (Reflect.getMetadata('method', handler) === undefined) continue;
        const label = `${type.name}.${name}`;
        if (reflector.getAllAndOverride(IS_PUBLIC, [handler, type])) open.push(label);
        else if (!reflector.getAllAndOverride<string[]>(ROLES, [handler, type])?.length)
          undeclared.push(label);
      }
    }
    expect(undeclared).toEqual([]);
    expect(open.sort()).toEqual([
      'AuthController.changePassword',
      'AuthController.login',
      'HealthController.health',
      'SignInController.signIn',
      'SignInController.signInPage',
    ]);
  });
});
