export const customerKeys = {
  detail: (id: string) => ['customers', 'detail', id] as const,
};
