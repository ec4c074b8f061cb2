import { useEffect } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { LoginPage } from '../modules/auth/login-page';
import { useSession } from '../modules/auth/use-session';
import { AppShell } from './app-shell';
import { RealtimeProvider } from './realtime-provider';

export function App() {
  const session = useSession();
  const queryClient = useQueryClient();
  const userId = session?.user.id;

  // Nothing cached for one agent may leak to the next one signing in on this browser.
  useEffect(() => {
    if (userId === undefined) queryClient.clear();
  }, [userId, queryClient]);

  if (!session) return <LoginPage />;
  return (
    <RealtimeProvider key={session.user.id} user={session.user}>
      <AppShell user={session.user} />
    </RealtimeProvider>
  );
}
