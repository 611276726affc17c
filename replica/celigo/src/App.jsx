// Routes, as the real app has them (real-site-evidence.md, "Routes"):
//   /home                                                  tiles
//   /connections                                           Resources > Connections
//   <base>/edit/connections/<id>                           the edit drawer over <base>
//   /integrations/<id>/<tab>                               an integration (tabs: flows, connections, …)
//   /integrationapps/<appName>/<integrationId>/<tab>       an integration app: its tabs (Connections
//                                                          is one), or the older Settings menu
//   /integrationapps/<appName>/<integrationId>/child/<childId>/<tab>   a multi-store app's store
import { useEffect } from 'react';
import { Typography } from 'celigo-ui';
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
  if ((m = /^\/integrationapps\/([^/]+)\/([^/]+)(?:\/child\/([^/]+))?(?:\/([^/]+))?/.exec(path))) {
    return <IntegrationAppPage appName={m[1]} integrationId={m[2]} childId={m[3] ?? null} tab={m[4] || 'flows'} />;
  }
  if ((m = /^\/integrations\/([^/]+)(?:\/([^/]+))?/.exec(path))) return <IntegrationPage integrationId={m[1]} tab={m[2] || 'flows'} />;
  return (
    <div className="page">
      <Typography variant="h5" component="h1">Page not found</Typography>
      <Typography color="textSecondary">The page you are looking for does not exist.</Typography>
    </div>
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
