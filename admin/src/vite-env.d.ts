/// <reference types="vite/client" />

declare module 'virtual:waypoint-schema' {
  import type { IntrospectionSchema } from 'graphql';
  /** The API's schema from ../schema.graphql at build time, or null when it was missing. */
  const schema: IntrospectionSchema | null;
  export default schema;
}
