// An integration (tabs across the top) and an integration app, in one of two layouts chosen by
// the replica (`state.celigo.iaLayout`, written into the shell):
//   'tabs'     today's UI: tabs across the top, Connections is its own tab (real-site-evidence.md,
//              "Routes"): settings, flows, dashboard, connections, notifications, auditlog,
//              analytics, users, admin, addons.
//   'settings' the older UI of the seed (Celigo's help for the Jira SmartConnector): a left
//              Settings menu with Connections in it.
// Both keep /integrationapps/<app>/<id>/connections for the list and …/edit/connections/<id> for
// the drawer. ASSUMED: the order and labels of the tabs and sections, the placeholders.
import { Typography, Tabs, Tab, Paper, List, ListItem, ListItemText, ListSubheader, Breadcrumbs, Link, CircularProgress } from 'celigo-ui';
import { RouterLink } from '../router.jsx';
import { useResource } from '../api.js';
import { replicaSetting } from '../store.js';
import { ConnectionsTable } from '../ConnectionsTable.jsx';

const INTEGRATION_TABS = [['flows', 'Flows'], ['connections', 'Connections'], ['users', 'Users'], ['auditlog', 'Audit log'], ['notifications', 'Notifications']];
const APP_TABS = [
  ['settings', 'Settings'], ['flows', 'Flows'], ['dashboard', 'Dashboard'], ['connections', 'Connections'], ['notifications', 'Notifications'],
  ['auditlog', 'Audit log'], ['analytics', 'Analytics'], ['users', 'Users'], ['admin', 'Admin'], ['addons', 'Add-ons'],
];
const APP_SECTIONS = [['general', 'General'], ['flows', 'Flows'], ['connections', 'Connections'], ['users', 'Users'], ['auditlog', 'Audit log'], ['notifications', 'Notifications']];

function Crumbs({ name }) {
  return (
    <Breadcrumbs className="mb1">
      <Link component={RouterLink} href="/home" underline="hover" color="inherit">Home</Link>
      <Typography color="textPrimary">{name}</Typography>
    </Breadcrumbs>
  );
}

function IntegrationConnections({ integrationId, editBase, variant }) {
  const { loading, data, error } = useResource(`/integrations/${integrationId}/connections`);
  return <ConnectionsTable loading={loading} error={error} connections={data ?? []} editBase={editBase} variant={variant} />;
}

function Placeholder({ what }) {
  return <Paper variant="outlined" className="placeholder"><Typography className="muted">{what}: nothing to show here.</Typography></Paper>;
}

function TabBar({ tabs, tab, base, label }) {
  const known = tabs.some(([t]) => t === tab);
  return (
    <Tabs value={known ? tab : false} className="tabs" aria-label={label} indicatorColor="primary" textColor="primary" variant="scrollable">
      {tabs.map(([t, text]) => <Tab key={t} value={t} label={text} component={RouterLink} href={`${base}/${t}`} data-test={`tab-${t}`} />)}
    </Tabs>
  );
}

export function IntegrationPage({ integrationId, tab }) {
  const { loading, data, error } = useResource(`/integrations/${integrationId}`);
  if (loading) return <CircularProgress size={28} />;
  if (error) return <Typography color="error">{error}</Typography>;
  const base = `/integrations/${integrationId}`;
  const known = INTEGRATION_TABS.find(([t]) => t === tab);
  return (
    <div>
      <Crumbs name={data.name} />
      <Typography variant="h5" component="h1" className="page-title">{data.name}</Typography>
      <TabBar tabs={INTEGRATION_TABS} tab={tab} base={base} label="Integration" />
      {tab === 'connections'
        ? <IntegrationConnections integrationId={integrationId} editBase={`${base}/connections`} />
        : <Placeholder what={known ? known[1] : 'Flow builder'} />}
    </div>
  );
}

export function IntegrationAppPage({ appName, integrationId, childId, tab }) {
  const { loading, data, error } = useResource(`/integrations/${integrationId}`);
  if (loading) return <CircularProgress size={28} />;
  if (error) return <Typography color="error">{error}</Typography>;
  const base = `/integrationapps/${appName}/${integrationId}${childId ? `/child/${childId}` : ''}`;
  const connections = tab === 'connections' && <IntegrationConnections integrationId={integrationId} editBase={`${base}/connections`} variant={replicaSetting('ia-layout', 'settings')} />;
  if (replicaSetting('ia-layout', 'settings') === 'tabs') {
    const known = APP_TABS.find(([t]) => t === tab);
    return (
      <div data-test="integrationAppTabs">
        <Crumbs name={data.name} />
        <Typography variant="h5" component="h1" className="page-title">{data.name}</Typography>
        <TabBar tabs={APP_TABS} tab={tab} base={base} label="Integration app" />
        {connections || <Placeholder what={known ? known[1] : 'This section'} />}
      </div>
    );
  }
  const section = APP_SECTIONS.find(([t]) => t === tab);
  return (
    <div>
      <Crumbs name={data.name} />
      <Typography variant="h5" component="h1" className="page-title">{data.name}</Typography>
      <div className="settings">
        <Paper variant="outlined" className="settings-menu">
          <List component="nav" aria-label="Settings" subheader={<ListSubheader>Settings</ListSubheader>} dense>
            {APP_SECTIONS.map(([t, label]) => (
              <ListItem key={t} button component={RouterLink} href={`${base}/${t}`} selected={t === tab}>
                <ListItemText primary={label} />
              </ListItem>
            ))}
          </List>
        </Paper>
        <div className="settings-body">
          <Typography variant="h6" component="h2" className="mb1">{section ? section[1] : 'Settings'}</Typography>
          {connections || <Placeholder what={section ? section[1] : 'This section'} />}
        </div>
      </div>
    </div>
  );
}
