export const authKeys = {
  directory: ['directory'] as const,
};
