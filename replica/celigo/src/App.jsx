// Routes, as the real app has them (facts, section 4 "Routes"):
//   /home                                                  tiles
//   /connections                                           Resources > Connections
//   <base>/edit/connections/<id>                           the edit drawer over <base>
//   /integrations/<id>/<tab>                               an integration (tabs: flows, connections, …)
//   /integrationapps/<appName>/<integrationId>/<tab>       an integration app's settings
import { useEffect } from 'react';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { usePath, navigate } from './router.jsx';
import { Layout } from './Layout.jsx';
import { HomePage } from './pages/Home.jsx';
import { ConnectionsPage } from './pages/Connections.jsx';
import { IntegrationPage, IntegrationAppPage } from './pages/Integrations.jsx';
import { ConnectionDrawer } from './ConnectionDrawer.jsx';

function splitDrawer(path) {
  const m = /^(.*)\/edit\/connections\/([^/]+)\/?$/.exec(path);
  return m ? { base: m[1] || '/connections', connectionId: decodeURIComponent(m[2]) } : { base: path, connectionId: null };
}

function Page({ path }) {
  let m;
  if (path === '/' || path === '/home') return <HomePage />;
  if (path === '/connections' || path === '/connections/') return <ConnectionsPage />;
  if ((m = /^\/integrationapps\/([^/]+)\/([^/]+)(?:\/([^/]+))?/.exec(path))) return <IntegrationAppPage appName={m[1]} integrationId={m[2]} tab={m[3] || 'flows'} />;
  if ((m = /^\/integrations\/([^/]+)(?:\/([^/]+))?/.exec(path))) return <IntegrationPage integrationId={m[1]} tab={m[2] || 'flows'} />;
  return (
    <Box sx={{ p: 4 }}>
      <Typography variant="h5" component="h1">Page not found</Typography>
      <Typography color="text.secondary">The page you are looking for does not exist.</Typography>
    </Box>
  );
}

export function App() {
  const path = usePath();
  useEffect(() => {
    if (path === '/') navigate('/home', { replace: true });
  }, [path]);
  const { base, connectionId } = splitDrawer(path);
  return (
    <Layout path={base}>
      <Page path={base} />
      {connectionId && <ConnectionDrawer key={connectionId} connectionId={connectionId} basePath={base} />}
    </Layout>
  );
}
