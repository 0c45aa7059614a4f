import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import { validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';

// Our routes declare zod schemas: validated by zod (errors reach the error handler as named fields) and
// turned into the OpenAPI document. They live in their own encapsulated scope so routes other parts
// register with plain JSON Schemas keep fastify's default compilers.

export type ZodApp = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, ZodTypeProvider>;

export async function withZod(app: FastifyInstance, register: (scope: ZodApp) => Promise<void> | void): Promise<void> {
  await app.register(async (scope) => {
    scope.setValidatorCompiler(validatorCompiler);
    // response schemas document the answer; bodies go out as they are (no stripping, no 500 on a stray field)
    scope.setSerializerCompiler(() => (data) => JSON.stringify(data));
    await register(scope.withTypeProvider<ZodTypeProvider>());
  });
}
