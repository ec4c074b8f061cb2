import { config } from 'zod';

// zod probes whether it may compile parsers with `new Function` as its first object schema is built
// (the shared schemas, at import). The server's Content-Security-Policy has no 'unsafe-eval', and the
// caught probe would still show as a policy violation; parsing gives the same results without it.
config({ jitless: true });
