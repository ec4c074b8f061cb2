export const slaKeys = {
  policies: ['sla-policies'] as const,
};
