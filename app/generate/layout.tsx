import { Suspense } from 'react';
import { GenerateNav } from '@/components/layout/nav';

export default function GenerateLayout({ children }: { children: React.ReactNode }) {
  return (
    <div className="space-y-4">
      <Suspense fallback={<div className="h-9" />}>
        <GenerateNav />
      </Suspense>
      {children}
    </div>
  );
}
