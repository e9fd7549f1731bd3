// The parts of the `compression` middleware used here (its @types package
// pulls in all of Express's types).
declare module 'compression' {
  import type { IncomingMessage, ServerResponse } from 'node:http';
  interface CompressionOptions {
    threshold?: number | string;
    level?: number;
  }
  function compression(options?: CompressionOptions): (req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void) => void;
  export default compression;
}
