export function BrandMark({ size = 24 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true" className="brand-mark">
      <rect width="32" height="32" rx="8" fill="var(--brand)" />
      <path d="M9 11h14v8H14l-5 4z" fill="#fff" />
    </svg>
  );
}
