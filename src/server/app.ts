import { createYoga, useReadinessCheck } from 'graphql-yoga';
import type { PrismaClient } from '../generated/prisma/client';
import type { Logger } from '../logger';
import { schema } from '../schema';
import type { Context } from './context';
import { graphiqlExamples } from './graphiql-examples';
import { useRequestLog } from './request-log';

export type AppOptions = { prisma: PrismaClient; logger: Logger };

export function createApp({ prisma, logger }: AppOptions) {
  return createYoga<Record<string, unknown>, Context>({
    schema,
    context: () => ({ prisma, logger }),
    logging: logger,
    graphqlEndpoint: '/graphql',
    healthCheckEndpoint: '/live',
    landingPage: false,
    graphiql: { title: 'Provenance knowledge base', defaultQuery: graphiqlExamples },
    plugins: [
      useReadinessCheck({
        endpoint: '/health',
        check: async () => {
          await prisma.$queryRaw`SELECT 1`;
        },
      }),
      useRequestLog(logger),
    ],
  });
}
